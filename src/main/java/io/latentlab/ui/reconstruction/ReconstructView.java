package io.latentlab.ui.reconstruction;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.io.File;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The Reconstruct view: pick, draw or import a digit, corrupt it with noise, and compare the
 * reconstructions of one or two models. All state lives in {@link ReconstructViewModel}; this
 * class only lays out controls and binds them.
 *
 * <p>Keys: Left/Right previous/next test digit, R random digit, Ctrl+Z undo a stroke,
 * Delete clear the drawing.
 */
public final class ReconstructView extends BorderPane implements io.latentlab.ui.CsvExportable {

    /** Displayed size of each 28x28 panel (6x, integer so pixels stay square). */
    static final double PANEL = 168;

    private final AppContext ctx;
    private final ReconstructViewModel vm;
    private final TabPane sourceTabs = new TabPane();
    private final Canvas canvas = new Canvas(ReconstructViewModel.CANVAS,
            ReconstructViewModel.CANVAS);
    // asObject() adapters are only weakly referenced by bidirectional bindings: keep them
    private final ObjectProperty<Integer> positionObject;
    private final ObjectProperty<Integer> seedObject;
    private final ObjectProperty<Integer> patchObject;

    /**
     * @param ctx shared services
     */
    public ReconstructView(AppContext ctx) {
        this(ctx, new ReconstructViewModel(ctx));
    }

