package io.latentlab.report;

import io.latentlab.model.AtomicFiles;
import io.latentlab.study.ReconstructionGrid;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * Static chart renderers for the report, drawn with Java2D on a {@link BufferedImage} so they
 * work headless ({@code -Djava.awt.headless=true}) and need no JavaFX.
 */
public final class Charts {

    /** Background of every chart. */
    public static final Color BACKGROUND = Color.WHITE;

    /** Ten distinct colours (matplotlib's "tab10"), one per series or digit class. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private static final Color AXIS = new Color(0x333333);
    private static final Color GRID = new Color(0xe6e6e6);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {}

    /**
     * The colour of series or class {@code i} (cycling after ten).
     *
     * @param i index, at least 0
     * @return the colour
     */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * One named line of a line chart. Points with a non-finite coordinate (or a non-positive y
     * on a log axis) are skipped and break the line.
     *
     * @param name legend label
     * @param x x values
     * @param y y values, as many as {@code x}
     */
    public record Series(String name, double[] x, double[] y) {

        /** Checks the lengths. */
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length
                        + " x values but " + y.length + " y values");
            }
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
        checkSize(width, height);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : chart.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], s.y()[i], chart.logY())) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        if (xMin > xMax) { // nothing to draw: still show empty axes
            xMin = 0;
            xMax = 1;
            yMin = chart.logY() ? 0.1 : 0;
            yMax = 1;
        }
        Axis xAxis = Axis.linear(xMin, xMax);
        Axis yAxis = chart.logY() ? Axis.log(yMin, yMax) : Axis.linear(yMin, yMax);

        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            Plot p = frame(g, width, height, chart.title(), chart.xLabel(), chart.yLabel(),
                    xAxis, yAxis);
            Shape oldClip = g.getClip();
            g.clip(new Rectangle2D.Double(p.left - 1, p.top - 1, p.width() + 2, p.height() + 2));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int k = 0; k < chart.series().size(); k++) {
                Series s = chart.series().get(k);
                g.setColor(color(k));
                Path2D.Double path = new Path2D.Double();
                boolean open = false;
                for (int i = 0; i < s.x().length; i++) {
                    if (!usable(s.x()[i], s.y()[i], chart.logY())) {
                        open = false;
                        continue;
                    }
                    double px = p.px(s.x()[i]);
                    double py = p.py(s.y()[i]);
                    if (open) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        open = true;
                    }
                    if (chart.markers()) {
                        g.fill(new Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
                    }
                }
                g.draw(path);
            }
            g.setClip(oldClip);
            List<String> names = chart.series().stream().map(Series::name).toList();
            double[] size = legendSize(g, names);
            double[] corner = emptiestCorner(chart, p, size[0], size[1]);
            legend(g, names, corner[0], corner[1], true);
        } finally {
            g.dispose();
        }
        return img;
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
        checkSize(width, height);
        int n = labels.length;
        if (xy.length < 2L * n) {
            throw new IllegalArgumentException("need " + 2 * n + " coordinates for " + n
                    + " points, got " + xy.length);
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean[] present = new boolean[PALETTE.length];
        for (int i = 0; i < n; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
            present[Math.floorMod(labels[i], PALETTE.length)] = true;
        }
        if (xMin > xMax) {
            xMin = yMin = -1;
            xMax = yMax = 1;
        }
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            Plot p = frame(g, width, height, title, xLabel, yLabel, Axis.linear(xMin, xMax),
                    Axis.linear(yMin, yMax));
            // small translucent dots so that dense clusters still show their mix of classes
            double r = n > 2000 ? 1.6 : 2.5;
            for (int i = 0; i < n; i++) {
                float x = xy[2 * i];
                float y = xy[2 * i + 1];
                if (!Float.isFinite(x) || !Float.isFinite(y)) {
                    continue;
                }
                Color c = color(labels[i]);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
                g.fill(new Ellipse2D.Double(p.px(x) - r, p.py(y) - r, 2 * r, 2 * r));
            }
            List<String> names = new ArrayList<>();
            List<Color> colours = new ArrayList<>();
            for (int c = 0; c < present.length; c++) {
                if (present[c]) {
                    names.add(Integer.toString(c));
                    colours.add(color(c));
                }
            }
            legend(g, names, colours, width - 10, p.top, false);
        } finally {
            g.dispose();
        }
        return img;
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
        int n = grid.noises().size();
        float[][][] cells = new float[2 * n][][];
        List<String> rowLabels = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            cells[2 * r] = grid.inputs()[r];
            cells[2 * r + 1] = grid.outputs()[r];
            rowLabels.add(grid.noises().get(r).spec() + " input");
            rowLabels.add(grid.noises().get(r).spec() + " output");
        }
        List<String> colLabels = new ArrayList<>();
        for (int i = 0; i < grid.digits().length; i++) {
            colLabels.add("#" + grid.digits()[i] + " (" + grid.classes()[i] + ")");
        }
        return imageGrid(title, rowLabels, colLabels, cells, grid.rows(), scale);
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
        int rows = images.length;
        int cols = rows == 0 ? 0 : images[0].length;
        if (rowLabels.size() != rows || (!colLabels.isEmpty() && colLabels.size() != cols)) {
            throw new IllegalArgumentException("need " + rows + " row labels and " + cols
                    + " column labels, got " + rowLabels.size() + " and " + colLabels.size());
        }
        if (side < 1 || scale < 1) {
            throw new IllegalArgumentException("side and scale must be >= 1");
        }
        int cell = side * scale;
        int gap = 4;
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = probe.getFontMetrics(LABEL_FONT);
        probe.dispose();
        int labelWidth = 0;
        for (String l : rowLabels) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(l));
        }
        int left = labelWidth + 16;
        int top = (title.isEmpty() ? 8 : 34) + (colLabels.isEmpty() ? 0 : 20);
        int width = Math.max(left + cols * (cell + gap) + 8, 200);
        int height = top + rows * (cell + gap) + 8;
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            if (!title.isEmpty()) {
                g.setFont(TITLE_FONT);
                g.setColor(AXIS);
                g.drawString(title, 8, 22);
            }
            g.setFont(LABEL_FONT);
            g.setColor(AXIS);
            for (int c = 0; c < colLabels.size(); c++) {
                String l = colLabels.get(c);
                g.drawString(l, left + c * (cell + gap) + (cell - fm.stringWidth(l)) / 2,
                        top - 6);
            }
            for (int r = 0; r < rows; r++) {
                int y = top + r * (cell + gap);
                g.setColor(AXIS);
                g.drawString(rowLabels.get(r), left - 10 - fm.stringWidth(rowLabels.get(r)),
                        y + cell / 2 + fm.getAscent() / 2 - 1);
                if (images[r].length != cols) {
                    throw new IllegalArgumentException("row " + r + " has " + images[r].length
                            + " images, expected " + cols);
                }
                for (int c = 0; c < cols; c++) {
                    drawDigit(img, images[r][c], side, scale, left + c * (cell + gap), y);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
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

    // ---------------------------------------------------------------- ticks and axes

    /**
     * "Nice" tick positions (multiples of 1, 2 or 5 times a power of ten) covering
     * {@code [min, max]}: the first tick is at or below {@code min}, the last at or above
     * {@code max}.
     *
     * @param min smallest value
     * @param max largest value
     * @param target roughly how many intervals
     * @return ascending ticks, at least two
     */
    static double[] niceTicks(double min, double max, int target) {
        if (!(max > min)) { // a single value: centre it in a unit-wide range
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        double first = Math.floor(min / step + 1e-9) * step;
        double last = Math.ceil(max / step - 1e-9) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[Math.max(2, count)];
        for (int i = 0; i < ticks.length; i++) {
            // round away floating-point dust such as 0.30000000000000004
            ticks[i] = new BigDecimal(first + i * step).round(new java.math.MathContext(12))
                    .doubleValue();
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    /**
     * A short tick label: plain decimals without trailing zeros, scientific notation for very
     * small or large magnitudes.
     *
     * @param v the value
     * @return the label
     */
    static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            return s.replace(".0e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    /** A mapping of data values to [0, 1] with its tick positions. */
    private record Axis(double lo, double hi, double[] ticks, boolean log) {

        static Axis linear(double min, double max) {
            double[] t = niceTicks(min, max, 5);
            return new Axis(t[0], t[t.length - 1], t, false);
        }

        static Axis log(double min, double max) {
            if (Math.log10(max) - Math.log10(min) < 3) {
                // a short range: bounds and ticks on the 1-2-5 sequence, no wasted decade
                double lo = niceFloor(min);
                double hi = niceCeil(max);
                if (hi <= lo) {
                    hi = niceCeil(lo * 1.01);
                }
                List<Double> ticks = new ArrayList<>();
                for (int e = (int) Math.floor(Math.log10(lo)) - 1; e <= Math.log10(hi) + 1; e++) {
                    for (double m : new double[] {1, 2, 5}) {
                        double v = Double.parseDouble(m + "e" + e);
                        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                            ticks.add(v);
                        }
                    }
                }
                return new Axis(lo, hi, ticks.stream().mapToDouble(Double::doubleValue)
                        .toArray(), true);
            }
            int lo = (int) Math.floor(Math.log10(min) + 1e-9);
            int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
            double[] ticks = new double[hi - lo + 1];
            for (int e = lo; e <= hi; e++) {
                ticks[e - lo] = Double.parseDouble("1e" + e);
            }
            return new Axis(ticks[0], ticks[ticks.length - 1], ticks, true);
        }

        /** The largest of 1, 2, 5 times a power of ten that is at most {@code v}. */
        private static double niceFloor(double v) {
            int e = (int) Math.floor(Math.log10(v));
            for (double m : new double[] {5, 2, 1}) {
                double c = Double.parseDouble(m + "e" + e);
                if (c <= v * (1 + 1e-9)) {
                    return c;
                }
            }
            return Double.parseDouble("1e" + (e - 1)) * 5;
        }

        /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
        private static double niceCeil(double v) {
            int e = (int) Math.floor(Math.log10(v));
            for (double m : new double[] {1, 2, 5}) {
                double c = Double.parseDouble(m + "e" + e);
                if (c >= v * (1 - 1e-9)) {
                    return c;
                }
            }
            return Double.parseDouble("1e" + (e + 1));
        }

        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                    : (v - lo) / (hi - lo);
        }
    }

    /** The plot area of a chart in pixels and its axes. */
    private record Plot(double left, double top, double right, double bottom, Axis x, Axis y) {

        double width() {
            return right - left;
        }

        double height() {
            return bottom - top;
        }

        double px(double v) {
            return left + x.fraction(v) * width();
        }

        double py(double v) {
            return bottom - y.fraction(v) * height();
        }
    }

    /** Draws title, grid, axes, ticks and axis labels; returns the plot area. */
    private static Plot frame(Graphics2D g, int width, int height, String title, String xLabel,
            String yLabel, Axis xAxis, Axis yAxis) {
        g.setFont(TICK_FONT);
        FontMetrics tfm = g.getFontMetrics();
        int tickWidth = 0;
        for (double t : yAxis.ticks()) {
            tickWidth = Math.max(tickWidth, tfm.stringWidth(tickLabel(t)));
        }
        double left = 30 + tickWidth + 8;
        double top = 40;
        double right = width - 16;
        double bottom = height - 48;
        Plot p = new Plot(left, top, right, bottom, xAxis, yAxis);

        g.setColor(GRID);
        g.setStroke(new BasicStroke(1f));
        for (double t : yAxis.ticks()) {
            g.draw(new Line2D.Double(left, p.py(t), right, p.py(t)));
        }
        for (double t : xAxis.ticks()) {
            g.draw(new Line2D.Double(p.px(t), top, p.px(t), bottom));
        }
        g.setColor(AXIS);
        g.draw(new Rectangle2D.Double(left, top, p.width(), p.height()));
        for (double t : yAxis.ticks()) {
            String s = tickLabel(t);
            double y = p.py(t);
            g.draw(new Line2D.Double(left - 4, y, left, y));
            g.drawString(s, (float) (left - 7 - tfm.stringWidth(s)),
                    (float) (y + tfm.getAscent() / 2.0 - 1));
        }
        for (double t : xAxis.ticks()) {
            String s = tickLabel(t);
            double x = p.px(t);
            g.draw(new Line2D.Double(x, bottom, x, bottom + 4));
            g.drawString(s, (float) (x - tfm.stringWidth(s) / 2.0),
                    (float) (bottom + 6 + tfm.getAscent()));
        }
        g.setFont(TITLE_FONT);
        g.drawString(title, (float) left, 24f);
        g.setFont(LABEL_FONT);
        FontMetrics lfm = g.getFontMetrics();
        g.drawString(xLabel, (float) (left + (p.width() - lfm.stringWidth(xLabel)) / 2),
                (float) (height - 12));
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, (float) (-(top + (p.height() + lfm.stringWidth(yLabel)) / 2)), 16f);
        g.setTransform(old);
        return p;
    }

    /** Width and height of the legend box of these names. */
    private static double[] legendSize(Graphics2D g, List<String> names) {
        FontMetrics fm = g.getFontMetrics(LABEL_FONT);
        int textWidth = 0;
        for (String n : names) {
            textWidth = Math.max(textWidth, fm.stringWidth(n));
        }
        return new double[] {textWidth + 40, names.size() * (fm.getHeight() + 2) + 8};
    }

    /**
     * The (right, top) position of the legend in the plot corner that covers the fewest points
     * of the lines (sampled along every segment), top right on ties.
     */
    private static double[] emptiestCorner(LineChart chart, Plot p, double w, double h) {
        double m = 8;
        double[][] corners = {
            {p.right - m, p.top + m}, {p.right - m, p.bottom - m - h},
            {p.left + m + w, p.top + m}, {p.left + m + w, p.bottom - m - h}};
        int[] hits = new int[corners.length];
        for (Series s : chart.series()) {
            double px0 = Double.NaN;
            double py0 = Double.NaN;
            for (int i = 0; i < s.x().length; i++) {
                if (!usable(s.x()[i], s.y()[i], chart.logY())) {
                    px0 = Double.NaN;
                    continue;
                }
                double px = p.px(s.x()[i]);
                double py = p.py(s.y()[i]);
                int steps = Double.isNaN(px0) ? 1 : 12;
                for (int k = 1; k <= steps; k++) {
                    double t = (double) k / steps;
                    double x = Double.isNaN(px0) ? px : px0 + t * (px - px0);
                    double y = Double.isNaN(py0) ? py : py0 + t * (py - py0);
                    for (int c = 0; c < corners.length; c++) {
                        if (x >= corners[c][0] - w - 4 && x <= corners[c][0] + 4
                                && y >= corners[c][1] - 4 && y <= corners[c][1] + h + 4) {
                            hits[c]++;
                        }
                    }
                }
                px0 = px;
                py0 = py;
            }
        }
        int best = 0;
        for (int c = 1; c < corners.length; c++) {
            if (hits[c] < hits[best]) {
                best = c;
            }
        }
        return corners[best];
    }

    private static void legend(Graphics2D g, List<String> names, double right, double top,
            boolean lines) {
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            colours.add(color(i));
        }
        legend(g, names, colours, right, top, lines);
    }

    /** A boxed legend whose top-right corner is at (right, top). */
    private static void legend(Graphics2D g, List<String> names, List<Color> colours,
            double right, double top, boolean lines) {
        if (names.isEmpty()) {
            return;
        }
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int textWidth = 0;
        for (String n : names) {
            textWidth = Math.max(textWidth, fm.stringWidth(n));
        }
        int row = fm.getHeight() + 2;
        double w = textWidth + 40;
        double h = names.size() * row + 8;
        double x = right - w;
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(new Rectangle2D.Double(x, top, w, h));
        g.setColor(GRID.darker());
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, top, w, h));
        for (int i = 0; i < names.size(); i++) {
            double y = top + 4 + i * row + row / 2.0;
            g.setColor(colours.get(i));
            if (lines) {
                g.setStroke(new BasicStroke(3f));
                g.draw(new Line2D.Double(x + 8, y, x + 26, y));
            } else {
                g.fill(new Ellipse2D.Double(x + 12, y - 4, 8, 8));
            }
            g.setColor(AXIS);
            g.drawString(names.get(i), (float) (x + 32), (float) (y + fm.getAscent() / 2.0 - 1));
        }
    }

    private static void drawDigit(BufferedImage img, float[] pixels, int side, int scale, int x0,
            int y0) {
        if (pixels.length < side * side) {
            throw new IllegalArgumentException("an image needs " + side * side + " pixels, got "
                    + pixels.length);
        }
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                float v = pixels[r * side + c];
                int gray = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255);
                int rgb = (gray << 16) | (gray << 8) | gray;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static boolean usable(double x, double y, boolean logY) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }

    private static void checkSize(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a chart needs at least 200x150 pixels, got "
                    + width + "x" + height);
        }
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }
}
