package io.latentlab.ui.study.ed;

import io.latentlab.ui.common.Styles;
import io.latentlab.ui.study.common.Exports;
import io.latentlab.ui.study.common.FullText;
import io.latentlab.ui.study.common.StudyControls;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.ed.EncodingDimViewModel.ModelRow;

import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The encoding-dimension tab: the models table and test MSE versus ED, ours and the study's. */
public final class EncodingDimView extends VBox {

    private final EncodingDimViewModel vm;
    private final LineChart<String, Number> chart;
    private boolean stale;

    /** @param vm the tab's view model */
    public EncodingDimView(EncodingDimViewModel vm) {
        super(6);
        this.vm = vm;
        setId("study-ed-view");
        CategoryAxis x = new CategoryAxis();
        x.setLabel(StudyText.get("ed.x"));
        NumberAxis y = new NumberAxis();
        y.setLabel(StudyText.get("ed.y"));
        y.setForceZeroInRange(false);
        chart = new LineChart<>(x, y);
        chart.setId("study-ed-chart");
        chart.setAnimated(false);
        chart.setTitle(StudyText.get("ed.chart"));
        chart.setLegendVisible(false);

        TableView<ModelRow> table = new TableView<>(vm.modelRows());
        table.setId("study-models-table");
        table.setPlaceholder(new Label(StudyText.get("empty.models")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(FullText.column("col.name", ModelRow::name,
                vm.modelRows()));
        table.getColumns().add(StudyControls.column("col.ed", r -> Integer.toString(r.ed())));
        table.getColumns().add(StudyControls.column("col.testMse",
                r -> StudyFormat.mse(r.testMse())));
        table.getColumns().add(StudyControls.column("col.valMse",
                r -> StudyFormat.mse(r.valMse())));
        table.getColumns().add(StudyControls.column("col.epochs", ModelRow::epochs));
        table.getColumns().add(StudyControls.column("col.bestEpoch", ModelRow::bestEpoch));
        table.getColumns().add(StudyControls.column("col.earlyStopped", ModelRow::earlyStopped));
        table.getColumns().add(StudyControls.column("col.studyTestMse",
                r -> StudyFormat.mse(r.studyTestMse())));
        table.setPrefHeight(200);
        Label few = new Label(StudyText.get("ed.few"));
        few.setId("study-ed-few");
        few.setWrapText(true);
        few.visibleProperty().bind(Bindings.size(vm.modelRows()).lessThan(2));
        few.managedProperty().bind(few.visibleProperty());
        Button png = StudyControls.button("study-ed-png", "chartPng",
                new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> Exports.png(this, chart, "test-mse-vs-ed.png"));
        Button csv = StudyControls.button("study-ed-csv", "csv",
                new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> Exports.csv(this, "models.csv", vm::writeCsv));
        csv.disableProperty().bind(Bindings.isEmpty(vm.modelRows()));
        getChildren().addAll(new ToolBar(png, csv), few, table, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        setPadding(new Insets(4));
        vm.modelRows().addListener((ListChangeListener<ModelRow>) c -> redraw());
        // a run ending elsewhere changes the rows: the chart is rebuilt when next shown
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null && stale) {
                redraw();
            }
        });
        redraw();
    }

    private void redraw() {
        stale = getScene() == null;
        if (stale) {
            return;
        }
        XYChart.Series<String, Number> ours = new XYChart.Series<>();
        ours.setName(StudyText.get("ed.ours"));
        for (Map.Entry<Integer, Double> e : vm.testMseByEd().entrySet()) {
            ours.getData().add(new XYChart.Data<>(Integer.toString(e.getKey()), e.getValue()));
        }
        XYChart.Series<String, Number> study = new XYChart.Series<>();
        study.setName(StudyText.get("ed.study"));
        for (Map.Entry<Integer, Double> e : vm.studyTestMseByEd().entrySet()) {
            study.getData().add(new XYChart.Data<>(Integer.toString(e.getKey()), e.getValue()));
        }
        chart.getData().setAll(study.getData().isEmpty() ? List.of(ours) : List.of(ours, study));
        chart.setLegendVisible(!study.getData().isEmpty());
        if (study.getNode() != null) {
            // the study's values are separate points, not a curve
            study.getNode().getStyleClass().add(Styles.SERIES_POINTS);
        }
    }

    /** @return the view model */
    public EncodingDimViewModel viewModel() {
        return vm;
    }

    /** @return the test MSE vs ED chart */
    public LineChart<String, Number> chart() {
        return chart;
    }
}
