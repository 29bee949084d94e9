package io.latentlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** What every chart shares: canvas, colours, fonts, the framed plot area with its axes, legends. */
final class ChartFrame {

    /** Background of every chart. */
    static final Color BACKGROUND = Color.WHITE;

    /** Ten distinct colours (matplotlib's "tab10"), one per series or digit class. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    /** How many distinct colours {@link #color(int)} gives before it cycles. */
    static final int COLOURS = PALETTE.length;

    static final Color AXIS = new Color(0x333333);
    private static final Color GRID = new Color(0xe6e6e6);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartFrame() {}

    /** The colour of series or class {@code i} (cycling after ten). */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The plot area of a chart in pixels and its axes. */
    record Plot(double left, double top, double right, double bottom, Axis x, Axis y) {

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
    static Plot frame(Graphics2D g, int width, int height, String title, String xLabel,
            String yLabel, Axis xAxis, Axis yAxis) {
        g.setFont(TICK_FONT);
        FontMetrics tfm = g.getFontMetrics();
        int tickWidth = 0;
        for (double t : yAxis.ticks()) {
            tickWidth = Math.max(tickWidth, tfm.stringWidth(Axis.tickLabel(t)));
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
            String s = Axis.tickLabel(t);
            double y = p.py(t);
            g.draw(new Line2D.Double(left - 4, y, left, y));
            g.drawString(s, (float) (left - 7 - tfm.stringWidth(s)),
                    (float) (y + tfm.getAscent() / 2.0 - 1));
        }
        for (double t : xAxis.ticks()) {
            String s = Axis.tickLabel(t);
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
    static double[] legendSize(Graphics2D g, List<String> names) {
        FontMetrics fm = g.getFontMetrics(LABEL_FONT);
        int textWidth = 0;
        for (String n : names) {
            textWidth = Math.max(textWidth, fm.stringWidth(n));
        }
        return new double[] {textWidth + 40, names.size() * (fm.getHeight() + 2) + 8};
    }

    static void legend(Graphics2D g, List<String> names, double right, double top,
            boolean lines) {
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            colours.add(color(i));
        }
        legend(g, names, colours, right, top, lines);
    }

    /** A boxed legend whose top-right corner is at (right, top). */
    static void legend(Graphics2D g, List<String> names, List<Color> colours,
            double right, double top, boolean lines) {
        legend(g, names, colours, lines ? names.stream().map(n -> Charts.Style.SOLID).toList()
                : null, right, top);
    }

    /**
     * A boxed legend whose top-right corner is at (right, top): a line swatch in each
     * series' style, or a dot per name when {@code styles} is null.
     */
    static void legend(Graphics2D g, List<String> names, List<Color> colours,
            List<Charts.Style> styles, double right, double top) {
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
            if (styles != null && styles.get(i) == Charts.Style.DASHED_HOLLOW) {
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                        10f, new float[] {4f, 3f}, 0f));
                g.draw(new Line2D.Double(x + 6, y, x + 28, y));
                g.setStroke(new BasicStroke(2f));
                g.draw(new Ellipse2D.Double(x + 12, y - 5, 10, 10));
            } else if (styles != null) {
                g.setStroke(new BasicStroke(3f));
                g.draw(new Line2D.Double(x + 8, y, x + 26, y));
            } else {
                g.fill(new Ellipse2D.Double(x + 12, y - 4, 8, 8));
            }
            g.setColor(AXIS);
            g.drawString(names.get(i), (float) (x + 32), (float) (y + fm.getAscent() / 2.0 - 1));
        }
    }

    static void checkSize(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a chart needs at least 200x150 pixels, got "
                    + width + "x" + height);
        }
    }

    static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }
}
