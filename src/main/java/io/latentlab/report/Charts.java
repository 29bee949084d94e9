package io.latentlab.report;

import io.latentlab.analysis.Interpolation;
import io.latentlab.model.AtomicFiles;
import io.latentlab.study.ReconstructionGrid;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * Static chart renderers for the report, drawn with Java2D on a {@link BufferedImage} so they
 * work headless ({@code -Djava.awt.headless=true}) and need no JavaFX. The entry point: the
 * drawing is in {@link LineCharts}, {@link ScatterCharts} and {@link ImageGrids}, on the frame
 * of {@link ChartFrame}.
 */
public final class Charts {

    /** Background of every chart. */
    public static final Color BACKGROUND = ChartFrame.BACKGROUND;

    private Charts() {}

    /**
     * The colour of series or class {@code i} (cycling after ten).
     *
     * @param i index, at least 0
     * @return the colour
     */
    public static Color color(int i) {
        return ChartFrame.color(i);
    }

    /** How a line chart draws a series. */
    public enum Style {
        /** A solid line with filled markers. */
        SOLID,
        /**
         * A dashed line with hollow ring markers, drawn over the solid series: a series that
         * coincides with another stays visible without hiding it.
         */
        DASHED_HOLLOW
    }

    /**
     * One named line of a line chart. Points with a non-finite coordinate (or a non-positive y
     * on a log axis) are skipped and break the line.
     *
     * @param name legend label
     * @param x x values
     * @param y y values, as many as {@code x}
     * @param style how it is drawn
     */
    public record Series(String name, double[] x, double[] y, Style style) {

        /** Checks the lengths. */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length
                        + " x values but " + y.length + " y values");
            }
        }

        /**
         * A solid series.
         *
         * @param name legend label
         * @param x x values
         * @param y y values, as many as {@code x}
         */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, Style.SOLID);
        }
    }

    /**
     * What a line chart shows.
     *
     * @param title title above the plot
     * @param xLabel x axis label
     * @param yLabel y axis label
     * @param series the lines, coloured by {@link #color(int)} in order
     * @param logY logarithmic y axis
     * @param markers draw a dot at every point
     */
    public record LineChart(String title, String xLabel, String yLabel, List<Series> series,
            boolean logY, boolean markers) {

        /** Copies the list. */
        public LineChart {
            series = List.copyOf(series);
        }
    }

    /**
     * Draws a line chart with nice axis ticks, grid lines and a legend.
     *
     * @param chart what to draw
     * @param width image width in pixels (at least 200)
     * @param height image height in pixels (at least 150)
     * @return the image
     */
    public static BufferedImage lineChart(LineChart chart, int width, int height) {
        return LineCharts.draw(chart, width, height);
    }

    /**
     * Draws 2-D points coloured by their class (0..9) with a legend of the classes present.
     *
     * @param title title above the plot
     * @param xy row-major {@code n x 2} coordinates
     * @param labels class of each point, 0..9
     * @param xLabel x axis label (e.g. "PC1 (41.2% of variance)")
     * @param yLabel y axis label
     * @param width image width in pixels (at least 200)
     * @param height image height in pixels (at least 150)
     * @return the image
     */
    public static BufferedImage scatter(String title, float[] xy, int[] labels, String xLabel,
            String yLabel, int width, int height) {
        return ScatterCharts.draw(title, xy, labels, xLabel, yLabel, width, height);
    }

    /**
     * The study's reconstruction figure: for each noise a row of noisy inputs above a row of
     * their reconstructions, one column per digit (labelled with its index and class).
     *
     * @param grid the digits and reconstructions
     * @param title title above the grid (may be empty)
     * @param scale pixel scale factor (e.g. 3)
     * @return the image
     */
    public static BufferedImage reconstructionGrid(ReconstructionGrid grid, String title,
            int scale) {
        return ImageGrids.reconstructionGrid(grid, title, scale);
    }

    /** Row labels of {@link #interpolation}. */
    public static final List<String> INTERPOLATION_ROWS = List.of("latent line",
            "pixel cross-fade");

    /**
     * The interpolation figure: the decodes along the latent line from A to B above the pixel
     * cross-fade of A and B; the columns are labelled A, the position t of each point, B.
     *
     * @param strip the interpolation (28x28 images)
     * @param title title above the rows (may be empty), e.g. which digits A and B are
     * @param scale pixel scale factor (e.g. 3)
     * @return the image
     */
    public static BufferedImage interpolation(Interpolation.Strip strip, String title,
            int scale) {
        int steps = strip.steps();
        float[][][] images = new float[2][steps][];
        List<String> cols = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            images[0][k] = strip.decodedImage(k);
            images[1][k] = strip.crossFadeImage(k);
            cols.add(k == 0 ? "A" : k == steps - 1 ? "B"
                    : String.format(Locale.ROOT, "%.2f", Interpolation.t(k, steps)));
        }
        int side = (int) Math.round(Math.sqrt(strip.pixels()));
        return ImageGrids.imageGrid(title, INTERPOLATION_ROWS, cols, images, side, scale);
    }

    /**
     * Draws a grid of grayscale images (0 = black, 1 = white; values are clamped) with a label
     * left of each row and above each column.
     *
     * @param title title above the grid (may be empty)
     * @param rowLabels one label per row
     * @param colLabels one label per column (may be empty for no column labels)
     * @param images {@code images[row][col]}: row-major {@code side x side} pixels
     * @param side image side in pixels (28 for MNIST)
     * @param scale pixel scale factor (e.g. 3)
     * @return the image
     */
    public static BufferedImage imageGrid(String title, List<String> rowLabels,
            List<String> colLabels, float[][][] images, int side, int scale) {
        return ImageGrids.imageGrid(title, rowLabels, colLabels, images, side, scale);
    }

    /**
     * Writes an image as PNG atomically (temporary file, then rename).
     *
     * @param image the image
     * @param target the PNG file (parent folders are created)
     * @throws IOException if writing fails; an existing file is left unchanged
     */
    public static void writePng(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
