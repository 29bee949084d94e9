package io.latentlab.report;

import static io.latentlab.report.ChartFrame.AXIS;
import static io.latentlab.report.ChartFrame.LABEL_FONT;
import static io.latentlab.report.ChartFrame.TITLE_FONT;
import static io.latentlab.report.ChartFrame.canvas;
import static io.latentlab.report.ChartFrame.color;
import static io.latentlab.report.ChartFrame.frame;
import static io.latentlab.report.ChartFrame.graphics;

import io.latentlab.report.ChartFrame.Plot;
import io.latentlab.study.GridSearch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The grid search as the discard rule judged it: one panel per fold with the training and
 * validation curves of every setting and the fold's mean-image baseline (with the line the
 * final validation MSE had to reach), the discarded settings in grey. All panels share their
 * axes so the folds compare at a glance.
 */
final class GridSearchFigure {

    static final int PANEL_W = 420;
    static final int PANEL_H = 340;
    static final int LEGEND_W = 300;
    static final int TITLE_H = 30;
    static final int PER_ROW = 3;
    /** Discarded settings: light enough to sit behind the kept ones. */
    static final Color DISCARDED = new Color(0xbdbdbd);

    private static final Stroke VALIDATION = new BasicStroke(2f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND);
    private static final Stroke TRAINING = new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f);
    private static final Stroke BASELINE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {9f, 3f, 2f, 3f}, 0f);
    private static final Stroke THRESHOLD = new BasicStroke(1f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);

    private GridSearchFigure() {}

    /**
     * @param r a grid search (its baselines may be unknown: then no baseline lines)
     * @return the figure: {@code min(folds, 3)} panels a row, the legend on the right
     */
    static BufferedImage draw(GridSearch.Result r) {
        int folds = r.options().folds();
        int cols = Math.min(folds, PER_ROW);
        int rows = (folds + PER_ROW - 1) / PER_ROW;
        int width = cols * PANEL_W + LEGEND_W;
        int height = TITLE_H + rows * PANEL_H;
        List<GridSearch.SettingResult> order = drawingOrder(r);
        double[] range = yRange(r);
        Axis x = Axis.linear(1, Math.max(2, r.options().epochs()));
        Axis y = Axis.log(range[0], range[1]);

        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            g.setColor(AXIS);
            g.setFont(TITLE_FONT);
            g.drawString("Grid search, ED=" + r.options().encodingDim() + ": training and "
                    + "validation MSE per fold, as the discard rule judged them", 12f, 22f);
            for (int f = 0; f < folds; f++) {
                Graphics2D p = (Graphics2D) g.create();
                try {
                    p.translate((f % PER_ROW) * PANEL_W, TITLE_H + (f / PER_ROW) * PANEL_H);
                    panel(p, r, f, order, x, y);
                } finally {
                    p.dispose();
                }
            }
            legend(g, r, order, cols * PANEL_W + 8, TITLE_H + 40);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Discarded settings first (underneath), then the kept ones from the last rank up. */
    private static List<GridSearch.SettingResult> drawingOrder(GridSearch.Result r) {
        List<GridSearch.SettingResult> out = new ArrayList<>();
        r.settings().stream().filter(GridSearch.SettingResult::discarded).forEach(out::add);
        List<GridSearch.SettingResult> kept = new ArrayList<>(r.ranking());
        Collections.reverse(kept);
        out.addAll(kept);
        return out;
    }

    /** The colour of a setting: its rank's (skipping the palette's grey), or grey if discarded. */
    static Color colour(GridSearch.Result r, GridSearch.SettingResult s) {
        int rank = r.rank(s);
        if (rank == 0) {
            return DISCARDED;
        }
        int i = rank - 1;
        return color(i >= 7 ? i + 1 : i);
    }

    private static double[] yRange(GridSearch.Result r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (GridSearch.SettingResult s : r.settings()) {
            for (GridSearch.FoldCurve c : s.folds()) {
                for (double[] v : new double[][] {c.train(), c.validation()}) {
                    for (double d : v) {
                        if (Double.isFinite(d) && d > 0) {
                            lo = Math.min(lo, d);
                            hi = Math.max(hi, d);
                        }
                    }
                }
            }
        }
        if (r.baselines() != null) {
            for (double b : r.baselines()) {
                if (b > 0) {
                    lo = Math.min(lo, b * (1 - r.options().baselineMargin()));
                    hi = Math.max(hi, b);
                }
            }
        }
        return lo > hi ? new double[] {0.01, 1} : new double[] {lo, hi};
    }

    private static void panel(Graphics2D g, GridSearch.Result r, int fold,
            List<GridSearch.SettingResult> order, Axis x, Axis y) {
        Double base = r.baselines() == null ? null : r.baselines().get(fold);
        String title = "fold " + (fold + 1) + (base == null ? ""
                : String.format(Locale.ROOT, ", mean image %.4f", base));
        Plot p = frame(g, PANEL_W, PANEL_H, title, "epoch", "MSE (log scale)", x, y);
        g.clip(new Rectangle2D.Double(p.left() - 1, p.top() - 1, p.width() + 2,
                p.height() + 2));
        // discarded underneath the baseline lines, kept on top of them
        boolean lines = false;
        for (GridSearch.SettingResult s : order) {
            if (!lines && !s.discarded()) {
                baselineLines(g, p, r, base);
                lines = true;
            }
            GridSearch.FoldCurve c = s.folds().get(fold);
            g.setColor(colour(r, s));
            g.setStroke(TRAINING);
            g.draw(path(p, c.train()));
            g.setStroke(VALIDATION);
            g.draw(path(p, c.validation()));
        }
        if (!lines) {
            baselineLines(g, p, r, base);
        }
    }

    private static void baselineLines(Graphics2D g, Plot p, GridSearch.Result r, Double base) {
        if (base == null || !(base > 0)) {
            return;
        }
        g.setColor(AXIS);
        g.setStroke(BASELINE);
        g.draw(new Line2D.Double(p.left(), p.py(base), p.right(), p.py(base)));
        double bar = base * (1 - r.options().baselineMargin());
        if (bar > 0 && bar < base) {
            g.setStroke(THRESHOLD);
            g.draw(new Line2D.Double(p.left(), p.py(bar), p.right(), p.py(bar)));
        }
    }

    /** Epochs 1..n; a non-finite or non-positive value breaks the line. */
    private static Path2D path(Plot p, double[] v) {
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int t = 0; t < v.length; t++) {
            if (!Double.isFinite(v[t]) || v[t] <= 0) {
                open = false;
                continue;
            }
            double px = p.px(t + 1);
            double py = p.py(v[t]);
            if (open) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                path.lineTo(px, py); // a lone point still shows as a dot
                open = true;
            }
        }
        return path;
    }

    /** The settings by rank, then the discarded ones, then what the line styles mean. */
    private static void legend(Graphics2D g, GridSearch.Result r,
            List<GridSearch.SettingResult> order, double left, double top) {
        List<String> names = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        for (GridSearch.SettingResult s : r.ranking()) {
            names.add(r.rank(s) + ". " + s.label());
            colours.add(colour(r, s));
            strokes.add(VALIDATION);
        }
        for (GridSearch.SettingResult s : order) {
            if (s.discarded()) {
                names.add(s.label() + " (discarded)");
                colours.add(DISCARDED);
                strokes.add(VALIDATION);
            }
        }
        names.add("validation (solid)");
        colours.add(AXIS);
        strokes.add(VALIDATION);
        names.add("training (dashed)");
        colours.add(AXIS);
        strokes.add(TRAINING);
        if (r.baselines() != null) {
            names.add("mean-image baseline");
            colours.add(AXIS);
            strokes.add(BASELINE);
            names.add(GridSearch.num(r.options().baselineMargin() * 100) + "% below it");
            colours.add(AXIS);
            strokes.add(THRESHOLD);
        }
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int row = fm.getHeight() + 3;
        for (int i = 0; i < names.size(); i++) {
            double yy = top + i * row + row / 2.0;
            g.setColor(colours.get(i));
            g.setStroke(strokes.get(i));
            g.draw(new Line2D.Double(left, yy, left + 30, yy));
            g.setColor(AXIS);
            g.drawString(names.get(i), (float) (left + 38), (float) (yy + fm.getAscent() / 2.0
                    - 1));
        }
    }
}
