package io.latentlab.ui.study.grid;

import io.latentlab.study.GridSearch;
import io.latentlab.ui.DialogFolders;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.common.EmptyState;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.study.common.Exports;
import io.latentlab.ui.study.common.FullText;
import io.latentlab.ui.study.common.StatusRow;
import io.latentlab.ui.study.common.StudyControls;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus.State;
import io.latentlab.ui.study.grid.GridForm.Field;
import io.latentlab.ui.study.grid.GridSearchViewModel.SettingRow;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The grid search tab: form on the left; heat map, per-fold curves of the selected setting and
 * the results table; the tab's own status line at the bottom. Ctrl+Enter runs, Ctrl+. cancels
 * while the tab is showing.
 */
public final class GridSearchView extends BorderPane {

    /** Width at which the texts around the heat map wrap (a 3x3 map is about as wide). */
    private static final double HEAT_TEXT_WIDTH = 360;

    private final GridSearchViewModel vm;
    private final HeatMap heatMap;
    private final LineChart<Number, Number> curves;
    private final Label curvesTitle = new Label();
    private final Button run;
    private final Button cancel;
    private BooleanSupplier shown = () -> true;
    private Scene shortcutScene;

    /** @param vm the tab's view model */
    public GridSearchView(GridSearchViewModel vm) {
        this.vm = vm;
        setId("study-grid-view");
        heatMap = new HeatMap(vm);
        NumberAxis x = new NumberAxis();
        x.setLabel(StudyText.get("curves.x"));
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(StudyText.get("curves.y"));
        y.setForceZeroInRange(false);
        curves = new LineChart<>(x, y);
        curves.setId("study-curves");
        curves.setAnimated(false);

        run = StudyControls.button("study-grid-run", "run", new FontIcon(MaterialDesignP.PLAY),
                vm::run);
        run.disableProperty().bind(vm.canRunProperty().not());
        cancel = StudyControls.button("study-grid-cancel", "cancel",
                new FontIcon(MaterialDesignS.STOP), vm::cancel);
        cancel.disableProperty().bind(vm.status().stateProperty().isNotEqualTo(State.RUNNING));
        Button open = StudyControls.button("study-grid-open", "openGrid",
                new FontIcon(MaterialDesignF.FOLDER_OPEN), this::open);
        open.disableProperty().bind(vm.status().activeProperty());
        Button png = StudyControls.button("study-grid-png", "chartPng",
                new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> Exports.png(this, curves, "grid-curves.png"));
        png.disableProperty().bind(vm.selectedProperty().isNull());
        Button csv = StudyControls.button("study-grid-csv", "csv",
                new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> Exports.csv(this, "grid-search.csv", vm::writeCsv));
        csv.disableProperty().bind(vm.resultProperty().isNull());

        SplitPane split = new SplitPane(formPane(), results());
        split.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        setTop(new ToolBar(run, cancel, open, png, csv));
        setCenter(split);
        setBottom(new StatusRow(vm.status(), "study-grid"));
        vm.selectedProperty().addListener((o, a, s) -> showCurves(s));
        // the baselines come with the result, which is set after the selection
        vm.resultProperty().addListener((o, a, r) -> showCurves(vm.selectedProperty().get()));
        sceneProperty().addListener((o, a, scene) -> installShortcuts(scene));
    }

