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

    /** Pixels of exactly colour {@code c}. */
    static int count(BufferedImage img, Color c) {
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

    /** How far the colour of pixel (x, y) is from c: summed channel differences, 0..3. */
    private static double distance(BufferedImage img, double x, double y, Color c) {
        int argb = img.getRGB((int) Math.floor(x), (int) Math.floor(y));
        return (Math.abs(((argb >> 16) & 0xff) - c.getRed())
                + Math.abs(((argb >> 8) & 0xff) - c.getGreen())
                + Math.abs((argb & 0xff) - c.getBlue())) / 255.0;
    }

    @Test
    void theStoredTestMseIsVisibleOverTheEqualMeasuredOne() {
        // the shipped models: stored and measured test MSE agree to 1e-6
        double[] ed = {2, 4, 8, 16, 32};
        double[] mse = {0.0361917, 0.0268393, 0.0156008, 0.00879613, 0.00590198};
        double[] val = {0.0361189, 0.0266165, 0.0157633, 0.00902224, 0.00607606};
        double[] study = {Double.NaN, 0.027, Double.NaN, Double.NaN, 0.0085};
        Charts.LineChart chart = TableSections.mseVsEdChart(ed, mse, val, mse.clone(), 10000,
                study);
        assertThat(chart.series()).extracting(Charts.Series::name).containsExactly(
                "test MSE (stored)", "validation MSE (stored)", "test MSE (measured, n=10000)",
                "the study's test MSE");
        ChartFrame.Plot[] plot = new ChartFrame.Plot[1];
        BufferedImage img = LineCharts.draw(chart, ReportContext.CHART_W, ReportContext.CHART_H,
                p -> plot[0] = p);
        Color stored = Charts.color(0);
        Color measured = Charts.color(2);
        for (int i = 0; i < ed.length; i++) {
            double cx = plot[0].px(ed[i]);
            double cy = plot[0].py(mse[i]);
            // the stored marker: a ring in its colour around the point, on top of everything
            int onRing = 0;
            for (int a = 0; a < 24; a++) {
                double t = 2 * Math.PI * a / 24;
                if (distance(img, cx + LineCharts.RING * Math.cos(t),
                        cy + LineCharts.RING * Math.sin(t), stored) < 0.3) {
                    onRing++;
                }
            }
            assertThat(onRing).as("stored ring pixels at ED=%s", ed[i]).isGreaterThanOrEqualTo(20);
            if (ed[i] != 4) { // at ED=4 the study's dot (0.027) covers it
                assertThat(distance(img, cx, cy, measured)).as("measured dot at ED=%s", ed[i])
                        .isLessThan(0.1);
            }
        }
        // between ED=8 and 16 both lines show: the stored dashes and the measured line in
        // their gaps
        int dashes = 0;
        int gaps = 0;
        double x0 = plot[0].px(8);
        double y0 = plot[0].py(mse[2]);
        double x1 = plot[0].px(16);
        double y1 = plot[0].py(mse[3]);
        for (int k = 10; k <= 90; k++) {
            double x = x0 + (x1 - x0) * k / 100;
            double y = y0 + (y1 - y0) * k / 100;
            dashes += distance(img, x, y, stored) < 0.3 ? 1 : 0;
            gaps += distance(img, x, y, measured) < 0.3 ? 1 : 0;
        }
        assertThat(dashes).as("stored dashes").isGreaterThan(20);
        assertThat(gaps).as("measured line between the dashes").isGreaterThan(10);
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
