package io.latentlab.report;

import static io.latentlab.report.ChartFrame.canvas;
import static io.latentlab.report.ChartFrame.checkSize;
import static io.latentlab.report.ChartFrame.color;
import static io.latentlab.report.ChartFrame.frame;
import static io.latentlab.report.ChartFrame.graphics;
import static io.latentlab.report.ChartFrame.legend;
import static io.latentlab.report.ChartFrame.legendSize;

import io.latentlab.report.ChartFrame.Plot;
import io.latentlab.report.Charts.LineChart;
import io.latentlab.report.Charts.Series;
import io.latentlab.report.Charts.Style;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Line charts: lines with optional markers, a linear or log y axis, the legend out of the way. */
final class LineCharts {

    private static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

    private LineCharts() {}

    /** Radius of a filled marker, in pixels. */
    static final double DOT = 3.5;
    /** Radius of the middle of a hollow marker's ring: around a dot, not over it. */
    static final double RING = 6;

    /** See {@link Charts#lineChart}. */
    static BufferedImage draw(LineChart chart, int width, int height) {
        return draw(chart, width, height, p -> { });
    }

    /**
     * See {@link Charts#lineChart}.
     *
     * @param plotArea receives the plot area (where each point lands), e.g. for tests
     */
    static BufferedImage draw(LineChart chart, int width, int height,
            Consumer<Plot> plotArea) {
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
            plotArea.accept(p);
            Shape oldClip = g.getClip();
            g.clip(new Rectangle2D.Double(p.left() - 1, p.top() - 1, p.width() + 2,
                    p.height() + 2));
            // lines under markers, and the dashed hollow series over the solid ones
            for (Style style : Style.values()) {
                g.setStroke(style == Style.SOLID ? SOLID : DASHED);
                for (int k = 0; k < chart.series().size(); k++) {
                    if (chart.series().get(k).style() == style) {
                        g.setColor(color(k));
                        g.draw(path(chart.series().get(k), p, chart.logY()));
                    }
                }
            }
            if (chart.markers()) {
                g.setStroke(SOLID);
                for (Style style : Style.values()) {
                    for (int k = 0; k < chart.series().size(); k++) {
                        if (chart.series().get(k).style() == style) {
                            g.setColor(color(k));
                            markers(g, chart.series().get(k), p, chart.logY());
                        }
                    }
                }
            }
            g.setClip(oldClip);
            List<String> names = chart.series().stream().map(Series::name).toList();
            double[] size = legendSize(g, names);
            double[] corner = emptiestCorner(chart, p, size[0], size[1]);
            List<Color> colours = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                colours.add(color(k));
            }
            legend(g, names, colours, chart.series().stream().map(Series::style).toList(),
                    corner[0], corner[1]);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Path2D.Double path(Series s, Plot p, boolean logY) {
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!usable(s.x()[i], s.y()[i], logY)) {
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
        }
        return path;
    }

    private static void markers(Graphics2D g, Series s, Plot p, boolean logY) {
        for (int i = 0; i < s.x().length; i++) {
            if (usable(s.x()[i], s.y()[i], logY)) {
                double px = p.px(s.x()[i]);
                double py = p.py(s.y()[i]);
                if (s.style() == Style.SOLID) {
                    g.fill(new Ellipse2D.Double(px - DOT, py - DOT, 2 * DOT, 2 * DOT));
                } else {
                    g.draw(new Ellipse2D.Double(px - RING, py - RING, 2 * RING, 2 * RING));
                }
            }
        }
    }

    /**
     * The (right, top) position of the legend in the plot corner that covers the fewest points
     * of the lines (sampled along every segment), top right on ties.
     */
    private static double[] emptiestCorner(LineChart chart, Plot p, double w, double h) {
        double m = 8;
        double[][] corners = {
            {p.right() - m, p.top() + m}, {p.right() - m, p.bottom() - m - h},
            {p.left() + m + w, p.top() + m}, {p.left() + m + w, p.bottom() - m - h}};
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

    private static boolean usable(double x, double y, boolean logY) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }
}
