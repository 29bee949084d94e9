package io.latentlab.ui.latent;

import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.util.function.IntConsumer;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.Group;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The scatter of the latent map on a canvas (10,000 points redraw in a few milliseconds, which
 * a chart could not do), with zoom, pan, hover card, click-to-open and the decoder walk.
 */
final class ScatterCanvas extends Pane {

    /** Hover and click radius, in pixels. */
    static final double HIT_RADIUS = 5;
    private static final double POINT_SIZE = 3;

    private final LatentViewModel vm;
    private final IntConsumer open;
    private final Canvas canvas = new Canvas();
    private final HoverCard hover = new HoverCard();
    private final Rectangle markerClip = new Rectangle();
    private final Group marker = markerNode(markerClip);
    private final PlaneTransform view = new PlaneTransform();
    private final BooleanProperty walkMode = new SimpleBooleanProperty(this, "walkMode");
    // screen coordinates of the visible points, recomputed each frame for hit testing
    private float[] screenX = new float[0];
    private float[] screenY = new float[0];
    private int[] visible = new int[0];
    private int visibleCount;
    private double pressX;
    private double pressY;
    private boolean walking;
    private boolean redrawQueued;

    /**
     * @param vm the map
     * @param open opens a test digit in the Reconstruct view
     */
    ScatterCanvas(LatentViewModel vm, IntConsumer open) {
        this.vm = vm;
        this.open = open;
        getChildren().addAll(canvas, marker, hover);
        setId("latent-plot");
        setMinSize(0, 0);
        setPrefSize(600, 450);
        setFocusTraversable(true);
        getStyleClass().add(Styles.PLOT);
        canvas.setId("latent-canvas");
        // the canvas follows the pane's size; the pane's own min size stays 0 so it can shrink
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());

        addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.hide());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            // about 1.06x per wheel notch (deltaY 40): smooth, and centred on the cursor
            zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
            e.consume();
        });

        vm.projectionProperty().addListener((obs, o, p) -> {
            // a new model's map (or none) replaces the old one at once
            hover.hide();
            view.fit(p);
            resetView();
        });
        // the marker follows a dragged σ slider: it moves as a node, the 10,000 points stay
        vm.markerProperty().addListener(o -> placeMarker());
        vm.walkPointProperty().addListener(this::requestRedraw);
        vm.interpolation().aProperty().addListener(this::requestRedraw);
        vm.interpolation().bProperty().addListener(this::requestRedraw);
        for (int c = 0; c < LatentViewModel.CLASSES; c++) {
            vm.classVisibleProperty(c).addListener(this::requestRedraw);
        }
        canvas.widthProperty().addListener(this::requestRedraw);
        canvas.heightProperty().addListener(this::requestRedraw);
        view.fit(vm.projectionProperty().get());
        view.reset();
    }

    /** @return whether a drag decodes points instead of panning (the Walk toggle) */
    BooleanProperty walkModeProperty() {
        return walkMode;
    }

    /** @return the canvas (tests) */
    Canvas canvas() {
        return canvas;
    }

    /** @return canvas coordinates of point {@code index} of the map, or null */
    Point2D screenPositionOf(int index) {
        Projection p = vm.projectionProperty().get();
        sync();
        return p == null ? null : view.toScreen(p.x(index), p.y(index));
    }

    /** Zoom 1, centred on all points. */
    void resetView() {
        view.reset();
        redraw();
    }

    /** Zooms about the canvas centre. */
    void zoomCentre(double factor) {
        zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, factor);
    }

    private void zoomAt(double sx, double sy, double factor) {
        sync();
        view.zoomAt(sx, sy, factor);
        hover.hide();
        redraw();
    }

    private void sync() {
        view.setSize(canvas.getWidth(), canvas.getHeight());
    }

    // ---- drawing --------------------------------------------------------------------------

    private void requestRedraw(Observable ignored) {
        // several changes in one pulse (resize of both axes, all classes on) draw once
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(() -> {
                redrawQueued = false;
                redraw();
            });
        }
    }

    /** Draws the map; also refreshes the screen coordinates used for hit testing. */
    void redraw() {
        sync();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        // the pane's background (the theme's, from the stylesheet) shows through
        g.clearRect(0, 0, w, h);
        Projection p = vm.projectionProperty().get();
        if (p == null) {
            visibleCount = 0;
            placeMarker();
            return;
        }
        int n = p.n();
        if (screenX.length != n) {
            screenX = new float[n];
            screenY = new float[n];
            visible = new int[n];
        }
        double s = view.scale();
        double ox = view.originX();
        double oy = view.originY();
        float[] xy = p.xy();
        int[] labels = p.labels();
        Color[] colours = DigitImages.CLASS_COLOURS;
        double half = POINT_SIZE / 2;
        int k = 0;
        int lastLabel = -1;
        g.setGlobalAlpha(0.75);
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (!vm.isClassVisible(label)) {
                continue;
            }
            double sx = ox + xy[2 * i] * s;
            double sy = oy - xy[2 * i + 1] * s;
            if (sx < -half || sy < -half || sx > w + half || sy > h + half) {
                continue;
            }
            screenX[k] = (float) sx;
            screenY[k] = (float) sy;
            visible[k++] = i;
            if (label != lastLabel) {
                g.setFill(colours[Math.floorMod(label, colours.length)]);
                lastLabel = label;
            }
            g.fillRect(sx - half, sy - half, POINT_SIZE, POINT_SIZE);
        }
        visibleCount = k;
        g.setGlobalAlpha(1);
        drawWalkPoint(g);
        drawLine(g, p);
        placeMarker();
    }

    /** The picked A and B, and the segment between them (on the plane of the first two PCs). */
    private void drawLine(GraphicsContext g, Projection p) {
        int a = vm.interpolation().aProperty().get();
        int b = vm.interpolation().bProperty().get();
        if (a < 0 || a >= p.n()) {
            return;
        }
        Point2D qa = view.toScreen(p.x(a), p.y(a));
        Point2D qb = b < 0 || b >= p.n() ? null : view.toScreen(p.x(b), p.y(b));
        if (qb != null) {
            for (int pass = 0; pass < 2; pass++) {
                g.setStroke(pass == 0 ? Color.WHITE : Color.web("#333"));
                g.setLineWidth(pass == 0 ? 4 : 2);
                g.strokeLine(qa.getX(), qa.getY(), qb.getX(), qb.getY());
            }
        }
        endPoint(g, qa, "A");
        if (qb != null) {
            endPoint(g, qb, "B");
        }
    }

    private static void endPoint(GraphicsContext g, Point2D q, String name) {
        double r = 9;
        g.setFill(Color.WHITE);
        g.fillOval(q.getX() - r, q.getY() - r, 2 * r, 2 * r);
        g.setStroke(Color.web("#333"));
        g.setLineWidth(2);
        g.strokeOval(q.getX() - r, q.getY() - r, 2 * r, 2 * r);
        g.setFill(Color.web("#333"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(null, FontWeight.BOLD, 11));
        g.fillText(name, q.getX(), q.getY());
    }

    private void drawWalkPoint(GraphicsContext g) {
        Point2D wp = vm.walkPointProperty().get();
        if (wp != null) {
            Point2D q = view.toScreen(wp.getX(), wp.getY());
            // dark over a light halo: visible on the light and the dark background
            g.setStroke(Color.WHITE);
            g.setLineWidth(3.5);
            g.strokeRect(q.getX() - 5, q.getY() - 5, 10, 10);
            g.setStroke(Color.web("#333"));
            g.setLineWidth(1.5);
            g.strokeRect(q.getX() - 5, q.getY() - 5, 10, 10);
        }
    }

    /** Black ring with a cross over a white halo: distinct from every class colour. */
    private static Group markerNode(Rectangle clip) {
        double r = 8;
        Circle halo = new Circle(r, null);
        halo.setStroke(Color.WHITE);
        halo.setStrokeWidth(4);
        Circle ring = new Circle(r, null);
        ring.setStroke(Color.BLACK);
        ring.setStrokeWidth(2);
        Line across = new Line(-r - 4, 0, r + 4, 0);
        across.setStrokeWidth(2);
        Line down = new Line(0, -r - 4, 0, r + 4);
        down.setStrokeWidth(2);
        Group g = new Group(halo, ring, across, down);
        g.setId("latent-marker");
        g.setManaged(false);
        g.setMouseTransparent(true);
        g.setVisible(false);
        g.setClip(clip);
        return g;
    }

    /** Moves the marker node to the marker's place on the map (clipped to the canvas). */
    private void placeMarker() {
        Point2D m = vm.markerProperty().get();
        if (m == null || vm.projectionProperty().get() == null) {
            marker.setVisible(false);
            return;
        }
        sync();
        Point2D q = view.toScreen(m.getX(), m.getY());
        marker.setLayoutX(q.getX());
        marker.setLayoutY(q.getY());
        markerClip.setX(-q.getX());
        markerClip.setY(-q.getY());
        markerClip.setWidth(canvas.getWidth());
        markerClip.setHeight(canvas.getHeight());
        marker.setVisible(true);
    }

    /** @return the live marker (tests) */
    Group marker() {
        return marker;
    }

    /**
     * @return index of the visible point nearest to a canvas position within
     *     {@link #HIT_RADIUS}, or -1 (a linear scan: 10,000 points take well under 1 ms)
     */
    int hit(double sx, double sy) {
        int best = -1;
        double bestD = HIT_RADIUS * HIT_RADIUS;
        for (int k = 0; k < visibleCount; k++) {
            double dx = screenX[k] - sx;
            double dy = screenY[k] - sy;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = visible[k];
            }
        }
        return best;
    }

    // ---- interaction ----------------------------------------------------------------------

    private void showHover(double sx, double sy) {
        Projection p = vm.projectionProperty().get();
        int i = p == null ? -1 : hit(sx, sy);
        if (i < 0) {
            hover.hide();
            return;
        }
        hover.show(p.images(), i, vm.format("latent.hover", p.labels()[i], i), sx, sy, this);
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        walking = e.getButton() == MouseButton.PRIMARY && (walkMode.get() || e.isShiftDown());
    }

    private void onDragged(MouseEvent e) {
        hover.hide();
        sync();
        if (walking) {
            Point2D q = view.toPlane(e.getX(), e.getY());
            vm.walkTo(q.getX(), q.getY());
            return;
        }
        view.pan(e.getX() - pressX, e.getY() - pressY);
        pressX = e.getX();
        pressY = e.getY();
        redraw();
    }

    private void onClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()
                || vm.projectionProperty().get() == null) {
            return;
        }
        int i = hit(e.getX(), e.getY());
        if (i >= 0 && vm.interpolation().pickingProperty().get()) {
            hover.hide();
            vm.interpolation().pick(i);
        } else if (i >= 0 && !walkMode.get()) {
            hover.hide();
            open.accept(i);
        } else {
            sync();
            Point2D q = view.toPlane(e.getX(), e.getY());
            vm.walkTo(q.getX(), q.getY());
        }
    }
}
