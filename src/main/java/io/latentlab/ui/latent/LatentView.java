package io.latentlab.ui.latent;

import io.latentlab.model.AtomicFiles;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.io.IOException;
import java.nio.file.Path;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The Latent space view: the test digits' codes on their first two principal axes, with a
 * toolbar, the scatter ({@link ScatterCanvas}), an overlay saying why the map is empty or how
 * far its computation is, and the legend ({@link LegendPanel}).
 */
public final class LatentView extends BorderPane implements CsvExportable {

    private static final double ZOOM_STEP = 1.25;

    private final AppContext ctx;
    private final LatentViewModel vm;
    private final ScatterCanvas scatter;
    private final ToggleButton walk = new ToggleButton();
    private final ToggleButton line = new ToggleButton();
    private final LatentTrailPane trail;
    private final TsneMapControls mapControls;

    /**
     * @param ctx shared services
     */
    public LatentView(AppContext ctx) {
        this.ctx = ctx;
        this.vm = new LatentViewModel(ctx);
        this.scatter = new ScatterCanvas(vm, ctx::showInReconstruct);
        this.trail = new LatentTrailPane(ctx, vm);
        this.mapControls = new TsneMapControls(vm);
        setId("latent-view");
        scatter.walkModeProperty().bind(walk.selectedProperty());
        setTop(toolbar());
        setCenter(plotArea());
        // scrolls rather than pushing the A-B strip out of a short window
        ScrollPane legend = new ScrollPane(new LegendPanel(vm));
        legend.setFitToWidth(true);
        legend.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        legend.setMinHeight(0);
        legend.getStyleClass().add("edge-to-edge");
        setRight(legend);
        InterpolationPanel strip = new InterpolationPanel(vm);
        InterpolationViewModel interpolation = vm.interpolation();
        line.selectedProperty().bindBidirectional(interpolation.pickingProperty());
        // walking and picking A and B are two meanings of a click: one at a time
        line.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                walk.setSelected(false);
            }
        });
        walk.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                line.setSelected(false);
            }
        });
        showWhen(strip, line.selectedProperty()
                .or(interpolation.aProperty().greaterThanOrEqualTo(0)));
        setBottom(strip);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        // walking and the A-B segment live on the PCA plane: off on the t-SNE map
        walk.disableProperty().bind(mapControls.tsneChosen());
        line.disableProperty().bind(mapControls.tsneChosen());
        vm.tsneMap().kindProperty().addListener((obs, o, n) -> {
            walk.setSelected(false);
            line.setSelected(false);
        });
    }

    private ToolBar toolbar() {
        Button reset = new Button(vm.text("latent.reset"), new FontIcon("mdi2f-fit-to-page-outline"));
        reset.setId("latent-reset");
        reset.setTooltip(new Tooltip(vm.text("latent.reset.tooltip")));
        reset.setOnAction(e -> scatter.resetView());
        FontIcon plus = new FontIcon(MaterialDesignM.MAGNIFY_PLUS_OUTLINE);
        FontIcon minus = new FontIcon(MaterialDesignM.MAGNIFY_MINUS_OUTLINE);
        // at the toolbar's size the + and the - inside the lens are hard to tell apart
        plus.getStyleClass().add(Styles.ICON_LARGE);
        minus.getStyleClass().add(Styles.ICON_LARGE);
        Button in = new Button(null, plus);
        in.setId("latent-zoom-in");
        in.setTooltip(new Tooltip(vm.text("latent.zoomIn.tooltip")));
        in.setOnAction(e -> scatter.zoomCentre(ZOOM_STEP));
        Button out = new Button(null, minus);
        out.setId("latent-zoom-out");
        out.setTooltip(new Tooltip(vm.text("latent.zoomOut.tooltip")));
        out.setOnAction(e -> scatter.zoomCentre(1 / ZOOM_STEP));
        walk.setText(vm.text("latent.walk"));
        walk.setGraphic(new FontIcon("mdi2w-walk"));
        walk.setId("latent-walk");
        walk.setTooltip(new Tooltip(vm.text("latent.walk.tooltip")));
        line.setText(vm.text("latent.line"));
        line.setGraphic(new FontIcon("mdi2v-vector-line"));
        line.setId("latent-line");
        line.setTooltip(new Tooltip(vm.text("latent.line.tooltip")));
        Label pc1 = new Label();
        pc1.setId("latent-pc1");
        pc1.textProperty().bind(vm.pc1TextProperty());
        pc1.setTooltip(new Tooltip(vm.format("latent.pcTooltip", 1)));
        Label pc2 = new Label();
        pc2.setId("latent-pc2");
        pc2.textProperty().bind(vm.pc2TextProperty());
        pc2.setTooltip(new Tooltip(vm.format("latent.pcTooltip", 2)));
        pc1.visibleProperty().bind(Bindings.not(mapControls.tsneChosen()));
        pc1.managedProperty().bind(pc1.visibleProperty());
        pc2.visibleProperty().bind(pc1.visibleProperty());
        pc2.managedProperty().bind(pc1.visibleProperty());
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() ->
                ctx.activeModelProperty().get() == null ? ""
                        : vm.format("latent.model", ctx.activeModelProperty().get().name()),
                ctx.activeModelProperty()));
        return new ToolBar(mapControls.choice(), new Separator(), reset, in, out,
                new Separator(), walk, line, trail.toggle(), new Separator(), pc1, pc2,
                mapControls.summary(),
                new Separator(), model);
    }

    /** The scatter, with the empty-state message, progress and Cancel / Compute over it. */
    private StackPane plotArea() {
        Label hint = new Label();
        hint.setId("latent-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.getStyleClass().add(Styles.HINT);
        hint.textProperty().bind(vm.messageProperty());
        hint.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.setMouseTransparent(true);

        ProgressBar progress = new ProgressBar();
        progress.setId("latent-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(vm.progressProperty());
        showWhen(progress, vm.busyProperty());

        Button cancel = new Button(vm.text("latent.cancel"));
        cancel.setId("latent-cancel");
        cancel.setTooltip(new Tooltip(vm.text("latent.cancel.tooltip")));
        cancel.setOnAction(e -> vm.cancel());
        showWhen(cancel, vm.busyProperty());
        Button compute = new Button(vm.text("latent.compute"), new FontIcon("mdi2r-refresh"));
        compute.setId("latent-compute");
        compute.setTooltip(new Tooltip(vm.text("latent.compute.tooltip")));
        compute.setOnAction(e -> vm.refresh());
        showWhen(compute, vm.retryableProperty());
        HBox buttons = new HBox(8, cancel, compute);
        buttons.setAlignment(Pos.CENTER);
        buttons.setPickOnBounds(false);

        VBox overlay = new VBox(10, hint, progress, buttons);
        overlay.setAlignment(Pos.CENTER);
        // only the buttons take the mouse; the map under the rest stays usable
        overlay.setPickOnBounds(false);
        // the trail, when shown, covers the map (live while a model trains, or replayed)
        StackPane stack = new StackPane(scatter, overlay, mapControls.overlay(), trail);
        stack.setMinSize(0, 0);
        return stack;
    }

    private static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    /** @return the view model (tests) */
    public LatentViewModel viewModel() {
        return vm;
    }

    /** @return the canvas (tests) */
    Canvas canvas() {
        return scatter.canvas();
    }

    /** @return canvas coordinates of point {@code index} of the map, or null */
    Point2D screenPositionOf(int index) {
        return scatter.screenPositionOf(index);
    }

    /** Draws the map now (the redraw benchmark). */
    void redraw() {
        scatter.redraw();
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            scatter.resetView();
        } else if (code == KeyCode.PLUS || code == KeyCode.ADD || code == KeyCode.EQUALS) {
            scatter.zoomCentre(ZOOM_STEP);
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            scatter.zoomCentre(1 / ZOOM_STEP);
        } else if (code == KeyCode.W) {
            walk.setSelected(!walk.isSelected());
        } else if (code == KeyCode.I) {
            line.setSelected(!line.isSelected());
        } else if (code == KeyCode.T && !trail.toggle().isDisabled()) {
            trail.toggle().setSelected(!trail.toggle().isSelected());
        } else if (code == KeyCode.M) {
            vm.tsneMap().toggle();
        } else {
            return;
        }
        e.consume();
    }

    @Override
    public String csvFileName() {
        return vm.tsneMap().isTsne() ? "latent-tsne.csv" : "latent-pca.csv";
    }

    @Override
    public boolean hasCsvData() {
        return vm.projectionProperty().get() != null;
    }

    @Override
    public void writeCsv(Path file) throws IOException {
        Projection p = vm.projectionProperty().get();
        StringBuilder sb = new StringBuilder(vm.tsneMap().isTsne()
                ? "test_index,label,tsne1,tsne2\n" : "test_index,label,pc1,pc2\n");
        for (int i = 0; i < p.n(); i++) {
            sb.append(i).append(',').append(p.labels()[i]).append(',').append(p.x(i))
                    .append(',').append(p.y(i)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
