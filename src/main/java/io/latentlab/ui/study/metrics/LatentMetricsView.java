package io.latentlab.ui.study.metrics;

import io.latentlab.ui.study.common.Exports;
import io.latentlab.ui.study.common.FullText;
import io.latentlab.ui.study.common.ModelCheckList;
import io.latentlab.ui.study.common.StatusRow;
import io.latentlab.ui.study.common.StudyControls;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus.State;
import io.latentlab.ui.study.metrics.LatentMetricsViewModel.MetricsRow;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The latent metrics tab: models on the left, the metrics table, the tab's own status line. */
public final class LatentMetricsView extends BorderPane {

    private final LatentMetricsViewModel vm;

    /** @param vm the tab's view model */
    public LatentMetricsView(LatentMetricsViewModel vm) {
        this.vm = vm;
        setId("study-metrics-view");
        ModelCheckList models = new ModelCheckList(vm.models(), "study-metrics-models");
        VBox left = new VBox(6, new Label(StudyText.get("metrics.models")), models);
        left.setPadding(new Insets(6));
        left.disableProperty().bind(vm.status().activeProperty());
        Button run = StudyControls.button("study-metrics-run", "runMetrics",
                new FontIcon(MaterialDesignC.CALCULATOR), vm::run);
        run.disableProperty().bind(vm.canRunProperty().not());
        Button cancel = StudyControls.button("study-metrics-cancel", "cancel",
                new FontIcon(MaterialDesignS.STOP), vm::cancel);
        cancel.disableProperty().bind(vm.status().stateProperty().isNotEqualTo(State.RUNNING));
        TableView<MetricsRow> table = new TableView<>(vm.rows());
        table.setId("study-metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(StudyControls.modelTablePlaceholder(vm.context().dataProperty(),
                vm.models(), vm.status(), "empty.metrics"));
        table.getColumns().add(FullText.column("col.name", MetricsRow::name,
                vm.rows()));
        table.getColumns().add(StudyControls.column("col.ed",
                r -> Integer.toString(r.metrics().encodingDim())));
        table.getColumns().add(StudyControls.column("col.pc1",
                r -> StudyFormat.percent(r.metrics().pc1Ratio())));
        table.getColumns().add(StudyControls.column("col.pc2",
                r -> StudyFormat.percent(r.metrics().pc2Ratio())));
        table.getColumns().add(StudyControls.column("col.sil2",
                r -> StudyFormat.fixed4(r.metrics().silhouette2d())));
        table.getColumns().add(StudyControls.column("col.silFull",
                r -> StudyFormat.fixed4(r.metrics().silhouetteFull())));
        table.getColumns().add(StudyControls.column("col.knn",
                r -> StudyFormat.percent(r.metrics().knnAccuracy())));
        // filled by the second phase (t-SNE on a worker); a dash until then
        table.getColumns().add(StudyControls.column("col.tsneSil",
                r -> StudyFormat.fixed4(r.metrics().tsne().silhouette())));
        table.getColumns().add(StudyControls.column("col.tsneKnn",
                r -> StudyFormat.percent(r.metrics().tsne().knnAccuracy())));
        Label note = new Label(vm.note());
        note.setWrapText(true);
        VBox center = new VBox(6, note, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        Button csv = StudyControls.button("study-metrics-csv", "csv",
                new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> Exports.csv(this, "latent-metrics.csv", vm::writeCsv));
        csv.disableProperty().bind(Bindings.isEmpty(vm.rows()));
        setTop(new ToolBar(run, cancel, csv));
        setLeft(left);
        setCenter(center);
        setBottom(new StatusRow(vm.status(), "study-metrics"));
    }

    /** @return the view model */
    public LatentMetricsViewModel viewModel() {
        return vm;
    }
}
