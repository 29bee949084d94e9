package io.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static int count(BufferedImage img, Color c) {
        int n = 0;
        int rgb = c.getRGB() & 0xffffff;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lineChartHasTheRequestedSizeAndEverySeriesColour() {
        double[] x = {1, 2, 3, 4, 5};
        Charts.LineChart chart = new Charts.LineChart("Loss", "epoch", "MSE", List.of(
                new Charts.Series("train", x, new double[] {0.1, 0.05, 0.03, 0.02, 0.015}),
                new Charts.Series("val", x, new double[] {0.12, 0.06, Double.NaN, 0.03, 0.02})),
                true, true);
        BufferedImage img = Charts.lineChart(chart, 640, 400);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(count(img, Charts.color(0))).isGreaterThan(50);
        assertThat(count(img, Charts.color(1))).isGreaterThan(50);
        assertThat(count(img, Charts.color(2))).isZero();
        assertThat(count(img, Charts.BACKGROUND)).isLessThan(640 * 400);
    }

    @Test
    void emptyOrDegenerateSeriesStillDrawAxes() {
        BufferedImage empty = Charts.lineChart(new Charts.LineChart("t", "x", "y", List.of(),
                false, false), 300, 200);
        assertThat(count(empty, Charts.BACKGROUND)).isLessThan(300 * 200);
        BufferedImage flat = Charts.lineChart(new Charts.LineChart("t", "x", "y", List.of(
                new Charts.Series("one", new double[] {2}, new double[] {0.5})), true, true),
                300, 200);
        assertThat(count(flat, Charts.color(0))).isPositive();
        assertThatThrownBy(() -> new Charts.Series("bad", new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
    }

    @Test
    void niceTicksCoverTheRangeWithRoundSteps() {
        assertThat(Axis.niceTicks(0.013, 0.087, 5)).containsExactly(0, 0.02, 0.04, 0.06,
                0.08, 0.1);
        assertThat(Axis.niceTicks(0, 10, 5)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Axis.niceTicks(3, 3, 5)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Axis.tickLabel(0.30000000000000004)).isEqualTo("0.3");
        assertThat(Axis.tickLabel(1e-4)).isEqualTo("1e-4");
        assertThat(Axis.tickLabel(32)).isEqualTo("32");
    }

    @Test
    void scatterColoursPointsByClass() {
        int n = 100;
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            xy[2 * i] = labels[i] * 10 + (i % 7);
            xy[2 * i + 1] = (i % 11) - labels[i] * 5;
        }
        BufferedImage img = Charts.scatter("codes", xy, labels, "PC1 (50.0% of variance)",
                "PC2 (20.0% of variance)", 500, 400);
        assertThat(img.getWidth()).isEqualTo(500);
        assertThat(img.getHeight()).isEqualTo(400);
        for (int c = 0; c < 3; c++) {
            // the legend swatch is opaque; the points are drawn translucent
            assertThat(count(img, Charts.color(c))).as("class %d", c).isPositive();
        }
        assertThat(count(img, Charts.color(3))).as("absent class").isZero();
    }

    @Test
    void imageGridScalesEveryImageAndWritesAReadablePng(@TempDir Path tmp) throws Exception {
        float[] white = new float[28 * 28];
        java.util.Arrays.fill(white, 1f);
        float[] black = new float[28 * 28];
        float[][][] cells = {{white, black, white}, {black, white, black}};
        BufferedImage img = Charts.imageGrid("grid", List.of("input", "output"),
                List.of("a", "b", "c"), cells, 28, 3);
        assertThat(count(img, Color.BLACK)).isGreaterThanOrEqualTo(3 * 84 * 84);
        assertThat(img.getHeight()).isGreaterThan(2 * 84);
        assertThat(img.getWidth()).isGreaterThan(3 * 84);
        assertThatThrownBy(() -> Charts.imageGrid("", List.of("one"), List.of(), cells, 28, 3))
                .isInstanceOf(IllegalArgumentException.class);

        Path png = tmp.resolve("sub/grid.png");
        Charts.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(back.getWidth()).isEqualTo(img.getWidth());
        assertThat(back.getHeight()).isEqualTo(img.getHeight());
        assertThat(back.getRGB(img.getWidth() / 2, img.getHeight() / 2))
                .isEqualTo(img.getRGB(img.getWidth() / 2, img.getHeight() / 2));
        try (var files = Files.list(png.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("grid.png");
        }
    }
}
