package io.latentlab.ui.training;

import io.latentlab.data.MnistData;
import io.latentlab.training.EpochMetrics;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.training.TrainViewModel.BatchPoint;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;
import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Train view: hyperparameter form, run controls, live loss chart, progress with ETA and
 * a reconstruction strip of eight test digits. State lives in {@link TrainViewModel}; a
 * {@link Timeline} drains its event queue at {@value #DRAIN_HZ} Hz.
 */
public final class TrainView extends BorderPane implements io.latentlab.ui.CsvExportable {

    private static final int DRAIN_HZ = 15;
    private static final int STRIP_SIZE = 56;

    private final TrainViewModel vm;
    private final ResourceBundle s;
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> batchRaw = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> batchSmooth = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> train = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> val = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> test = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> best = new XYChart.Series<>();
    private final ImageView[] originals = new ImageView[TrainViewModel.PREVIEW_INDICES.length];
    private final ImageView[] reconstructions = new ImageView[TrainViewModel.PREVIEW_INDICES.length];
    private final Button startButton;
    private final Button pauseButton;
    private final Button resumeButton;
    private final Button stopButton;
    private double smoothed = Double.NaN;

    /**
     * @param ctx shared services
     */
    public TrainView(AppContext ctx) {
        this(new TrainViewModel(ctx));
    }

    /**
     * @param vm the view model
     */
    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        this.s = vm.strings();
        setId("train-view");

        startButton = button("start", new FontIcon(MaterialDesignP.PLAY), vm::start);
        startButton.disableProperty().bind(vm.canStartProperty().not());
        startButton.setDefaultButton(false);
        pauseButton = button("pause", new FontIcon(MaterialDesignP.PAUSE), vm::pause);
        pauseButton.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING));
        resumeButton = button("resume", new FontIcon(MaterialDesignP.PLAY_CIRCLE_OUTLINE), vm::resume);
        resumeButton.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.PAUSED));
        stopButton = button("stop", new FontIcon(MaterialDesignS.STOP), vm::stop);
        stopButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !(vm.stateProperty().get() == State.RUNNING
                        || vm.stateProperty().get() == State.PAUSED), vm.stateProperty()));
        Button png = button("exportPng", new FontIcon(MaterialDesignF.FILE_IMAGE), this::exportPng);
        Button csv = button("exportCsv", new FontIcon(MaterialDesignF.FILE_DELIMITED), this::exportCsv);
        csv.disableProperty().bind(Bindings.isEmpty(vm.epochs()));

        ToggleSwitch log = new ToggleSwitch(s.getString("chart.log"));
        log.setId("train-log");
        log.setTooltip(new Tooltip(s.getString("chart.log.tip")));
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        Slider smooth = new Slider(0, 0.99, vm.smoothingProperty().get());
        smooth.setId("train-smoothing");
        smooth.setPrefWidth(120);
        smooth.setTooltip(new Tooltip(s.getString("chart.smoothing.tip")));
        smooth.valueProperty().bindBidirectional(vm.smoothingProperty());
        Label smoothLabel = new Label(s.getString("chart.smoothing"));
        smoothLabel.setLabelFor(smooth);

        ToolBar bar = new ToolBar(startButton, pauseButton, resumeButton, stopButton,
                new Separator(), log, smoothLabel, smooth, new Separator(), png, csv);
        setTop(bar);

        setLeft(form());

        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(s.getString("chart.x"));
        xAxis.setForceZeroInRange(false);
        yAxis.setForceZeroInRange(false);
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId("train-chart");
        chart.setAnimated(false);
        // symbols only where set explicitly (epoch points, best marker): thousands of batch
        // points would each get a node otherwise
        chart.setCreateSymbols(false);
        batchRaw.setName(s.getString("series.batch"));
        batchSmooth.setName(s.getString("series.batchSmooth"));
        train.setName(s.getString("series.train"));
        val.setName(s.getString("series.val"));
        test.setName(s.getString("series.test"));
        best.setName(s.getString("series.best"));
        chart.getData().addAll(List.of(batchRaw, batchSmooth, train, val, test, best));
        batchRaw.getNode().setStyle("-fx-stroke-width: 1px; -fx-opacity: 0.25;");
        batchSmooth.getNode().setStyle("-fx-stroke-width: 1.5px; -fx-opacity: 0.7;");
        best.getNode().setStyle("-fx-stroke: transparent;");
        VBox.setVgrow(chart, Priority.ALWAYS);

        Label bestLabel = new Label();
        bestLabel.setId("train-best");
        bestLabel.textProperty().bind(vm.bestTextProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label progressText = new Label();
        progressText.textProperty().bind(vm.progressTextProperty());
        Label eta = new Label();
        eta.setId("train-eta");
        eta.textProperty().bind(vm.etaTextProperty());
        HBox progressRow = new HBox(8, progress, progressText, eta);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.messageProperty());

        VBox center = new VBox(6, bestLabel, chart, progressRow, status, strip());
        center.setPadding(new Insets(6));
        setCenter(center);

        wire();
    }

    private Button button(String key, FontIcon icon, Runnable action) {
        Button b = new Button(s.getString("action." + key), icon);
        b.setId("train-" + key);
        b.setTooltip(new Tooltip(s.getString("action." + key + ".tip")));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node form() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        grid.setPadding(new Insets(8));
        int row = 0;
        for (Field f : Field.values()) {
            Label label = new Label(s.getString("field." + f.name()));
            TextField field = new TextField();
            field.setId("train-field-" + f.name());
            field.setPrefColumnCount(8);
            field.textProperty().bindBidirectional(vm.valueProperty(f));
            Tooltip tip = new Tooltip(s.getString("field." + f.name() + ".tip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            field.setTooltip(tip);
            label.setTooltip(tip);
            row = FormFields.addRow(grid, row, label, field, vm.errorProperty(f),
                    "train-error-" + f.name(), 220);
        }
        Label formError = new Label();
        formError.setId("train-form-error");
        formError.setStyle("-fx-text-fill: #d32f2f;");
        formError.setWrapText(true);
        formError.setMaxWidth(260);
        formError.textProperty().bind(vm.formErrorProperty());
        Label noData = new Label(s.getString("hint.noData"));
        noData.setId("train-no-data");
        noData.setWrapText(true);
        noData.setMaxWidth(260);
        noData.visibleProperty().bind(vm.context().dataProperty().isNull());
        noData.managedProperty().bind(noData.visibleProperty());
        grid.add(formError, 0, row++, 2, 1);
        grid.add(noData, 0, row, 2, 1);
        // the fields must never be disabled mid-run invisibly: lock them while a run is active
        grid.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.stateProperty().get().active(), vm.stateProperty()));
        VBox box = new VBox(new Label(s.getString("settings.title")), grid);
        box.setPadding(new Insets(6, 0, 0, 6));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private Node strip() {
        GridPane grid = new GridPane();
        grid.setId("train-strip");
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < originals.length; i++) {
            originals[i] = digitView();
            reconstructions[i] = digitView();
            grid.add(originals[i], i, 0);
            grid.add(reconstructions[i], i, 1);
        }
        Label title = new Label(s.getString("strip.title"));
        return new VBox(2, title, grid);
    }

    private static ImageView digitView() {
        ImageView v = new ImageView();
        // nearest-neighbour scaling keeps the pixels visible
        v.setSmooth(false);
        v.setFitWidth(STRIP_SIZE);
        v.setFitHeight(STRIP_SIZE);
        v.setStyle("-fx-background-color: black;");
        return v;
    }

    /** Renders a 28x28 image in [0, 1] as grey levels. */
    static WritableImage render(float[] pixels, int side) {
        WritableImage img = new WritableImage(side, side);
        PixelWriter w = img.getPixelWriter();
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int g = Math.round(Math.max(0f, Math.min(1f, pixels[r * side + c])) * 255);
                w.setArgb(c, r, 0xFF000000 | (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    private void wire() {
        Timeline drain = new Timeline(new KeyFrame(Duration.millis(1000.0 / DRAIN_HZ),
                e -> vm.drain()));
        drain.setCycleCount(Timeline.INDEFINITE);
        // drain only while shown, so a closed window leaves no timer running
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) {
                drain.stop();
            } else {
                drain.play();
                installShortcuts(scene);
            }
        });

        vm.batchPoints().addListener((ListChangeListener<BatchPoint>) c -> {
            boolean rebuild = false;
            while (c.next()) {
                if (c.wasRemoved() || c.getFrom() != batchRaw.getData().size()) {
                    rebuild = true;
                }
            }
            if (rebuild) {
                redrawBatches();
            } else {
                appendBatches(vm.batchPoints().subList(batchRaw.getData().size(),
                        vm.batchPoints().size()));
            }
        });
        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> redrawEpochs());
        vm.logScaleProperty().addListener((o, a, b) -> {
            yAxis.setLabel(s.getString(b ? "chart.yLog" : "chart.y"));
            redrawBatches();
            redrawEpochs();
        });
        yAxis.setLabel(s.getString("chart.y"));
        vm.smoothingProperty().addListener((o, a, b) -> redrawBatches());
        vm.previewProperty().addListener((o, a, p) -> {
            for (int i = 0; i < reconstructions.length; i++) {
                reconstructions[i].setImage(p == null || i >= p.images().length ? null
                        : render(p.images()[i], 28));
            }
        });
        vm.context().dataProperty().addListener((o, a, d) -> showOriginals(d));
        showOriginals(vm.context().dataProperty().get());
        vm.stateProperty().addListener((o, a, state) -> {
            // a quiet, non-modal note when a run ends by itself or is stopped
            if (getScene() != null && getScene().getWindow() != null
                    && (state == TrainViewModel.State.FINISHED
                    || state == TrainViewModel.State.CANCELLED)) {
                Notifications.create().owner(getScene().getWindow())
                        .title(s.getString("notify.title"))
                        .text(vm.messageProperty().get())
                        .hideAfter(javafx.util.Duration.seconds(6))
                        .showInformation();
            }
        });
        vm.errorProperty().addListener((o, a, msg) -> {
            if (msg != null && getScene() != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, msg);
                alert.setHeaderText(s.getString("error.title"));
                alert.initOwner(getScene().getWindow());
                alert.show();
            }
        });
    }

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER,
                KeyCombination.SHORTCUT_DOWN), startButton::fire);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PERIOD,
                KeyCombination.SHORTCUT_DOWN), stopButton::fire);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P,
                KeyCombination.SHORTCUT_DOWN), () -> {
                    // decide before firing: pausing disables the pause button at once
                    Button target = pauseButton.isDisabled() ? resumeButton : pauseButton;
                    target.fire();
                });
    }

    private void showOriginals(MnistData data) {
        for (int i = 0; i < originals.length; i++) {
            int idx = TrainViewModel.PREVIEW_INDICES[i];
            originals[i].setImage(data == null || idx >= data.test().size() ? null
                    : render(data.test().copyImage(idx), data.test().cols()));
        }
    }

    private void appendBatches(List<BatchPoint> points) {
        boolean log = vm.logScaleProperty().get();
        double k = vm.smoothingProperty().get();
        List<XYChart.Data<Number, Number>> raw = new java.util.ArrayList<>(points.size());
        List<XYChart.Data<Number, Number>> sm = new java.util.ArrayList<>(points.size());
        for (BatchPoint p : points) {
            double y = TrainViewModel.plotted(p.loss(), log);
            if (Double.isNaN(y)) {
                continue;
            }
            smoothed = TrainViewModel.ema(smoothed, y, k);
            raw.add(new XYChart.Data<>(p.x(), y));
            sm.add(new XYChart.Data<>(p.x(), smoothed));
        }
        batchRaw.getData().addAll(raw);
        batchSmooth.getData().addAll(sm);
    }

    private void redrawBatches() {
        smoothed = Double.NaN;
        batchRaw.getData().clear();
        batchSmooth.getData().clear();
        appendBatches(List.copyOf(vm.batchPoints()));
    }

    private void redrawEpochs() {
        boolean log = vm.logScaleProperty().get();
        List<EpochMetrics> all = List.copyOf(vm.epochs());
        fill(train, all, EpochMetrics::trainMse, log);
        fill(val, all, EpochMetrics::valMse, log);
        fill(test, all, EpochMetrics::testMse, log);
        best.getData().clear();
        EpochMetrics b = vm.bestEpoch();
        if (b != null && vm.stateProperty().get() != State.IDLE) {
            double y = TrainViewModel.plotted(Double.isNaN(b.valMse()) ? b.testMse() : b.valMse(), log);
            if (!Double.isNaN(y)) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(b.epoch(), y);
                Circle marker = new Circle(6);
                marker.setStyle("-fx-fill: transparent; -fx-stroke: #e53935; -fx-stroke-width: 2;");
                Tooltip.install(marker, new Tooltip(vm.bestTextProperty().get()));
                d.setNode(marker);
                best.getData().add(d);
            }
        }
    }

    private static void fill(XYChart.Series<Number, Number> series, List<EpochMetrics> all,
            ToDoubleFunction<EpochMetrics> f, boolean log) {
        List<XYChart.Data<Number, Number>> out = new java.util.ArrayList<>();
        for (EpochMetrics m : all) {
            double y = TrainViewModel.plotted(f.applyAsDouble(m), log);
            if (!Double.isNaN(y)) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(m.epoch(), y);
                d.setNode(new Circle(2.5));
                out.add(d);
            }
        }
        series.getData().setAll(out);
    }

    private void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.png"), "*.png"));
        chooser.setInitialFileName("training-chart.png");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            try {
                writePng(chart, file.toPath());
            } catch (IOException | RuntimeException e) {
                showExportError(e);
            }
        }
    }

    /**
     * Writes a snapshot of a node as PNG: to a temporary file first, then renamed, so a failed
     * write never leaves a half image behind.
     *
     * @param node what to snapshot (FX thread)
     * @param file target
     * @throws IOException on failure
     */
    public static void writePng(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(null, null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "snapshot", ".tmp");
        try {
            if (!ImageIO.write(buffered, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.csv"), "*.csv"));
        chooser.setInitialFileName("history.csv");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            try {
                vm.exportHistory(file.toPath());
            } catch (IOException | RuntimeException e) {
                showExportError(e);
            }
        }
    }

    private void showExportError(Exception e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
        alert.setHeaderText(s.getString("error.export"));
        alert.show();
    }

    /** @return the view model */
    public TrainViewModel viewModel() {
        return vm;
    }

    /** @return the loss chart */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    @Override
    public String csvFileName() {
        return "history.csv";
    }

    @Override
    public boolean hasCsvData() {
        return !vm.epochs().isEmpty();
    }

    @Override
    public void writeCsv(java.nio.file.Path file) throws java.io.IOException {
        vm.exportHistory(file);
    }
}
