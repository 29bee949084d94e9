package io.latentlab.ui.trail;

import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import java.util.function.IntPredicate;

import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * One latent picture of a trail, coloured by digit and fitted to the pane (one scale for both
 * axes, so distances stay true). Follows the picture and the pane's size.
 */
public final class TrailCanvas extends Pane {

    private final Canvas canvas = new Canvas();
    private final ObservableValue<TrainingEvent.LatentSnapshot> picture;
    private final double dot;
    private IntPredicate shown = label -> true;

    /**
     * @param picture what to draw (null: nothing)
     * @param dot point size in pixels
     */
    public TrailCanvas(ObservableValue<TrainingEvent.LatentSnapshot> picture, double dot) {
        this.picture = picture;
        this.dot = dot;
        getStyleClass().add(Styles.PLOT);
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        picture.addListener(o -> redraw());
    }

    /** @param classShown which labels are drawn (the Latent view's legend); then redraw */
    public void setShown(IntPredicate classShown) {
        this.shown = classShown;
        redraw();
    }

    /** @return the canvas (tests, snapshots) */
    public Canvas canvas() {
        return canvas;
    }

    /** Draws the current picture. */
    public void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        TrainingEvent.LatentSnapshot s = picture.getValue();
        if (s == null || w < 2 || h < 2) {
            return;
        }
        float[] xy = s.xy();
        int[] labels = s.labels();
        int n = labels.length;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        double margin = Math.max(4, Math.min(w, h) * 0.04);
        // the largest scale at which both spans fit (a near-flat picture stays flat)
        double k = Math.min((w - 2 * margin) / Math.max(1e-9, maxX - minX),
                (h - 2 * margin) / Math.max(1e-9, maxY - minY));
        double ox = (w - (maxX - minX) * k) / 2;
        double oy = (h - (maxY - minY) * k) / 2;
        Color[] colours = DigitImages.CLASS_COLOURS;
        g.setGlobalAlpha(0.8);
        for (int i = 0; i < n; i++) {
            if (!shown.test(labels[i])) {
                continue;
            }
            g.setFill(colours[Math.floorMod(labels[i], colours.length)]);
            double x = ox + (xy[2 * i] - minX) * k;
            // screen y grows downwards
            double y = h - (oy + (xy[2 * i + 1] - minY) * k);
            g.fillRect(x - dot / 2, y - dot / 2, dot, dot);
        }
        g.setGlobalAlpha(1);
    }
}
