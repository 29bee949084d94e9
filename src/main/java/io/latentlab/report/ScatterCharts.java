package io.latentlab.report;

import static io.latentlab.report.ChartFrame.COLOURS;
import static io.latentlab.report.ChartFrame.canvas;
import static io.latentlab.report.ChartFrame.checkSize;
import static io.latentlab.report.ChartFrame.color;
import static io.latentlab.report.ChartFrame.frame;
import static io.latentlab.report.ChartFrame.graphics;
import static io.latentlab.report.ChartFrame.legend;

import io.latentlab.report.ChartFrame.Plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Scatter plots of 2-D points coloured by digit class. */
final class ScatterCharts {

    private ScatterCharts() {}

    /** See {@link Charts#scatter}. */
    static BufferedImage draw(String title, float[] xy, int[] labels, String xLabel,
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
        boolean[] present = new boolean[COLOURS];
        for (int i = 0; i < n; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
            present[Math.floorMod(labels[i], COLOURS)] = true;
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
            legend(g, names, colours, width - 10, p.top(), false);
        } finally {
            g.dispose();
        }
        return img;
    }
}
