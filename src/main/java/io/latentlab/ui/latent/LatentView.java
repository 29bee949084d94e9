package io.latentlab.ui.latent;

import io.latentlab.data.Dataset;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Latent space view: the test digits' codes on their first two principal axes, drawn on a
 * canvas (10,000 points redraw in a few milliseconds, which a chart could not do), with zoom,
 * pan, a class legend, hover thumbnails, click-to-reconstruct and a decoder "walk".
 */
public final class LatentView extends BorderPane implements io.latentlab.ui.CsvExportable {

    /** One colour per digit class (the familiar "tab10" palette). */
    static final Color[] PALETTE = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"),
        Color.web("#9467bd"), Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"),
        Color.web("#bcbd22"), Color.web("#17becf"),
    };
    /** Hover and click radius, in pixels. */
    static final double HIT_RADIUS = 5;
    private static final double POINT_SIZE = 3;
    private static final double ZOOM_STEP = 1.25;
    private static final int SIDE = 28;

    private final AppContext ctx;
    private final LatentViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Pane plot = new Pane(canvas);
    private final VBox hover = new VBox(4);
    private final ImageView hoverImage = new ImageView();
    private final Label hoverLabel = new Label();
    private final ImageView decodedImage = new ImageView();
    private final Label decodedCaption = new Label();
    private final ToggleButton walk = new ToggleButton();

    // view transform: plane point (centerX, centerY) sits at the canvas centre; zoom 1 fits all
    private double centerX;
    private double centerY;
    private double zoom = 1;
    private double minX;
    private double maxX;
    private double minY;
    private double maxY;
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
     * @param ctx shared services
     */
    public LatentView(AppContext ctx) {
        this.ctx = ctx;
        this.vm = new LatentViewModel(ctx, ctx.fx());
        setId("latent-view");
        setTop(toolbar());
        setCenter(plotArea());
        setRight(sidePanel());

        vm.projectionProperty().addListener((obs, o, p) -> {
            fitBounds(p);
            resetView();
        });
        vm.markerProperty().addListener(this::requestRedraw);
        vm.walkPointProperty().addListener(this::requestRedraw);
        for (int c = 0; c < LatentViewModel.CLASSES; c++) {
            vm.classVisibleProperty(c).addListener(this::requestRedraw);
        }
        canvas.widthProperty().addListener(this::requestRedraw);
        canvas.heightProperty().addListener(this::requestRedraw);
        vm.decodedProperty().addListener((obs, o, img) -> {
            decodedImage.setImage(img == null ? null : toImage(img, 0));
            Point2D w = vm.walkPointProperty().get();
            decodedCaption.setText(img == null || w == null ? vm.text("latent.decoded.hint")
                    : vm.format("latent.decoded.at", w.getX(), w.getY()));
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        fitBounds(vm.projectionProperty().get());
    }

    private ToolBar toolbar() {
        Button reset = new Button(vm.text("latent.reset"), new FontIcon("mdi2f-fit-to-page-outline"));
        reset.setId("latent-reset");
        reset.setTooltip(new Tooltip(vm.text("latent.reset.tooltip")));
        reset.setOnAction(e -> resetView());
        Button in = new Button(null, new FontIcon("mdi2m-magnify-plus-outline"));
        in.setTooltip(new Tooltip(vm.text("latent.zoomIn.tooltip")));
        in.setOnAction(e -> zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, ZOOM_STEP));
        Button out = new Button(null, new FontIcon("mdi2m-magnify-minus-outline"));
        out.setTooltip(new Tooltip(vm.text("latent.zoomOut.tooltip")));
        out.setOnAction(e -> zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 1 / ZOOM_STEP));
        walk.setText(vm.text("latent.walk"));
        walk.setGraphic(new FontIcon("mdi2w-walk"));
        walk.setId("latent-walk");
        walk.setTooltip(new Tooltip(vm.text("latent.walk.tooltip")));
        Label pc1 = new Label();
        pc1.setId("latent-pc1");
        pc1.textProperty().bind(vm.pc1TextProperty());
        pc1.setTooltip(new Tooltip(vm.format("latent.pcTooltip", 1)));
        Label pc2 = new Label();
        pc2.setId("latent-pc2");
        pc2.textProperty().bind(vm.pc2TextProperty());
        pc2.setTooltip(new Tooltip(vm.format("latent.pcTooltip", 2)));
        Label model = new Label();
        model.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                ctx.activeModelProperty().get() == null ? ""
                        : vm.format("latent.model", ctx.activeModelProperty().get().name()),
                ctx.activeModelProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        return new ToolBar(reset, in, out, new Separator(), walk, new Separator(), pc1, pc2,
                new Separator(), model, busy);
    }

    private StackPane plotArea() {
        plot.setId("latent-plot");
        plot.setMinSize(0, 0);
        plot.setPrefSize(600, 450);
        plot.setFocusTraversable(true);
        plot.setStyle("-fx-background-color: white;");
        canvas.setId("latent-canvas");
        // the canvas follows the pane's size; the pane's own min size stays 0 so it can shrink
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        Tooltip.install(plot, new Tooltip(vm.text("latent.canvas.tooltip")));

        hoverImage.setFitWidth(84);
        hoverImage.setFitHeight(84);
        hoverImage.setSmooth(false);
        hoverLabel.setId("latent-hover-label");
        hover.getChildren().addAll(hoverImage, hoverLabel);
        hover.setId("latent-hover");
        hover.setAlignment(Pos.CENTER);
        hover.setPadding(new Insets(6));
        hover.setStyle("-fx-background-color: rgba(255,255,255,0.95); -fx-border-color: #888;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.3), 6, 0, 0, 2);");
        hover.setManaged(false);
        hover.setMouseTransparent(true);
        hover.setVisible(false);
        plot.getChildren().add(hover);

        plot.addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(e.getX(), e.getY()));
        plot.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        plot.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        plot.addEventHandler(ScrollEvent.SCROLL, e -> {
            // about 1.06x per wheel notch (deltaY 40): smooth, and centred on the cursor
            zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
            e.consume();
        });

        Label hint = new Label();
        hint.setId("latent-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.setStyle("-fx-font-size: 1.1em; -fx-text-fill: #555;");
        hint.textProperty().bind(vm.messageProperty());
        hint.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        hint.setMouseTransparent(true);
        StackPane stack = new StackPane(plot, hint);
        stack.setMinSize(0, 0);
        return stack;
    }

    private VBox sidePanel() {
        VBox legend = new VBox(4);
        Label title = new Label(vm.text("latent.legend"));
        title.setStyle("-fx-font-weight: bold;");
        legend.getChildren().add(title);
        for (int c = 0; c < LatentViewModel.CLASSES; c++) {
            CheckBox box = new CheckBox(Integer.toString(c));
            box.setId("latent-class-" + c);
            box.setGraphic(new Rectangle(12, 12, PALETTE[c]));
            box.selectedProperty().bindBidirectional(vm.classVisibleProperty(c));
            box.setTooltip(new Tooltip(vm.format("latent.class", c)));
            legend.getChildren().add(box);
        }
        Button all = new Button(vm.text("latent.all"));
        all.setTooltip(new Tooltip(vm.text("latent.all.tooltip")));
        all.setOnAction(e -> vm.showAllClasses());
        legend.getChildren().add(all);

        Label decodedTitle = new Label(vm.text("latent.decoded"));
        decodedTitle.setStyle("-fx-font-weight: bold;");
        decodedImage.setId("latent-decoded");
        decodedImage.setFitWidth(112);
        decodedImage.setFitHeight(112);
        decodedImage.setSmooth(false);
        StackPane frame = new StackPane(decodedImage);
        frame.setMinSize(112, 112);
        frame.setMaxSize(112, 112);
        frame.setStyle("-fx-background-color: black;");
        decodedCaption.setText(vm.text("latent.decoded.hint"));
        decodedCaption.setWrapText(true);
        decodedCaption.setMaxWidth(140);
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.NEVER);
        gap.setMinHeight(12);
        VBox side = new VBox(6, legend, gap, decodedTitle, frame, decodedCaption);
        side.setPadding(new Insets(8));
        side.setPrefWidth(160);
        return side;
    }

    /** @return the view model (tests) */
    public LatentViewModel viewModel() {
        return vm;
    }

    /** @return the canvas (tests) */
    Canvas canvas() {
        return canvas;
    }

    // ---- transform ------------------------------------------------------------------------

    private void fitBounds(Projection p) {
        minX = -1;
        maxX = 1;
        minY = -1;
        maxY = 1;
        if (p == null || p.n() == 0) {
            return;
        }
        minX = Double.POSITIVE_INFINITY;
        minY = Double.POSITIVE_INFINITY;
        maxX = Double.NEGATIVE_INFINITY;
        maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.n(); i++) {
            minX = Math.min(minX, p.x(i));
            maxX = Math.max(maxX, p.x(i));
            minY = Math.min(minY, p.y(i));
            maxY = Math.max(maxY, p.y(i));
        }
    }

    /** Pixels per plane unit: at zoom 1 every point fits with a margin, same scale on both axes. */
    private double scale() {
        double w = Math.max(1, canvas.getWidth());
        double h = Math.max(1, canvas.getHeight());
        double spanX = Math.max(maxX - minX, 1e-9);
        double spanY = Math.max(maxY - minY, 1e-9);
        // a collapsed axis (1-D latent space) must not blow the other one up
        double base;
        if (spanY < spanX * 1e-6) {
            base = 0.9 * w / spanX;
        } else if (spanX < spanY * 1e-6) {
            base = 0.9 * h / spanY;
        } else {
            base = 0.9 * Math.min(w / spanX, h / spanY);
        }
        return base * zoom;
    }

    /** @return canvas coordinates of a plane point */
    Point2D toScreen(double x, double y) {
        double s = scale();
        return new Point2D(canvas.getWidth() / 2 + (x - centerX) * s,
                canvas.getHeight() / 2 - (y - centerY) * s);
    }

    /** @return plane coordinates of a canvas point */
    Point2D toPlane(double sx, double sy) {
        double s = scale();
        return new Point2D(centerX + (sx - canvas.getWidth() / 2) / s,
                centerY - (sy - canvas.getHeight() / 2) / s);
    }

    /** @return canvas coordinates of point {@code index} of the map, or null */
    Point2D screenPositionOf(int index) {
        Projection p = vm.projectionProperty().get();
        return p == null ? null : toScreen(p.x(index), p.y(index));
    }

    /** Zoom 1, centred on all points (key 0). */
    void resetView() {
        zoom = 1;
        centerX = (minX + maxX) / 2;
        centerY = (minY + maxY) / 2;
        redraw();
    }

    private void zoomAt(double sx, double sy, double factor) {
        Point2D anchor = toPlane(sx, sy);
        zoom = Math.max(0.2, Math.min(500, zoom * factor));
        // keep the plane point under the cursor where it is
        double s = scale();
        centerX = anchor.getX() - (sx - canvas.getWidth() / 2) / s;
        centerY = anchor.getY() + (sy - canvas.getHeight() / 2) / s;
        hover.setVisible(false);
        redraw();
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
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Projection p = vm.projectionProperty().get();
        if (p == null) {
            visibleCount = 0;
            return;
        }
        int n = p.n();
        if (screenX.length != n) {
            screenX = new float[n];
            screenY = new float[n];
            visible = new int[n];
        }
        double s = scale();
        double ox = w / 2 - centerX * s;
        double oy = h / 2 + centerY * s;
        float[] xy = p.xy();
        int[] labels = p.labels();
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
                g.setFill(PALETTE[Math.floorMod(label, PALETTE.length)]);
                lastLabel = label;
            }
            g.fillRect(sx - half, sy - half, POINT_SIZE, POINT_SIZE);
        }
        visibleCount = k;
        g.setGlobalAlpha(1);

        Point2D wp = vm.walkPointProperty().get();
        if (wp != null) {
            Point2D q = toScreen(wp.getX(), wp.getY());
            g.setStroke(Color.web("#333"));
            g.setLineWidth(1.5);
            g.strokeRect(q.getX() - 5, q.getY() - 5, 10, 10);
        }
        Point2D m = vm.markerProperty().get();
        if (m != null) {
            // black ring with a cross: distinct from every class colour
            Point2D q = toScreen(m.getX(), m.getY());
            double r = 8;
            g.setStroke(Color.WHITE);
            g.setLineWidth(4);
            g.strokeOval(q.getX() - r, q.getY() - r, 2 * r, 2 * r);
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeOval(q.getX() - r, q.getY() - r, 2 * r, 2 * r);
            g.strokeLine(q.getX() - r - 4, q.getY(), q.getX() + r + 4, q.getY());
            g.strokeLine(q.getX(), q.getY() - r - 4, q.getX(), q.getY() + r + 4);
        }
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
            hover.setVisible(false);
            return;
        }
        Dataset images = p.images();
        hoverImage.setImage(toImage(images.backingArray(), images.offset(i)));
        hoverLabel.setText(vm.format("latent.hover", p.labels()[i], i));
        hover.autosize();
        double x = sx + 14;
        double y = sy + 14;
        // keep the popup inside the plot
        if (x + hover.getWidth() > plot.getWidth()) {
            x = sx - 14 - hover.getWidth();
        }
        if (y + hover.getHeight() > plot.getHeight()) {
            y = sy - 14 - hover.getHeight();
        }
        hover.relocate(Math.max(0, x), Math.max(0, y));
        hover.setVisible(true);
    }

    private void onPressed(MouseEvent e) {
        plot.requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        walking = e.getButton() == MouseButton.PRIMARY && (walk.isSelected() || e.isShiftDown());
    }

    private void onDragged(MouseEvent e) {
        hover.setVisible(false);
        if (walking) {
            Point2D q = toPlane(e.getX(), e.getY());
            vm.walkTo(q.getX(), q.getY());
            return;
        }
        double s = scale();
        centerX -= (e.getX() - pressX) / s;
        centerY += (e.getY() - pressY) / s;
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
        if (i >= 0 && !walk.isSelected()) {
            hover.setVisible(false);
            ctx.showInReconstruct(i);
        } else {
            Point2D q = toPlane(e.getX(), e.getY());
            vm.walkTo(q.getX(), q.getY());
        }
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            resetView();
        } else if (code == KeyCode.PLUS || code == KeyCode.ADD || code == KeyCode.EQUALS) {
            zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, ZOOM_STEP);
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 1 / ZOOM_STEP);
        } else if (code == KeyCode.W) {
            walk.setSelected(!walk.isSelected());
        } else {
            return;
        }
        e.consume();
    }

    /** A 28x28 grey image (white ink on black, as MNIST stores it). */
    static WritableImage toImage(float[] pixels, int offset) {
        WritableImage img = new WritableImage(SIDE, SIDE);
        PixelWriter w = img.getPixelWriter();
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                float v = pixels[offset + r * SIDE + c];
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                w.setArgb(c, r, 0xff000000 | (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    @Override
    public String csvFileName() {
        return "latent-pca.csv";
    }

    @Override
    public boolean hasCsvData() {
        return vm.projectionProperty().get() != null;
    }

    @Override
    public void writeCsv(java.nio.file.Path file) throws java.io.IOException {
        LatentViewModel.Projection p = vm.projectionProperty().get();
        StringBuilder sb = new StringBuilder("test_index,label,pc1,pc2\n");
        for (int i = 0; i < p.n(); i++) {
            sb.append(i).append(',').append(p.labels()[i]).append(',').append(p.x(i))
                    .append(',').append(p.y(i)).append('\n');
        }
        io.latentlab.model.AtomicFiles.writeString(file, sb.toString());
    }
}
