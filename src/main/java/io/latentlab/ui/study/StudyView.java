package io.latentlab.ui.study;

import io.latentlab.report.Charts;
import io.latentlab.study.GridSearch;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.study.StudyViewModel.Field;
import io.latentlab.ui.study.StudyViewModel.HeatCell;
import io.latentlab.ui.study.StudyViewModel.MetricsRow;
import io.latentlab.ui.study.StudyViewModel.ModelRow;
import io.latentlab.ui.study.StudyViewModel.SettingRow;
import io.latentlab.ui.study.StudyViewModel.State;
import io.latentlab.ui.training.TrainView;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import org.controlsfx.control.CheckListView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Study view: grid search with cross-validation (form, heat map, per-fold curves, results),
 * the encoding-dimension summary of the available models, noise robustness and latent metrics,
 * each in a sub-tab. State lives in {@link StudyViewModel}; a {@link Timeline} drains its
 * progress queue while the view is shown.
 */
public final class StudyView extends BorderPane implements CsvExportable {

    private static final int DRAIN_HZ = 10;
    private static final String ERROR_STYLE = "-fx-text-fill: #d32f2f; -fx-font-size: 0.9em;";

    private final StudyViewModel vm;
    private final AppContext ctx;
    private final javafx.beans.property.BooleanProperty reportRunning =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final ResourceBundle s;
    private final TabPane tabs = new TabPane();
    private final Tab gridTab;
    private final Tab edTab;
    private final Tab noiseTab;
    private final Tab metricsTab;
    private final GridPane heatMap = new GridPane();
    private final LineChart<Number, Number> curves;
    private final LineChart<String, Number> edChart;
    private final LineChart<Number, Number> noiseChart;
    private final VBox noiseGrids = new VBox(12);
    private ScrollPane gridScroll;
    private final TableView<List<String>> noiseTable = new TableView<>();
    private final Label curvesTitle = new Label();
    private Button runGridButton;
    private Button cancelButton;
    private Scene shortcutScene;

    /**
     * @param ctx shared services
     */
    public StudyView(AppContext ctx) {
        this(new StudyViewModel(ctx));
    }

    /**
     * @param vm the view model
     */
    public StudyView(StudyViewModel vm) {
        this.vm = vm;
        this.ctx = vm.context();
        this.s = vm.strings();
        setId("study-view");

        NumberAxis cx = new NumberAxis();
        cx.setLabel(s.getString("curves.x"));
        cx.setForceZeroInRange(false);
        NumberAxis cy = new NumberAxis();
        cy.setLabel(s.getString("curves.y"));
        cy.setForceZeroInRange(false);
        curves = new LineChart<>(cx, cy);
        curves.setId("study-curves");
        curves.setAnimated(false);

        CategoryAxis ex = new CategoryAxis();
        ex.setLabel(s.getString("ed.x"));
        NumberAxis ey = new NumberAxis();
        ey.setLabel(s.getString("ed.y"));
        ey.setForceZeroInRange(false);
        edChart = new LineChart<>(ex, ey);
        edChart.setId("study-ed-chart");
        edChart.setAnimated(false);
        edChart.setTitle(s.getString("ed.chart"));
        edChart.setLegendVisible(false);

        NumberAxis nx = new NumberAxis();
        nx.setLabel(s.getString("noise.x"));
        NumberAxis ny = new NumberAxis();
        ny.setLabel(s.getString("noise.y"));
        noiseChart = new LineChart<>(nx, ny);
        noiseChart.setId("study-noise-chart");
        noiseChart.setAnimated(false);
        noiseChart.setCreateSymbols(false);
        noiseChart.setTitle(s.getString("noise.chart"));

        gridTab = tab("tab.grid", gridSection());
        edTab = tab("tab.ed", edSection());
        noiseTab = tab("tab.noise", noiseSection());
        metricsTab = tab("tab.metrics", metricsSection());
        tabs.setId("study-tabs");
        tabs.getTabs().addAll(gridTab, edTab, noiseTab, metricsTab);
        setCenter(tabs);
        setBottom(statusRow());
        wire();
    }

    private static Tab tab(String title, Node content, ResourceBundle s) {
        Tab t = new Tab(s.getString(title), content);
        t.setClosable(false);
        return t;
    }

    private Tab tab(String title, Node content) {
        return tab(title, content, s);
    }