    private Node formPane() {
        GridForm f = vm.form();
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(2);
        form.setPadding(new Insets(6));
        int row = 0;
        for (Field field : Field.values()) {
            Label label = new Label(StudyText.get("field." + field.name()));
            label.setMinWidth(Region.USE_PREF_SIZE); // the fields give way, not the names
            TextField text = new TextField();
            text.setId("study-field-" + field.name());
            text.setPrefColumnCount(field == Field.LRS || field == Field.WDS ? 12 : 7);
            text.textProperty().bindBidirectional(f.valueProperty(field));
            Tooltip tip = new Tooltip(StudyText.get("field." + field.name() + ".tip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            text.setTooltip(tip);
            label.setTooltip(tip);
            row = FormFields.addRow(form, row, label, text, f.errorProperty(field),
                    "study-error-" + field.name(), 200);
        }
        Label formError = new Label();
        formError.setId("study-form-error");
        formError.getStyleClass().add(Styles.ERROR);
        formError.setWrapText(true);
        formError.setMaxWidth(240);
        formError.textProperty().bind(f.formErrorProperty());
        Label noData = new Label(StudyText.get("hint.noData"));
        noData.setWrapText(true);
        noData.setMaxWidth(240);
        noData.visibleProperty().bind(vm.context().dataProperty().isNull());
        noData.managedProperty().bind(noData.visibleProperty());
        form.add(formError, 0, row++, 2, 1);
        form.add(noData, 0, row, 2, 1);
        form.disableProperty().bind(vm.status().activeProperty());
        ScrollPane scroll = new ScrollPane(new VBox(form, workers(),
                new ClusterPane(vm.cluster(), f)));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(290);
        return scroll;
    }

    /** What each worker trains while a search runs (hidden otherwise). */
    private Node workers() {
        Label title = new Label(StudyText.get("workers.title"));
        title.getStyleClass().add(Styles.STRONG);
        VBox lines = new VBox(2);
        lines.setId("study-grid-workers");
        vm.workerLines().addListener((javafx.collections.ListChangeListener<String>) c ->
                lines.getChildren().setAll(vm.workerLines().stream().map(t -> {
                    Label l = new Label(t);
                    l.setWrapText(true);
                    l.setMaxWidth(260);
                    return l;
                }).toList()));
        VBox box = new VBox(4, title, lines);
        box.setPadding(new Insets(8, 6, 6, 6));
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.workerLines()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node results() {
        Label heatTitle = new Label(StudyText.get("heat.title"));
        heatTitle.setWrapText(true);
        Label winner = new Label();
        winner.setId("study-winner");
        winner.setWrapText(true);
        winner.getStyleClass().add(Styles.STRONG);
        winner.textProperty().bind(vm.winnerTextProperty());
        Label empty = new Label(StudyText.get("empty.grid"));
        empty.setId("study-grid-empty");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.resultProperty().isNull());
        // the colour scale under the map, so the curves beside it keep their width
        VBox mapAndScale = new VBox(6, heatMap, HeatMap.legend(vm));
        StackPane heat = new StackPane(mapAndScale, empty);
        heat.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        VBox heatBox = new VBox(4, heatTitle, heat, winner);
        heatBox.setPadding(new Insets(6));
        // the long texts wrap at the heat map's width instead of squeezing the curves chart
        heatTitle.setPrefWidth(HEAT_TEXT_WIDTH);
        winner.setPrefWidth(HEAT_TEXT_WIDTH);
        empty.setPrefWidth(HEAT_TEXT_WIDTH);

        curvesTitle.setId("study-curves-title");
        curves.setPrefHeight(260);
        // axes only for a setting's curves; before that, say how to get some
        // (a shown search always has a setting selected: the winner, or the first)
        Node curvesPane = EmptyState.wrap(curves, StudyText.get("empty.curves"),
                Bindings.isNotEmpty(curves.getData()));
        VBox curvesBox = new VBox(2, curvesTitle, curvesPane);
        VBox.setVgrow(curvesPane, Priority.ALWAYS);
        HBox top = new HBox(6, heatBox, curvesBox);
        HBox.setHgrow(curvesBox, Priority.ALWAYS);

        TableView<SettingRow> table = new TableView<>(vm.settingRows());
        table.setId("study-grid-table");
        table.setPlaceholder(new Label(StudyText.get("empty.grid")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(StudyControls.column("col.lr",
                r -> StudyFormat.plain(r.setting().lr())));
        table.getColumns().add(StudyControls.column("col.wd",
                r -> StudyFormat.plain(r.setting().wd())));
        table.getColumns().add(StudyControls.column("col.meanVal",
                r -> StudyFormat.mse(r.setting().meanValMse())));
        table.getColumns().add(StudyControls.column("col.meanGap",
                r -> StudyFormat.mse(r.setting().meanGap())));
        table.getColumns().add(StudyControls.column("col.rank",
                r -> r.rank() == 0 ? "-" : Integer.toString(r.rank())));
        TableColumn<SettingRow, String> status = StudyControls.column("col.status",
                SettingRow::status);
        // a discard reason is longer than the column: whole in the tooltip
        status.setCellFactory(c -> FullText.cell());
        table.getColumns().add(status);
        table.setPrefHeight(160);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.selectedProperty().set(r.setting());
            }
        });
        // the user decides how much height the curves get against the table
        table.setMinHeight(90);
        SplitPane center = new SplitPane(top, table);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.7);
        center.setPadding(new Insets(4));
        return center;
    }

    private void showCurves(GridSearch.SettingResult setting) {
        curves.getData().clear();
        if (setting == null) {
            curvesTitle.setText("");
            return;
        }
        curvesTitle.setText(StudyText.format("curves.title", setting.label()));
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (GridSearch.FoldCurve c : setting.folds()) {
            all.add(series(StudyText.format("curves.train", c.fold() + 1), c.train()));
            all.add(series(StudyText.format("curves.val", c.fold() + 1), c.validation()));
        }
        // the line each fold's final validation MSE was judged against
        GridSearch.Result r = vm.resultProperty().get();
        if (r != null && r.baselines() != null) {
            for (GridSearch.FoldCurve c : setting.folds()) {
                double[] flat = new double[c.validation().length];
                Arrays.fill(flat, r.baselines().get(c.fold()));
                all.add(series(StudyText.format("curves.baseline", c.fold() + 1), flat));
            }
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

    private void open() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(StudyText.get("action.openGrid.title"));
        chooser.setInitialDirectory(
                DialogFolders.gridSearches(Path.of("").toAbsolutePath()).toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                StudyText.get("file.csv"), "*.csv"));
        File file = chooser.showOpenDialog(Exports.window(this));
        if (file != null) {
            vm.open(file.toPath());
        }
    }

    /**
     * @param whenShown whether the tab is the one on show (the shortcuts apply only then;
     *     other views use the same keys)
     */
    public void setShownCheck(BooleanSupplier whenShown) {
        this.shown = whenShown;
    }

    private void installShortcuts(Scene scene) {
        if (scene == null || shortcutScene == scene) {
            return;
        }
        shortcutScene = scene;
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (getScene() != scene || !showing() || !shown.getAsBoolean()) {
                return;
            }
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !run.isDisabled()) {
                run.fire();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN)
                    .match(e) && !cancel.isDisabled()) {
                cancel.fire();
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

    /** @return the view model */
    public GridSearchViewModel viewModel() {
        return vm;
    }

    /** @return the heat map (its cells carry their {@code HeatCell} as user data) */
    public GridPane heatMap() {
        return heatMap;
    }

    /** @return the per-fold curves chart */
    public LineChart<Number, Number> curvesChart() {
        return curves;
    }
}
