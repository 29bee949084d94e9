package io.latentlab.ui.training;

import io.latentlab.data.Corruption;
import io.latentlab.model.AtomicFiles;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.common.EmptyState;
import io.latentlab.ui.common.FxTicker;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ResourceBundle;

import javax.imageio.ImageIO;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

import atlantafx.base.controls.ToggleSwitch;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Train view: hyperparameter form, run controls, live loss chart ({@link TrainChart}),
 * progress with ETA, the offer of a saved run, and a reconstruction strip of eight test
 * digits. State lives in {@link TrainViewModel}; while a run is on, an {@link FxTicker} drains
 * its event queue at {@value #DRAIN_HZ} Hz.
 */
public final class TrainView extends BorderPane implements CsvExportable {

    private static final int DRAIN_HZ = 15;

    private final TrainViewModel vm;
    private final ResourceBundle s;
    private Scene lastScene;
    private final TrainChart chart;
    private final PreviewStrip strip;
    private final Button startButton;
    private final Button pauseButton;
    private final Button resumeButton;
    private final Button stopButton;

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

        HBox smoothing = new HBox(6, smoothLabel, smooth);
        smoothing.setAlignment(Pos.CENTER_LEFT);
        // each chart option between separators: the switch must not read as Smoothing's
        setTop(new ToolBar(startButton, pauseButton, resumeButton, stopButton,
                new Separator(), log, new Separator(), smoothing, new Separator(), png, csv));
        setLeft(form());

        chart = new TrainChart(vm, s);
        // axes only once a run has drawn something; a new run clears them again
        BooleanBinding hasData = Bindings.isNotEmpty(vm.batchPoints())
                .or(Bindings.isNotEmpty(vm.epochs()));
        Node chartPane = EmptyState.wrap(chart.node(), s.getString("chart.empty"), hasData);
        VBox.setVgrow(chartPane, Priority.ALWAYS);
        png.disableProperty().bind(hasData.not());
        strip = new PreviewStrip(vm, s);

        Label bestLabel = new Label();
        bestLabel.setId("train-best");
        bestLabel.textProperty().bind(vm.bestTextProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        // one line, as in the status bar: "Epoch 2 of at most 3 · 30 s · at most 15 s left"
        Label progressText = new Label();
        progressText.setId("train-progress-text");
        progressText.setMinWidth(Region.USE_PREF_SIZE);
        progressText.textProperty().bind(Bindings.createStringBinding(
                () -> RunDisplay.joined(vm.progressTextProperty().get(), vm.etaTextProperty().get()),
                vm.progressTextProperty(), vm.etaTextProperty()));
        HBox progressRow = new HBox(8, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.messageProperty());

        HBox below = new HBox(24, strip, new LatentTrailView(vm, s));
        VBox center = new VBox(6, offerBar(), bestLabel, chartPane, progressRow, status, below);
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

    /** "Run saved: ED=32 · runs/… [Use this model] [x]", shown while a run is offered. */
    private Node offerBar() {
        Label text = new Label();
        text.setId("train-offer-text");
        text.textProperty().bind(vm.offerTextProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button use = button("useModel", new FontIcon(MaterialDesignC.CHECK), vm::useOfferedModel);
        Button dismiss = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        dismiss.setId("train-offer-dismiss");
        dismiss.setTooltip(new Tooltip(s.getString("action.dismissOffer.tip")));
        dismiss.setOnAction(e -> vm.dismissOffer());
        HBox bar = new HBox(8, text, use, dismiss);
        bar.setId("train-offer");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add(Styles.SUCCESS_BAR);
        bar.visibleProperty().bind(vm.offeredModelProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
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
        formError.getStyleClass().add(Styles.ERROR);
        formError.setWrapText(true);
        formError.setMaxWidth(260);
        formError.textProperty().bind(vm.formErrorProperty());
        Label formWarning = new Label(null, new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        formWarning.setId("train-form-warning");
        formWarning.setWrapText(true);
        formWarning.setMaxWidth(260);
        formWarning.textProperty().bind(vm.formWarningProperty());
        formWarning.visibleProperty().bind(vm.formWarningProperty().isNotEmpty());
        formWarning.managedProperty().bind(formWarning.visibleProperty());
        Label noData = new Label(s.getString("hint.noData"));
        noData.setId("train-no-data");
        noData.setWrapText(true);
        noData.setMaxWidth(260);
        noData.visibleProperty().bind(vm.context().dataProperty().isNull());
        noData.managedProperty().bind(noData.visibleProperty());
        Label corruptLabel = new Label(s.getString("corrupt.label"));
        ComboBox<Corruption> corrupt = new ComboBox<>();
        corrupt.setId("train-corrupt");
        corrupt.getItems().setAll(CorruptionChoice.PRESETS);
        corrupt.setConverter(new StringConverter<>() {
            @Override
            public String toString(Corruption c) {
                return c == null ? "" : CorruptionChoice.label(c, s);
            }

            @Override
            public Corruption fromString(String text) {
                return null;
            }
        });
        corrupt.valueProperty().bindBidirectional(vm.corruptionProperty());
        // as wide as the text fields: the list shows the long names
        corrupt.setPrefWidth(150);
        corrupt.setMaxWidth(Double.MAX_VALUE);
        Tooltip corruptTip = new Tooltip(s.getString("corrupt.tip"));
        corruptTip.setWrapText(true);
        corruptTip.setMaxWidth(360);
        corrupt.setTooltip(corruptTip);
        corruptLabel.setTooltip(corruptTip);
        grid.add(corruptLabel, 0, row);
        grid.add(corrupt, 1, row++);
        grid.add(formError, 0, row++, 2, 1);
        grid.add(formWarning, 0, row++, 2, 1);
        grid.add(noData, 0, row, 2, 1);
        // the settings of a run in progress cannot change: lock the form while it is active
        grid.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.stateProperty().get().active(), vm.stateProperty()));
        VBox box = new VBox(new Label(s.getString("settings.title")), grid);
        box.setPadding(new Insets(6, 0, 0, 6));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private void wire() {
        FxTicker drain = new FxTicker(1000 / DRAIN_HZ, vm::drain);
        // drain only while a run is on, shown or not: an idle timer would pulse every frame
        vm.stateProperty().addListener((o, a, state) -> {
            if (state.active()) {
                drain.start();
            } else {
                drain.stop();
            }
        });
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                lastScene = scene;
                installShortcuts(scene);
            }
        });
        // the error of a run shows even when another tab is in front (this view detached)
        vm.errorProperty().addListener((o, a, msg) -> {
            Scene scene = getScene() != null ? getScene() : lastScene;
            if (msg != null && scene != null && scene.getWindow() != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, msg);
                alert.setHeaderText(s.getString("error.title"));
                alert.initOwner(scene.getWindow());
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

    private File chooseFile(String kind, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(s.getString(kind), pattern));
        chooser.setInitialFileName(name);
        return chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    }

    private void exportPng() {
        File file = chooseFile("file.png", "*.png", "training-chart.png");
        if (file != null) {
            // the snapshot on the FX thread, the encoding and writing on a worker
            BufferedImage image = SwingFXUtils.fromFXImage(chart.node().snapshot(null, null), null);
            save(file.toPath(), out -> writePng(image, out));
        }
    }

    private void exportCsv() {
        File file = chooseFile("file.csv", "*.csv", "history.csv");
        if (file != null) {
            byte[] csv = vm.historyCsv().getBytes(StandardCharsets.UTF_8);
            save(file.toPath(), out -> out.write(csv));
        }
    }

    private void save(Path file, AtomicFiles.Writer writer) {
        vm.context().jobs().submit(Job.onWorker(String.format(s.getString("job.save"),
                file.getFileName()), c -> {
                    AtomicFiles.write(file, writer);
                    return file;
                }).onFailure(this::showExportError));
    }

    private static void writePng(BufferedImage image, java.io.OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Writes a snapshot of a node as PNG, atomically (a failed write leaves no half image).
     *
     * @param node what to snapshot (FX thread)
     * @param file target
     * @throws IOException on failure
     */
    public static void writePng(Node node, Path file) throws IOException {
        BufferedImage image = SwingFXUtils.fromFXImage(node.snapshot(null, null), null);
        AtomicFiles.write(file, out -> writePng(image, out));
    }

    private void showExportError(Throwable e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
        alert.setHeaderText(s.getString("error.export"));
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.show();
    }

    /** @return the view model */
    public TrainViewModel viewModel() {
        return vm;
    }

    /** @return the loss chart */
    public LineChart<Number, Number> chart() {
        return chart.node();
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
    public void writeCsv(Path file) throws IOException {
        vm.exportHistory(file);
    }
}