    /**
     * @param ctx shared services
     * @param vm the view model
     */
    public ReconstructView(AppContext ctx, ReconstructViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        setId("reconstruct-view");
        positionObject = vm.positionProperty().asObject();
        seedObject = vm.seedProperty().asObject();
        patchObject = vm.occlusionSizeProperty().asObject();

        setTop(messages());
        setLeft(sources());
        VBox center = new VBox(12, noiseBar(), panels());
        center.setPadding(new Insets(8));
        setCenter(center);

        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                importFile(files.get(0));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** @return the view model */
    public ReconstructViewModel viewModel() {
        return vm;
    }

    private String t(String key) {
        return vm.strings().getString(key);
    }

    // ------------------------------------------------------------------ top: hint and error

    private Node messages() {
        Label hint = new Label(t("hint.noModel"), icon(MaterialDesignI.INFORMATION_OUTLINE));
        hint.setId("no-model-hint");
        hint.visibleProperty().bind(vm.noModelBinding());
        hint.managedProperty().bind(hint.visibleProperty());

        Label error = new Label();
        error.setId("reconstruct-error");
        error.setGraphic(icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        error.setStyle("-fx-text-fill: #b00020;");
        error.textProperty().bind(vm.errorProperty());
        Button dismiss = iconButton(MaterialDesignC.CLOSE, t("error.dismiss"));
        dismiss.setOnAction(e -> vm.showError(null));
        HBox errorRow = new HBox(6, error, dismiss);
        errorRow.setAlignment(Pos.CENTER_LEFT);
        errorRow.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorRow.managedProperty().bind(errorRow.visibleProperty());

        VBox box = new VBox(4, hint, errorRow);
        box.setPadding(new Insets(6, 8, 0, 8));
        return box;
    }

    // ------------------------------------------------------------------ left: sources

    private Node sources() {
        Tab test = new Tab(t("source.testSet"), testSetPane());
        Tab draw = new Tab(t("source.draw"), drawPane());
        Tab image = new Tab(t("source.image"), imagePane());
        test.setUserData(Source.TEST_SET);
        draw.setUserData(Source.DRAWING);
        image.setUserData(Source.IMAGE);
        for (Tab tab : List.of(test, draw, image)) {
            tab.setClosable(false);
        }
        sourceTabs.setId("source-tabs");
        sourceTabs.getTabs().addAll(test, draw, image);
        sourceTabs.setPrefWidth(ReconstructViewModel.CANVAS + 40);
        selectTab(vm.sourceProperty().get());
        // tab selection and source follow each other (a requested test digit switches tabs)
        sourceTabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.sourceProperty().set((Source) n.getUserData());
            }
        });
        vm.sourceProperty().addListener((obs, o, n) -> selectTab(n));
        return sourceTabs;
    }

    private void selectTab(Source s) {
        for (Tab tab : sourceTabs.getTabs()) {
            if (tab.getUserData() == s && !tab.isSelected()) {
                sourceTabs.getSelectionModel().select(tab);
            }
        }
    }

    private Node testSetPane() {
        ComboBox<Integer> filter = new ComboBox<>();
        filter.setId("class-filter");
        for (int c = -1; c <= 9; c++) {
            filter.getItems().add(c);
        }
        filter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 ? t("filter.all") : Integer.toString(c);
            }

            @Override
            public Integer fromString(String s) {
                return s.equals(t("filter.all")) ? -1 : Integer.valueOf(s);
            }
        });
        filter.setValue(vm.classFilterProperty().get());
        filter.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.classFilterProperty().set(n);
            }
        });
        vm.classFilterProperty().addListener((obs, o, n) -> filter.setValue(n.intValue()));
        filter.setTooltip(new Tooltip(t("filter.tooltip")));

        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        factory.maxProperty().bind(Bindings.max(0, vm.filteredCountProperty().subtract(1)));
        factory.setWrapAround(true);
        Spinner<Integer> index = new Spinner<>(factory);
        index.setId("digit-index");
        index.setEditable(true);
        index.setPrefWidth(100);
        factory.valueProperty().bindBidirectional(positionObject);
        index.setTooltip(new Tooltip(t("index.tooltip")));

        Button prev = iconButton(MaterialDesignC.CHEVRON_LEFT, t("prev.tooltip"));
        prev.setOnAction(e -> vm.previous());
        Button next = iconButton(MaterialDesignC.CHEVRON_RIGHT, t("next.tooltip"));
        next.setOnAction(e -> vm.next());
        Button random = iconButton(MaterialDesignD.DICE_5, t("random.tooltip"));
        random.setId("random-digit");
        random.setOnAction(e -> vm.randomDigit());

        Label info = new Label();
        info.setId("digit-info");
        info.textProperty().bind(Bindings.createStringBinding(() -> vm.testIndexProperty()
                .get() < 0 ? t("digit.none") : vm.text("digit.info",
                        String.valueOf(vm.testIndexProperty().get()),
                        String.valueOf(vm.testLabelProperty().get())),
                vm.testIndexProperty(), vm.testLabelProperty()));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(t("filter.label")), filter);
        grid.addRow(1, new Label(t("index.label")), index);
        HBox nav = new HBox(6, prev, next, random);
        VBox box = new VBox(10, grid, nav, info);
        box.setPadding(new Insets(10));
        return box;
    }

    private Node drawPane() {
        canvas.setId("draw-canvas");
        canvas.setCursor(Cursor.CROSSHAIR);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            vm.beginStroke(e.getX(), e.getY());
            canvas.requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> vm.strokeTo(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> vm.endStroke());
        vm.drawingVersionProperty().addListener(obs -> paintCanvas());
        paintCanvas();

        Slider brush = new Slider(6, 40, vm.brushSizeProperty().get());
        brush.setId("brush-size");
        brush.valueProperty().bindBidirectional(vm.brushSizeProperty());
        brush.setTooltip(new Tooltip(t("brush.tooltip")));
        HBox.setHgrow(brush, Priority.ALWAYS);
        Button undo = iconButton(MaterialDesignU.UNDO, t("undo.tooltip"));
        undo.setId("undo-stroke");
        undo.setOnAction(e -> vm.undo());
        Button clear = iconButton(MaterialDesignE.ERASER, t("clear.tooltip"));
        clear.setId("clear-drawing");
        clear.setOnAction(e -> vm.clearDrawing());
        HBox tools = new HBox(6, new Label(t("brush.label"), icon(MaterialDesignB.BRUSH)),
                brush, undo, clear);
        tools.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label(t("draw.hint"));
        hint.setWrapText(true);
        VBox box = new VBox(8, canvas, tools, hint);
        box.setPadding(new Insets(10));
        return box;
    }

    private void paintCanvas() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setStroke(Color.WHITE);
        g.setFill(Color.WHITE);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        for (double[] s : vm.strokes()) {
            double d = s[0];
            int n = (s.length - 1) / 2;
            if (n == 1) {
                g.fillOval(s[1] - d / 2, s[2] - d / 2, d, d);
                continue;
            }
            g.setLineWidth(d);
            g.beginPath();
            g.moveTo(s[1], s[2]);
            for (int i = 1; i < n; i++) {
                g.lineTo(s[1 + 2 * i], s[2 + 2 * i]);
            }
            g.stroke();
        }
    }

    private Node imagePane() {
        Button open = new Button(t("image.open"), icon(MaterialDesignF.FOLDER_OPEN));
        open.setId("open-image");
        open.setTooltip(new Tooltip(t("image.open.tooltip")));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(t("image.filter"),
                    "*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"));
            File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                importFile(f);
            }
        });
        Label name = new Label();
        name.textProperty().bind(Bindings.createStringBinding(
                () -> vm.importedNameProperty().get() == null ? t("image.none")
                        : vm.text("image.loaded", vm.importedNameProperty().get()),
                vm.importedNameProperty()));
        Label hint = new Label(t("image.hint"));
        hint.setWrapText(true);
        VBox box = new VBox(10, open, name, hint);
        box.setPadding(new Insets(10));
        return box;
    }

    /**
     * Reads an image file (any size JavaFX can decode) into the view model; an unreadable
     * file only shows an error naming it.
     *
     * @param file the file
     * @return whether it was read
     */
    public boolean importFile(File file) {
        String name = file.getName();
        Image img;
        try {
            img = new Image(file.toURI().toString(), false);
            if (!img.isError() && Math.max(img.getWidth(), img.getHeight()) > 1024) {
                // huge photos: let the decoder shrink them, the digit ends up 20 px anyway
                img = new Image(file.toURI().toString(), 1024, 1024, true, true, false);
            }
        } catch (RuntimeException e) {
            vm.showError(vm.text("error.imageRead", name, e.getMessage()));
            return false;
        }
        if (img.isError() || img.getPixelReader() == null || img.getWidth() < 1) {
            Exception ex = img.getException();
            String why = ex == null || ex.getMessage() == null ? "unsupported or damaged image"
                    : ex.getMessage();
            vm.showError(vm.text("error.imageRead", name, why));
            return false;
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        vm.importImage(name, argb, w, h);
        return true;
    }

    // ------------------------------------------------------------------ noise controls

    private Node noiseBar() {
        ComboBox<NoiseKind> kind = new ComboBox<>(FXCollections.observableArrayList(
                NoiseKind.values()));
        kind.setId("noise-kind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(NoiseKind k) {
                return k == null ? "" : t("noise." + k.name());
            }

            @Override
            public NoiseKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.noiseKindProperty());
        kind.setTooltip(new Tooltip(t("noise.tooltip")));

        Slider sigma = new Slider(0, 2, vm.sigmaProperty().get());
        sigma.setId("sigma-slider");
        sigma.setPrefWidth(160);
        sigma.setMajorTickUnit(0.5);
        sigma.setShowTickMarks(true);
        sigma.valueProperty().bindBidirectional(vm.sigmaProperty());
        sigma.setTooltip(new Tooltip(t("sigma.tooltip")));
        Label sigmaValue = new Label();
        sigmaValue.textProperty().bind(vm.sigmaProperty().asString(Locale.ROOT, "%.2f"));
        sigmaValue.setMinWidth(36);
        HBox sigmaBox = new HBox(6, new Label(t("sigma.label")), sigma, sigmaValue);
        sigmaBox.setAlignment(Pos.CENTER_LEFT);
        sigmaBox.disableProperty().bind(vm.noiseKindProperty().isNotEqualTo(NoiseKind.GAUSSIAN));

        SpinnerValueFactory.IntegerSpinnerValueFactory patchFactory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, ReconstructViewModel.SIDE,
                        vm.occlusionSizeProperty().get());
        patchFactory.valueProperty().bindBidirectional(patchObject);
        Spinner<Integer> patch = new Spinner<>(patchFactory);
        patch.setId("patch-size");
        patch.setEditable(true);
        patch.setPrefWidth(80);
        patch.setTooltip(new Tooltip(t("patch.tooltip")));
        Button randomize = iconButton(MaterialDesignS.SHUFFLE_VARIANT,
                t("patch.randomize.tooltip"));
        randomize.setOnAction(e -> vm.randomizeOcclusion());
        HBox patchBox = new HBox(6, new Label(t("patch.label")), patch, randomize);
        patchBox.setAlignment(Pos.CENTER_LEFT);
        patchBox.disableProperty().bind(
                vm.noiseKindProperty().isNotEqualTo(NoiseKind.OCCLUSION));

        SpinnerValueFactory.IntegerSpinnerValueFactory seedFactory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Integer.MAX_VALUE,
                        vm.seedProperty().get());
        seedFactory.valueProperty().bindBidirectional(seedObject);
        Spinner<Integer> seed = new Spinner<>(seedFactory);
        seed.setId("noise-seed");
        seed.setEditable(true);
        seed.setPrefWidth(100);
        seed.setTooltip(new Tooltip(t("seed.tooltip")));
        HBox seedBox = new HBox(6, new Label(t("seed.label")), seed);
        seedBox.setAlignment(Pos.CENTER_LEFT);
        seedBox.disableProperty().bind(vm.noiseKindProperty().isEqualTo(NoiseKind.NONE)
                .or(vm.noiseKindProperty().isEqualTo(NoiseKind.OCCLUSION)));

        CheckBox clip = new CheckBox(t("clip.label"));
        clip.setId("clip-noise");
        clip.selectedProperty().bindBidirectional(vm.clipProperty());
        clip.setTooltip(new Tooltip(t("clip.tooltip")));

        HBox kindBox = new HBox(6, new Label(t("noise.label")), kind);
        kindBox.setAlignment(Pos.CENTER_LEFT);
        FlowPane bar = new FlowPane(16, 8, kindBox, sigmaBox, patchBox, seedBox, clip);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    // ------------------------------------------------------------------ panels

    private Node panels() {
        ImageView original = imageView();
        ImageView noisy = imageView();
        ImageView recon = imageView();
        ImageView diff = imageView();
        ImageView recon2 = imageView();
        ImageView diff2 = imageView();

        vm.originalProperty().addListener((obs, o, n) -> {
            original.setImage(gray(n));
            diff.setImage(diff(vm.reconstructionProperty().get(), n));
            diff2.setImage(diff(vm.compareReconstructionProperty().get(), n));
        });
        vm.noisyProperty().addListener((obs, o, n) -> noisy.setImage(gray(n)));
        vm.reconstructionProperty().addListener((obs, o, n) -> {
            recon.setImage(gray(n));
            diff.setImage(diff(n, vm.originalProperty().get()));
        });
        vm.compareReconstructionProperty().addListener((obs, o, n) -> {
            recon2.setImage(gray(n));
            diff2.setImage(diff(n, vm.originalProperty().get()));
        });
        original.setImage(gray(vm.originalProperty().get()));
        noisy.setImage(gray(vm.noisyProperty().get()));

        // drag on the noisy panel moves the occlusion patch
        noisy.cursorProperty().bind(Bindings.when(vm.noiseKindProperty()
                .isEqualTo(NoiseKind.OCCLUSION)).then(Cursor.MOVE).otherwise(Cursor.DEFAULT));
        javafx.event.EventHandler<MouseEvent> place = e -> {
            if (vm.noiseKindProperty().get() == NoiseKind.OCCLUSION) {
                int col = (int) Math.floor(e.getX() / PANEL * ReconstructViewModel.SIDE);
                int row = (int) Math.floor(e.getY() / PANEL * ReconstructViewModel.SIDE);
                vm.placeOcclusion(col, row);
            }
        };
        noisy.setOnMousePressed(place);
        noisy.setOnMouseDragged(place);

        Label mse = mseLabel(vm.mseProperty());
        mse.setId("mse-label");
        Label mse2 = mseLabel(vm.compareMseProperty());
        mse2.setId("compare-mse-label");

        ComboBox<ActiveModel> primary = modelBox(false);
        primary.setId("primary-model");
        ComboBox<ActiveModel> compare = modelBox(true);
        compare.setId("compare-model");

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(panel("panel-original", t("panel.original"), original, null), 0, 1);
        grid.add(panel("panel-noisy", t("panel.noisy"), noisy, null), 1, 1);
        Tooltip.install(noisy, new Tooltip(t("panel.noisy.tooltip")));
        grid.add(labelled(t("model.label"), primary), 2, 0, 2, 1);
        grid.add(panel("panel-reconstruction", t("panel.reconstruction"), recon, mse), 2, 1);
        grid.add(panel("panel-difference", t("panel.difference"), diff, null), 3, 1);
        Tooltip.install(diff, new Tooltip(t("panel.difference.tooltip")));
        grid.add(labelled(t("compare.label"), compare), 2, 2, 2, 1);
        Node p2 = panel("panel-compare-reconstruction", t("panel.reconstruction"), recon2, mse2);
        Node d2 = panel("panel-compare-difference", t("panel.difference"), diff2, null);
        grid.add(p2, 2, 3);
        grid.add(d2, 3, 3);
        p2.visibleProperty().bind(vm.compareModelProperty().isNotNull());
        d2.visibleProperty().bind(p2.visibleProperty());
        return grid;
    }

    private ComboBox<ActiveModel> modelBox(boolean withNone) {
        ActiveModel none = new ActiveModel(t("compare.none"), null, null, null);
        ObservableList<ActiveModel> items = FXCollections.observableArrayList();
        Runnable sync = () -> {
            items.setAll(ctx.models());
            if (withNone) {
                items.add(0, none);
            }
        };
        sync.run();
        ctx.models().addListener((ListChangeListener<ActiveModel>) c -> sync.run());
        ComboBox<ActiveModel> box = new ComboBox<>(items);
        box.setPrefWidth(220);
        ObjectProperty<ActiveModel> prop = withNone ? vm.compareModelProperty()
                : vm.primaryModelProperty();
        boolean[] updating = {false};
        Runnable fromVm = () -> {
            updating[0] = true;
            box.setValue(prop.get() == null && withNone ? none : prop.get());
            updating[0] = false;
        };
        fromVm.run();
        prop.addListener(obs -> fromVm.run());
        box.valueProperty().addListener((obs, o, n) -> {
            if (updating[0]) {
                return;
            }
            ActiveModel m = n == none ? null : n;
            if (withNone) {
                vm.chooseCompare(m);
            } else {
                vm.choosePrimary(m);
            }
        });
        box.setTooltip(new Tooltip(t(withNone ? "compare.tooltip" : "model.tooltip")));
        return box;
    }

    private Label mseLabel(javafx.beans.value.ObservableDoubleValue value) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            double v = value.get();
            return Double.isNaN(v) ? t("mse.none")
                    : vm.text("mse.format", String.format(Locale.ROOT, "%.6f", v));
        }, value));
        l.setStyle("-fx-font-family: monospace;");
        return l;
    }

    private static Node labelled(String text, Node control) {
        HBox box = new HBox(6, new Label(text), control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Node panel(String id, String title, ImageView view, Label caption) {
        Label head = new Label(title);
        head.setStyle("-fx-font-weight: bold;");
        Region frame = new Region();
        frame.setStyle("-fx-background-color: #202020;");
        frame.setMinSize(PANEL, PANEL);
        frame.setMaxSize(PANEL, PANEL);
        javafx.scene.layout.StackPane stack = new javafx.scene.layout.StackPane(frame, view);
        VBox box = caption == null ? new VBox(4, head, stack) : new VBox(4, head, stack, caption);
        box.setId(id);
        return box;
    }

    private static ImageView imageView() {
        ImageView v = new ImageView();
        v.setFitWidth(PANEL);
        v.setFitHeight(PANEL);
        v.setSmooth(false); // show the 28x28 pixels as they are
        v.setPreserveRatio(true);
        return v;
    }

    /** Grayscale image, values clamped to [0, 1] (noise can leave that range). */
    static WritableImage gray(float[] px) {
        if (px == null) {
            return null;
        }
        int side = ReconstructViewModel.SIDE;
        int[] argb = new int[side * side];
        for (int i = 0; i < argb.length; i++) {
            int g = (int) Math.round(clamp01(px[i]) * 255);
            argb[i] = 0xff000000 | (g << 16) | (g << 8) | g;
        }
        return image(argb);
    }

    /** |a - b| through an inferno-like colour map on a fixed 0..1 scale, comparable across digits. */
    static WritableImage diff(float[] a, float[] b) {
        if (a == null || b == null) {
            return null;
        }
        int[] argb = new int[a.length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = colour(clamp01(Math.abs(a[i] - b[i])));
        }
        return image(argb);
    }

    private static final int[][] INFERNO = {
        {0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};

    static int colour(double v) {
        double x = v * (INFERNO.length - 1);
        int i = Math.min(INFERNO.length - 2, (int) Math.floor(x));
        double f = x - i;
        int[] lo = INFERNO[i];
        int[] hi = INFERNO[i + 1];
        int r = (int) Math.round(lo[0] + f * (hi[0] - lo[0]));
        int g = (int) Math.round(lo[1] + f * (hi[1] - lo[1]));
        int bl = (int) Math.round(lo[2] + f * (hi[2] - lo[2]));
        return 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    private static WritableImage image(int[] argb) {
        int side = ReconstructViewModel.SIDE;
        WritableImage img = new WritableImage(side, side);
        img.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb,
                0, side);
        return img;
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    // ------------------------------------------------------------------ keys and icons

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return; // typing in a spinner's editor is not a shortcut
        }
        boolean handled = true;
        if (e.getCode() == KeyCode.LEFT) {
            vm.previous();
        } else if (e.getCode() == KeyCode.RIGHT) {
            vm.next();
        } else if (e.getCode() == KeyCode.R && !e.isShortcutDown()) {
            vm.randomDigit();
        } else if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
            vm.undo();
        } else if (e.getCode() == KeyCode.DELETE) {
            vm.clearDrawing();
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.setIconSize(18);
        return i;
    }

    private static Button iconButton(Ikon ikon, String tooltip) {
        Button b = new Button(null, icon(ikon));
        b.setTooltip(new Tooltip(tooltip));
        return b;
    }

    @Override
    public String csvFileName() {
        return "reconstruction.csv";
    }

    @Override
    public boolean hasCsvData() {
        return vm.originalProperty().get() != null;
    }

    @Override
    public void writeCsv(java.nio.file.Path file) throws java.io.IOException {
        float[] original = vm.originalProperty().get();
        float[] noisy = vm.noisyProperty().get();
        float[] rec = vm.reconstructionProperty().get();
        float[] cmp = vm.compareReconstructionProperty().get();
        StringBuilder sb = new StringBuilder("row,col,original,noisy,reconstruction,compare\n");
        for (int i = 0; i < original.length; i++) {
            sb.append(i / 28).append(',').append(i % 28).append(',').append(original[i])
                    .append(',').append(value(noisy, i)).append(',').append(value(rec, i))
                    .append(',').append(value(cmp, i)).append('\n');
        }
        io.latentlab.model.AtomicFiles.writeString(file, sb.toString());
    }

    private static String value(float[] a, int i) {
        return a == null ? "" : Float.toString(a[i]);
    }
}
