package io.latentlab.ui.reconstruction;

import io.latentlab.data.DigitPreprocessor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * A digit drawn with the mouse: strokes with undo, in coordinates normalised to the unit square
 * (so the canvas showing them can have any size), rasterised with soft edges on a fixed
 * {@link #RASTER}-pixel square and preprocessed like MNIST (cropped to the ink, scaled to
 * 20 px, centred by centre of mass) into a 28x28 input. FX thread only.
 */
public final class Drawing {

    /**
     * Side of the raster the strokes are drawn on; 10x the input so strokes get MNIST-like
     * anti-aliasing. Fixed, so the input does not depend on the size of the canvas on screen.
     */
    public static final int RASTER = 280;

    /** A finished stroke or the one being drawn: raster coordinates and brush diameter. */
    private static final class Stroke {
        final double diameter;
        final List<double[]> points = new ArrayList<>();

        Stroke(double diameter) {
            this.diameter = diameter;
        }
    }

    private final Runnable inputChanged;
    private final DoubleProperty brushSize = new SimpleDoubleProperty(this, "brushSize", 22);
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version", 0);
    private final Deque<List<Stroke>> history = new ArrayDeque<>();
    private final float[] raster = new float[RASTER * RASTER];
    private List<Stroke> strokes = new ArrayList<>();
    private Stroke current;
    private float[] input = new float[ReconstructViewModel.SIDE * ReconstructViewModel.SIDE];
    private long lastPreprocessNanos;

    /** @param inputChanged called when {@link #input()} changed */
    Drawing(Runnable inputChanged) {
        this.inputChanged = inputChanged;
    }

    /**
     * Starts a stroke at a point of the unit square.
     *
     * @param x column, 0 (left edge) to 1 (right edge)
     * @param y row, 0 (top) to 1 (bottom)
     */
    public void beginStroke(double x, double y) {
        history.push(strokes);
        strokes = new ArrayList<>(strokes);
        current = new Stroke(brushSize.get());
        current.points.add(new double[] {x * RASTER, y * RASTER});
        strokes.add(current);
        stamp(current, 0);
        changed(false);
    }

    /**
     * Extends the current stroke; the input is updated at most every 50 ms while drawing.
     *
     * @param x column, 0 to 1
     * @param y row, 0 to 1
     */
    public void strokeTo(double x, double y) {
        if (current == null) {
            beginStroke(x, y);
            return;
        }
        current.points.add(new double[] {x * RASTER, y * RASTER});
        stamp(current, current.points.size() - 2);
        changed(false);
    }

    /** Ends the current stroke and updates the input. */
    public void endStroke() {
        if (current != null) {
            current = null;
            changed(true);
        }
    }

    /**
     * Draws a whole stroke (tests and scripted input).
     *
     * @param points points {@code {x, y}} of the unit square
     */
    public void drawStroke(double[]... points) {
        for (int i = 0; i < points.length; i++) {
            if (i == 0) {
                beginStroke(points[i][0], points[i][1]);
            } else {
                strokeTo(points[i][0], points[i][1]);
            }
        }
        endStroke();
    }

    /** Undoes the last stroke or clear. */
    public void undo() {
        if (history.isEmpty()) {
            return;
        }
        current = null;
        strokes = history.pop();
        rerasterize();
        changed(true);
    }

    /** Clears the drawing (undoable). */
    public void clear() {
        if (strokes.isEmpty()) {
            return;
        }
        history.push(strokes);
        strokes = new ArrayList<>();
        current = null;
        rerasterize();
        changed(true);
    }

    /** @return whether there is something to undo */
    public boolean canUndo() {
        return !history.isEmpty();
    }

    /**
     * The strokes for painting a canvas of any size: each is
     * {@code {diameter, x0, y0, x1, y1, ...}}, all as fractions of the side.
     *
     * @return a snapshot
     */
    public List<double[]> strokes() {
        List<double[]> out = new ArrayList<>();
        for (Stroke s : strokes) {
            double[] a = new double[1 + 2 * s.points.size()];
            a[0] = s.diameter / RASTER;
            for (int i = 0; i < s.points.size(); i++) {
                a[1 + 2 * i] = s.points.get(i)[0] / RASTER;
                a[2 + 2 * i] = s.points.get(i)[1] / RASTER;
            }
            out.add(a);
        }
        return out;
    }

    /** @return the preprocessed 28x28 input (a copy) */
    public float[] input() {
        return input.clone();
    }

    /** @return brush diameter in pixels of the {@link #RASTER} square (scales with the canvas) */
    public DoubleProperty brushSizeProperty() {
        return brushSize;
    }

    /** @return increases whenever the strokes change (repaint the canvas) */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    private void changed(boolean force) {
        version.set(version.get() + 1);
        long now = System.nanoTime();
        // preprocessing the 280x280 raster costs ~1 ms; throttled so a fast drag stays smooth
        if (force || now - lastPreprocessNanos > 50_000_000L) {
            lastPreprocessNanos = now;
            input = DigitPreprocessor.process(raster, RASTER, RASTER);
            inputChanged.run();
        }
    }

    private void rerasterize() {
        Arrays.fill(raster, 0f);
        for (Stroke s : strokes) {
            stamp(s, 0);
        }
    }

    /** Rasterises the segments from point {@code from} on (a lone point as a dot). */
    private void stamp(Stroke s, int from) {
        double r = s.diameter / 2;
        List<double[]> p = s.points;
        if (p.size() == 1) {
            segment(p.get(0)[0], p.get(0)[1], p.get(0)[0], p.get(0)[1], r);
        }
        for (int i = Math.max(0, from); i + 1 < p.size(); i++) {
            segment(p.get(i)[0], p.get(i)[1], p.get(i + 1)[0], p.get(i + 1)[1], r);
        }
    }

    private void segment(double ax, double ay, double bx, double by, double r) {
        int x0 = (int) Math.max(0, Math.floor(Math.min(ax, bx) - r - 1));
        int x1 = (int) Math.min(RASTER - 1, Math.ceil(Math.max(ax, bx) + r + 1));
        int y0 = (int) Math.max(0, Math.floor(Math.min(ay, by) - r - 1));
        int y1 = (int) Math.min(RASTER - 1, Math.ceil(Math.max(ay, by) + r + 1));
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5 - ax;
                double py = y + 0.5 - ay;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                double ex = px - t * dx;
                double ey = py - t * dy;
                double d = Math.sqrt(ex * ex + ey * ey);
                float v = (float) Math.max(0, Math.min(1, r + 0.5 - d)); // 1 px soft edge
                int k = y * RASTER + x;
                if (v > raster[k]) {
                    raster[k] = v;
                }
            }
        }
    }
}