    private Button button(String id, String key, FontIcon icon, Runnable action) {
        Button b = new Button(s.getString("action." + key), icon);
        b.setId(id);
        b.setTooltip(new Tooltip(s.getString("action." + key + ".tip")));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node statusRow() {
        ProgressBar bar = new ProgressBar();
        bar.setId("study-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        Label text = new Label();
        text.setId("study-progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        Label msg = new Label();
        msg.setId("study-status");
        msg.textProperty().bind(vm.messageProperty());
        Button report = button("study-report", "report",
                new FontIcon(MaterialDesignF.FILE_DOCUMENT_OUTLINE), this::chooseReport);
        report.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(ctx.models())
                .or(ctx.dataProperty().isNull()).or(reportRunning));
        javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
        HBox.setHgrow(grow, javafx.scene.layout.Priority.ALWAYS);
        HBox row = new HBox(8, bar, text, msg, grow, report);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(4, 8, 4, 8));
        return row;
    }

    private void chooseReport() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(s.getString("action.report"));
        java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            writeReport(dir.toPath());
        }
    }

    /**
     * Writes the study report (every figure and table, see {@code latent-lab report}) for all
     * saved models into {@code dir}, on the DJL thread, with progress in the status bar.
     *
     * @param dir output folder
     * @return the index page once written (completes after the UI was updated)
     */
    public java.util.concurrent.CompletableFuture<java.nio.file.Path> writeReport(
            java.nio.file.Path dir) {
        java.util.List<java.nio.file.Path> models = ctx.models().stream()
                .map(io.latentlab.ui.AppContext.ActiveModel::dir)
                .filter(java.util.Objects::nonNull).distinct().toList();
        io.latentlab.data.MnistData data = ctx.dataProperty().get();
        java.util.concurrent.CompletableFuture<java.nio.file.Path> done =
                new java.util.concurrent.CompletableFuture<>();
        if (models.isEmpty() || data == null) {
            done.completeExceptionally(new IllegalStateException(s.getString("report.none")));
            return done;
        }
        reportRunning.set(true);
        ctx.legacyStatus().start(s.getString("report.job"), null);
        io.latentlab.model.DjlThread djl = ctx.djl();
        // the grid search on show goes into the report when it is saved in a file
        java.nio.file.Path grid = vm.gridFileProperty().get();
        io.latentlab.report.ReportWriter.Options opts = io.latentlab.report.ReportWriter.Options
                .defaults().withGrids(grid == null ? List.of() : List.of(grid));
        djl.submit(() -> io.latentlab.report.ReportWriter.write(dir, models, data, opts,
                line -> {
                    ctx.fx().execute(() -> ctx.legacyStatus().update(-1, line));
                    djl.runQueued();
                }).index())
                .whenComplete((index, err) -> ctx.fx().execute(() -> {
                    reportRunning.set(false);
                    if (err != null) {
                        Throwable cause = err.getCause() != null ? err.getCause() : err;
                        ctx.legacyStatus().finish(s.getString("report.failed"));
                        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                                javafx.scene.control.Alert.AlertType.ERROR,
                                String.valueOf(cause.getMessage()));
                        alert.setHeaderText(s.getString("report.failed"));
                        alert.show();
                        done.completeExceptionally(cause);
                    } else {
                        ctx.legacyStatus().finish(String.format(s.getString("report.done"), index));
                        done.complete(index);
                    }
                }));
        return done;
    }

    // ---- grid search -------------------------------------------------------------------

    private Node gridSection() {
        runGridButton = button("study-grid-run", "run", new FontIcon(MaterialDesignP.PLAY),
                vm::runGrid);
        runGridButton.disableProperty().bind(vm.canRunGridProperty().not());
        cancelButton = button("study-grid-cancel", "cancel", new FontIcon(MaterialDesignS.STOP),
                vm::cancelGrid);
        cancelButton.disableProperty().bind(vm.gridStateProperty().isNotEqualTo(State.RUNNING));
        Button png = button("study-grid-png", "chartPng", new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> exportPng(curves, "grid-curves.png"));
        png.disableProperty().bind(vm.selectedSettingProperty().isNull());
        Button csv = button("study-grid-csv", "csv", new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> exportCsv("grid-search.csv", vm::writeGridCsv));
        csv.disableProperty().bind(vm.gridResultProperty().isNull());
        Button open = button("study-grid-open", "openGrid",
                new FontIcon(MaterialDesignF.FOLDER_OPEN), this::openGrid);
        open.disableProperty().bind(vm.busyProperty());
        ToolBar bar = new ToolBar(runGridButton, cancelButton, open, png, csv);

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(2);
        form.setPadding(new Insets(6));
        int row = 0;
        for (Field f : Field.values()) {
            Label label = new Label(s.getString("field." + f.name()));
            TextField field = new TextField();
            field.setId("study-field-" + f.name());
            field.setPrefColumnCount(f == Field.LRS || f == Field.WDS ? 12 : 7);
            field.textProperty().bindBidirectional(vm.valueProperty(f));
            Tooltip tip = new Tooltip(s.getString("field." + f.name() + ".tip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            field.setTooltip(tip);
            label.setTooltip(tip);
            row = FormFields.addRow(form, row, label, field, vm.errorProperty(f),
                    "study-error-" + f.name(), 200);
        }
        Label formError = new Label();
        formError.setId("study-form-error");
        formError.setStyle(ERROR_STYLE);
        formError.setWrapText(true);
        formError.setMaxWidth(240);
        formError.textProperty().bind(vm.formErrorProperty());
        Label noData = new Label(s.getString("hint.noData"));
        noData.setWrapText(true);
        noData.setMaxWidth(240);
        noData.visibleProperty().bind(vm.context().dataProperty().isNull());
        noData.managedProperty().bind(noData.visibleProperty());
        form.add(formError, 0, row++, 2, 1);
        form.add(noData, 0, row, 2, 1);
        form.disableProperty().bind(vm.busyProperty());
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        formScroll.setMinWidth(290);

        heatMap.setId("study-heatmap");
        heatMap.setHgap(2);
        heatMap.setVgap(2);
        Label heatTitle = new Label(s.getString("heat.title"));
        heatTitle.setWrapText(true);
        Label winner = new Label();
        winner.setId("study-winner");
        winner.setWrapText(true);
        winner.setStyle("-fx-font-weight: bold;");
        winner.textProperty().bind(vm.winnerTextProperty());
        VBox heatBox = new VBox(4, heatTitle, heatMap, winner);
        heatBox.setPadding(new Insets(6));

        curvesTitle.setId("study-curves-title");
        VBox curvesBox = new VBox(2, curvesTitle, curves);
        VBox.setVgrow(curves, Priority.ALWAYS);
        curves.setPrefHeight(260);
        HBox top = new HBox(6, heatBox, curvesBox);
        HBox.setHgrow(curvesBox, Priority.ALWAYS);

        TableView<SettingRow> table = new TableView<>(vm.settingRows());
        table.setId("study-grid-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("col.lr", r -> GridSearchFormat.num(r.setting().lr())));
        table.getColumns().add(col("col.wd", r -> GridSearchFormat.num(r.setting().wd())));
        table.getColumns().add(col("col.meanVal", r -> fmt6(r.setting().meanValMse())));
        table.getColumns().add(col("col.meanGap", r -> fmt6(r.setting().meanGap())));
        table.getColumns().add(col("col.rank", r -> r.rank() == 0 ? "-" : Integer.toString(r.rank())));
        table.getColumns().add(col("col.status", SettingRow::status));
        table.setPrefHeight(160);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.selectedSettingProperty().set(r.setting());
            }
        });

        VBox center = new VBox(4, top, table);
        VBox.setVgrow(top, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        SplitPane split = new SplitPane(formScroll, center);
        split.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(formScroll, false);
        BorderPane pane = new BorderPane(split);
        pane.setTop(bar);
        return pane;
    }

    /** Plain-decimal formatting of grid values (same as the CSV). */
    static final class GridSearchFormat {
        private GridSearchFormat() {}

        static String num(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    private static String fmt6(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "\u2013";
    }

    private <R> TableColumn<R, String> col(String key, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(s.getString(key));
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private void rebuildHeatMap() {
        heatMap.getChildren().clear();
        GridSearch.Result r = vm.gridResultProperty().get();
        if (r == null) {
            return;
        }
        List<Double> lrs = r.options().learningRates();
        List<Double> wds = r.options().weightDecays();
        Label corner = new Label(s.getString("heat.lr") + " \\ " + s.getString("heat.wd"));
        corner.setStyle("-fx-font-size: 0.85em;");
        heatMap.add(corner, 0, 0);
        for (int j = 0; j < wds.size(); j++) {
            Label h = new Label(GridSearchFormat.num(wds.get(j)));
            h.setMaxWidth(Double.MAX_VALUE);
            h.setAlignment(Pos.CENTER);
            heatMap.add(h, j + 1, 0);
        }
        for (int i = 0; i < lrs.size(); i++) {
            heatMap.add(new Label(GridSearchFormat.num(lrs.get(i))), 0, i + 1);
        }
        for (HeatCell c : vm.heatCells()) {
            heatMap.add(heatCell(c, r), c.col() + 1, c.row() + 1);
        }
        updateHeatSelection();
    }

    private Label heatCell(HeatCell c, GridSearch.Result r) {
        GridSearch.SettingResult setting = c.setting();
        Label cell = new Label(fmt6(setting.meanValMse()));
        cell.setId("study-heat-" + c.row() + "-" + c.col());
        cell.getStyleClass().add("study-heat-cell");
        cell.setUserData(c);
        cell.setMinSize(86, 40);
        cell.setPrefSize(96, 44);
        cell.setAlignment(Pos.CENTER);
        String tip = setting.discarded()
                ? setting.label() + "\n" + String.format(s.getString("heat.discarded"),
                        setting.reason())
                : String.format(Locale.ROOT, s.getString("heat.kept"), setting.label(),
                        setting.meanValMse(), setting.meanGap(), r.rank(setting));
        Tooltip t = new Tooltip(tip);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(200));
        cell.setTooltip(t);
        cell.setOnMouseClicked(e -> vm.selectedSettingProperty().set(setting));
        return cell;
    }

    private static String cellStyle(HeatCell c, boolean selected) {
        String bg;
        String fg;
        if (c.setting().discarded()) {
            bg = "#9e9e9e";
            fg = "#eeeeee";
        } else {
            // green (best) to red (worst) through yellow
            Color col = Color.hsb(120 * (1 - c.shade()), 0.55, 0.9);
            bg = String.format(Locale.ROOT, "#%02x%02x%02x", (int) (col.getRed() * 255),
                    (int) (col.getGreen() * 255), (int) (col.getBlue() * 255));
            fg = "#000000";
        }
        String border = c.best() ? "-fx-border-color: #1a237e; -fx-border-width: 3;"
                : selected ? "-fx-border-color: #424242; -fx-border-width: 2; "
                        + "-fx-border-style: dashed;" : "-fx-border-color: transparent; "
                        + "-fx-border-width: 3;";
        return "-fx-background-color: " + bg + "; -fx-text-fill: " + fg + "; " + border
                + (c.best() ? " -fx-font-weight: bold;" : "");
    }

    private void updateHeatSelection() {
        GridSearch.SettingResult sel = vm.selectedSettingProperty().get();
        for (Node n : heatMap.getChildren()) {
            if (n.getUserData() instanceof HeatCell c) {
                n.setStyle(cellStyle(c, c.setting() == sel));
            }
        }
    }

    private void showCurves(GridSearch.SettingResult setting) {
        curves.getData().clear();
        if (setting == null) {
            curvesTitle.setText("");
            return;
        }
        curvesTitle.setText(String.format(s.getString("curves.title"), setting.label()));
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (GridSearch.FoldCurve c : setting.folds()) {
            all.add(series(String.format(s.getString("curves.train"), c.fold() + 1), c.train()));
            all.add(series(String.format(s.getString("curves.val"), c.fold() + 1),
                    c.validation()));
        }
        curves.getData().setAll(all);
    }

    private static XYChart.Series<Number, Number> series(String name, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int t = 0; t < y.length; t++) {
            if (Double.isFinite(y[t])) {
                s.getData().add(new XYChart.Data<>(t + 1, y[t]));
            }
        }
        return s;
    }

    // ---- encoding dimension ------------------------------------------------------------

    private Node edSection() {
        TableView<ModelRow> table = new TableView<>(vm.modelRows());
        table.setId("study-models-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("col.name", ModelRow::name));
        table.getColumns().add(col("col.ed", r -> Integer.toString(r.ed())));
        table.getColumns().add(col("col.testMse", r -> fmt6(r.testMse())));
        table.getColumns().add(col("col.valMse", r -> fmt6(r.valMse())));
        table.getColumns().add(col("col.epochs", ModelRow::epochs));
        table.getColumns().add(col("col.bestEpoch", ModelRow::bestEpoch));
        table.getColumns().add(col("col.earlyStopped", ModelRow::earlyStopped));
        table.getColumns().add(col("col.studyTestMse", r -> fmt6(r.studyTestMse())));
        table.setPrefHeight(200);
        Label few = new Label(s.getString("ed.few"));
        few.setId("study-ed-few");
        few.setWrapText(true);
        few.visibleProperty().bind(Bindings.size(vm.modelRows()).lessThan(2));
        few.managedProperty().bind(few.visibleProperty());
        Button png = button("study-ed-png", "chartPng", new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> exportPng(edChart, "test-mse-vs-ed.png"));
        Button csv = button("study-ed-csv", "csv", new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> exportCsv("models.csv", f -> StudyViewModel.writeText(f, vm.modelsCsv())));
        VBox box = new VBox(6, new ToolBar(png, csv), few, table, edChart);
        VBox.setVgrow(edChart, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private void redrawEdChart() {
        XYChart.Series<String, Number> ours = new XYChart.Series<>();
        ours.setName(s.getString("ed.ours"));
        for (Map.Entry<Integer, Double> e : vm.testMseByEd().entrySet()) {
            ours.getData().add(new XYChart.Data<>(Integer.toString(e.getKey()), e.getValue()));
        }
        XYChart.Series<String, Number> study = new XYChart.Series<>();
        study.setName(s.getString("ed.study"));
        for (Map.Entry<Integer, Double> e : vm.studyTestMseByEd().entrySet()) {
            study.getData().add(new XYChart.Data<>(Integer.toString(e.getKey()), e.getValue()));
        }
        edChart.getData().setAll(study.getData().isEmpty() ? List.of(ours)
                : List.of(ours, study));
        edChart.setLegendVisible(!study.getData().isEmpty());
        if (study.getNode() != null) {
            // the study's values are separate points, not a curve
            study.getNode().setStyle("-fx-stroke: transparent;");
        }
    }

    // ---- noise robustness --------------------------------------------------------------

    private CheckListView<ActiveModel> checkList(String id, ObservableList<ActiveModel> target) {
        CheckListView<ActiveModel> list = new CheckListView<>(vm.context().models());
        list.setId(id);
        list.setPrefHeight(160);
        list.setPrefWidth(260);
        boolean[] syncing = {false};
        boolean[] userChose = {false};
        Runnable pushDown = () -> {
            syncing[0] = true;
            try {
                list.getCheckModel().clearChecks();
                for (ActiveModel m : target) {
                    list.getCheckModel().check(m);
                }
            } finally {
                syncing[0] = false;
            }
        };
        list.getCheckModel().getCheckedItems().addListener(
                (ListChangeListener<ActiveModel>) c -> {
                    if (!syncing[0]) {
                        userChose[0] = true;
                        target.setAll(List.copyOf(list.getCheckModel().getCheckedItems()));
                    }
                });
        // default choice until the user chooses: ED=4 and ED=32, else the first two (models
        // arrive one by one while they are discovered)
        vm.context().models().addListener((ListChangeListener<ActiveModel>) c -> {
            if (!userChose[0] || target.isEmpty()) {
                target.setAll(StudyViewModel.defaultSelection(vm.context().models()));
            }
            pushDown.run();
        });
        target.setAll(StudyViewModel.defaultSelection(vm.context().models()));
        pushDown.run();
        return list;
    }

    private Node noiseSection() {
        CheckListView<ActiveModel> models = checkList("study-noise-models", vm.noiseModels());
        TextField limit = new TextField();
        limit.setId("study-noise-limit");
        limit.setPrefColumnCount(6);
        limit.textProperty().bindBidirectional(vm.noiseLimitProperty());
        limit.setTooltip(new Tooltip(s.getString("noise.limit.tip")));
        TextField seed = new TextField();
        seed.setId("study-noise-seed");
        seed.setPrefColumnCount(6);
        seed.textProperty().bindBidirectional(vm.noiseSeedProperty());
        seed.setTooltip(new Tooltip(s.getString("noise.seed.tip")));
        CheckBox clip = new CheckBox(s.getString("noise.clip"));
        clip.setId("study-noise-clip");
        clip.selectedProperty().bindBidirectional(vm.noiseClipProperty());
        clip.setTooltip(new Tooltip(s.getString("noise.clip.tip")));
        Label error = new Label();
        error.setStyle(ERROR_STYLE);
        error.setWrapText(true);
        error.textProperty().bind(vm.noiseErrorProperty());
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, new Label(s.getString("noise.limit")), limit);
        form.addRow(1, new Label(s.getString("noise.seed")), seed);
        form.add(clip, 0, 2, 2, 1);
        form.add(error, 0, 3, 2, 1);
        VBox left = new VBox(6, new Label(s.getString("noise.models")), models, form);
        left.setPadding(new Insets(6));
        left.disableProperty().bind(vm.busyProperty());

        Button run = button("study-noise-run", "runNoise", new FontIcon(MaterialDesignP.PLAY),
                vm::runNoise);
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.busyProperty().get()
                || vm.noiseModels().isEmpty() || !vm.noiseErrorProperty().get().isEmpty()
                || vm.context().dataProperty().get() == null, vm.busyProperty(),
                vm.noiseModels(), vm.noiseErrorProperty(), vm.context().dataProperty()));
        Button cancel = button("study-noise-cancel", "cancel", new FontIcon(MaterialDesignS.STOP),
                vm::cancelNoise);
        cancel.disableProperty().bind(vm.noiseStateProperty().isNotEqualTo(State.RUNNING));
        Button png = button("study-noise-png", "chartPng", new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> exportPng(noiseChart, "noise-sigma.png"));
        Button csv = button("study-noise-csv", "csv", new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> exportCsv("noise-table.csv", vm::writeNoiseCsv));
        png.disableProperty().bind(vm.noiseTableProperty().isNull());
        csv.disableProperty().bind(vm.noiseTableProperty().isNull());

        noiseTable.setId("study-noise-table");
        noiseTable.setPrefHeight(260);
        noiseTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox center = new VBox(6, noiseTable, noiseChart);
        VBox.setVgrow(noiseChart, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        noiseGrids.setId("study-noise-grids");
        noiseGrids.setPadding(new Insets(4));
        Label gridsHint = new Label(s.getString("noise.grids"));
        gridsHint.setWrapText(true);
        VBox grids = new VBox(6, gridsHint, noiseGrids);
        grids.setPadding(new Insets(4));
        gridScroll = new ScrollPane(grids);
        gridScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(center, gridScroll);
        split.setDividerPositions(0.62);
        vm.noiseGrids().addListener((ListChangeListener<ReconstructionGrid>) c ->
                showNoiseGrids());
        BorderPane pane = new BorderPane(split);
        pane.setLeft(left);
        pane.setTop(new ToolBar(run, cancel, png, csv));
        return pane;
    }

    /**
     * One image per model: each noise's inputs above their reconstructions. Drawn off the FX
     * thread; a newer table replaces the images of an older one that is still drawing.
     */
    private void showNoiseGrids() {
        noiseGrids.getChildren().clear();
        List<ReconstructionGrid> grids = List.copyOf(vm.noiseGrids());
        CompletableFuture.supplyAsync(() -> grids.stream()
                .map(g -> SwingFXUtils.toFXImage(Charts.reconstructionGrid(g, g.label(), 2), null))
                .toList()).thenAcceptAsync(images -> {
                    if (!grids.equals(vm.noiseGrids())) {
                        return;
                    }
                    for (javafx.scene.image.Image image : images) {
                        ImageView view = new ImageView(image);
                        view.setId("study-noise-grid-" + noiseGrids.getChildren().size());
                        // shrink to the pane's width (never enlarge), so all digits stay in view
                        view.setPreserveRatio(true);
                        view.setSmooth(true);
                        view.fitWidthProperty().bind(Bindings.min(
                                gridScroll.widthProperty().subtract(24), image.getWidth()));
                        noiseGrids.getChildren().add(view);
                    }
                }, Platform::runLater);
    }

    private void showNoiseTable(NoiseTable t) {
        noiseTable.getColumns().clear();
        noiseTable.getItems().clear();
        noiseChart.getData().clear();
        if (t == null) {
            return;
        }
        TableColumn<List<String>, String> noise = new TableColumn<>(s.getString("col.noise"));
        noise.setPrefWidth(160);
        noise.setMaxWidth(220);
        noise.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().get(0)));
        noise.setSortable(false);
        noiseTable.getColumns().add(noise);
        for (int m = 0; m < t.models().size(); m++) {
            final int col = m + 1;
            TableColumn<List<String>, String> c = new TableColumn<>(t.models().get(m));
            c.setPrefWidth(180);
            c.setMinWidth(120);
            c.setSortable(false);
            c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().get(col)));
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item.replace("*", ""));
                    setStyle(!empty && item != null && item.endsWith("*")
                            ? "-fx-font-weight: bold; -fx-alignment: CENTER-RIGHT;"
                            : "-fx-alignment: CENTER-RIGHT;");
                }
            });
            noiseTable.getColumns().add(c);
        }
        for (List<String> row : noiseRows(t)) {
            noiseTable.getItems().add(row);
        }
        for (int m = 0; m < t.models().size(); m++) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(t.models().get(m));
            for (int i = 0; i < t.sigmas().length; i++) {
                if (Double.isFinite(t.sigmaMse()[i][m])) {
                    series.getData().add(new XYChart.Data<>(t.sigmas()[i], t.sigmaMse()[i][m]));
                }
            }
            noiseChart.getData().add(series);
        }
    }

    /**
     * The noise table as text rows: the noise, then one MSE per model with 6 decimals; the
     * best (lowest) of each row ends in "*" (shown bold).
     *
     * @param t the table
     * @return the rows
     */
    static List<List<String>> noiseRows(NoiseTable t) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.noises().size(); r++) {
            double[] v = t.mse()[r];
            int best = -1;
            for (int m = 0; m < v.length; m++) {
                if (Double.isFinite(v[m]) && (best < 0 || v[m] < v[best])) {
                    best = m;
                }
            }
            List<String> row = new ArrayList<>();
            row.add(t.noises().get(r).spec());
            for (int m = 0; m < v.length; m++) {
                row.add(fmt6(v[m]) + (m == best && v.length > 1 ? "*" : ""));
            }
            rows.add(row);
        }
        return rows;
    }

    // ---- latent metrics ----------------------------------------------------------------

    private Node metricsSection() {
        CheckListView<ActiveModel> models = checkList("study-metrics-models", vm.metricsModels());
        VBox left = new VBox(6, new Label(s.getString("metrics.models")), models);
        left.setPadding(new Insets(6));
        left.disableProperty().bind(vm.busyProperty());
        Button run = button("study-metrics-run", "runMetrics",
                new FontIcon(MaterialDesignC.CALCULATOR), vm::runMetrics);
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.busyProperty().get()
                || vm.metricsModels().isEmpty() || vm.context().dataProperty().get() == null,
                vm.busyProperty(), vm.metricsModels(), vm.context().dataProperty()));
        Button cancel = button("study-metrics-cancel", "cancel",
                new FontIcon(MaterialDesignS.STOP), vm::cancelMetrics);
        cancel.disableProperty().bind(vm.metricsStateProperty().isNotEqualTo(State.RUNNING));
        TableView<MetricsRow> table = new TableView<>(vm.metricsRows());
        table.setId("study-metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("col.name", MetricsRow::name));
        table.getColumns().add(col("col.ed", r -> Integer.toString(r.metrics().encodingDim())));
        table.getColumns().add(col("col.pc1", r -> pct(r.metrics().pc1Ratio())));
        table.getColumns().add(col("col.pc2", r -> pct(r.metrics().pc2Ratio())));
        table.getColumns().add(col("col.sil2", r -> fmt4(r.metrics().silhouette2d())));
        table.getColumns().add(col("col.silFull", r -> fmt4(r.metrics().silhouetteFull())));
        table.getColumns().add(col("col.knn", r -> pct(r.metrics().knnAccuracy())));
        Label note = new Label(s.getString("metrics.note"));
        note.setWrapText(true);
        VBox center = new VBox(6, note, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        BorderPane pane = new BorderPane(center);
        pane.setLeft(left);
        pane.setTop(new ToolBar(run, cancel));
        return pane;
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "\u2013";
    }

    private static String fmt4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "\u2013";
    }

    // ---- wiring, export ----------------------------------------------------------------

    private void wire() {
        Timeline drain = new Timeline(new KeyFrame(Duration.millis(1000.0 / DRAIN_HZ),
                e -> vm.drain()));
        drain.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) {
                drain.stop();
            } else {
                drain.play();
                installShortcuts(scene);
            }
        });
        vm.gridResultProperty().addListener((o, a, r) -> rebuildHeatMap());
        vm.selectedSettingProperty().addListener((o, a, sel) -> {
            showCurves(sel);
            updateHeatSelection();
        });
        vm.modelRows().addListener((ListChangeListener<ModelRow>) c -> redrawEdChart());
        redrawEdChart();
        vm.noiseTableProperty().addListener((o, a, t) -> showNoiseTable(t));
        vm.errorProperty().addListener((o, a, msg) -> {
            if (msg != null && getScene() != null && getScene().getWindow() != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, msg);
                alert.setHeaderText(s.getString("error.title"));
                alert.initOwner(getScene().getWindow());
                alert.show();
            }
        });
    }

    private void installShortcuts(Scene scene) {
        if (shortcutScene == scene) {
            return;
        }
        shortcutScene = scene;
        // only while the grid tab of this view is showing: other views use the same keys
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (getScene() != scene || !showing()
                    || tabs.getSelectionModel().getSelectedItem() != gridTab) {
                return;
            }
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !runGridButton.isDisabled()) {
                runGridButton.fire();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN)
                    .match(e) && !cancelButton.isDisabled()) {
                cancelButton.fire();
                e.consume();
            }
        });
    }

    /** Whether this view and all its ancestors are visible (a hidden tab's content is not). */
    private boolean showing() {
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Writes a file (throws on failure). */
    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }

    private void exportCsv(String name, Writer writer) {
        File file = choose(name, "file.csv", "*.csv");
        if (file != null) {
            try {
                writer.write(file.toPath());
            } catch (IOException | RuntimeException e) {
                showExportError(e);
            }
        }
    }

    private void exportPng(Node chart, String name) {
        File file = choose(name, "file.png", "*.png");
        if (file != null) {
            try {
                TrainView.writePng(chart, file.toPath());
            } catch (IOException | RuntimeException e) {
                showExportError(e);
            }
        }
    }

    private void openGrid() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(s.getString("action.openGrid.tip"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.csv"), "*.csv"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            vm.openGrid(file.toPath());
        }
    }

    private File choose(String name, String typeKey, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString(typeKey), pattern));
        chooser.setInitialFileName(name);
        return chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    }

    private void showExportError(Exception e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
        alert.setHeaderText(s.getString("error.export"));
        alert.show();
    }

    // ---- CsvExportable -----------------------------------------------------------------

    @Override
    public String csvFileName() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == noiseTab ? "noise-table.csv" : t == edTab ? "models.csv" : "grid-search.csv";
    }

    @Override
    public boolean hasCsvData() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t == noiseTab) {
            return vm.noiseTableProperty().get() != null;
        }
        if (t == edTab) {
            return !vm.modelRows().isEmpty();
        }
        return vm.gridResultProperty().get() != null;
    }

    /**
     * Writes the data of the shown sub-tab: the grid search (summary, plus the curves file
     * next to it), the noise table (plus its sigma series), or the models table.
     */
    @Override
    public void writeCsv(Path file) throws IOException {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t == noiseTab) {
            vm.writeNoiseCsv(file);
        } else if (t == edTab) {
            StudyViewModel.writeText(file, vm.modelsCsv());
        } else {
            vm.writeGridCsv(file);
        }
    }

    // ---- accessors ---------------------------------------------------------------------

    /** @return the view model */
    public StudyViewModel viewModel() {
        return vm;
    }

    /** @return the sub-tabs */
    public TabPane tabs() {
        return tabs;
    }

    /** @return the heat map grid */
    public GridPane heatMap() {
        return heatMap;
    }

    /** @return the per-fold curves chart */
    public LineChart<Number, Number> curvesChart() {
        return curves;
    }

    /** @return the test MSE vs ED chart */
    public LineChart<String, Number> edChart() {
        return edChart;
    }

    /** @return the noise MSE vs sigma chart */
    public LineChart<Number, Number> noiseChart() {
        return noiseChart;
    }

    /** @return the noise table */
    public TableView<List<String>> noiseTableView() {
        return noiseTable;
    }
}
