package io.latentlab.ui.study;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.study.common.Exports;
import io.latentlab.ui.study.common.StatusRow;
import io.latentlab.ui.study.common.StudyControls;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.ed.EncodingDimView;
import io.latentlab.ui.study.grid.GridSearchView;
import io.latentlab.ui.study.metrics.LatentMetricsView;
import io.latentlab.ui.study.noise.NoiseView;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The Study room: grid search, encoding dimension, noise robustness and latent metrics, each
 * a tab with its own view, view model and status line; below them, the report.
 */
public final class StudyView extends BorderPane implements CsvExportable {

    private final StudyViewModel vm;
    private final TabPane tabs = new TabPane();
    private final GridSearchView grid;
    private final EncodingDimView ed;
    private final NoiseView noise;
    private final LatentMetricsView metrics;

    /** @param ctx shared services */
    public StudyView(AppContext ctx) {
        this(new StudyViewModel(ctx));
    }

    /** @param vm the room's view model */
    public StudyView(StudyViewModel vm) {
        this.vm = vm;
        setId("study-view");
        grid = new GridSearchView(vm.grid());
        ed = new EncodingDimView(vm.ed());
        noise = new NoiseView(vm.noise());
        metrics = new LatentMetricsView(vm.metrics());
        Tab gridTab = tab("tab.grid", grid);
        tabs.setId("study-tabs");
        tabs.getTabs().addAll(gridTab, tab("tab.ed", ed), tab("tab.noise", noise),
                tab("tab.metrics", metrics));
        grid.setShownCheck(() -> tabs.getSelectionModel().getSelectedItem() == gridTab);
        setCenter(tabs);
        setBottom(reportRow());
    }

    private static Tab tab(String key, Node content) {
        Tab t = new Tab(StudyText.get(key), content);
        t.setClosable(false);
        return t;
    }

    private Node reportRow() {
        Button report = StudyControls.button("study-report", "report",
                new FontIcon(MaterialDesignF.FILE_DOCUMENT_OUTLINE), this::chooseReportFolder);
        report.disableProperty().bind(vm.canWriteReportProperty().not());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(8, new StatusRow(vm.report(), "study-report", "report.failed"), grow,
                report);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void chooseReportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(StudyText.get("action.report"));
        File dir = chooser.showDialog(Exports.window(this));
        if (dir != null) {
            vm.writeReport(dir.toPath());
        }
    }

    private Node shown() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? grid : t.getContent();
    }

    @Override
    public String csvFileName() {
        Node t = shown();
        return t == noise ? "noise-table.csv" : t == ed ? "models.csv"
                : t == metrics ? "latent-metrics.csv" : "grid-search.csv";
    }

    @Override
    public boolean hasCsvData() {
        Node t = shown();
        if (t == noise) {
            return vm.noise().tableProperty().get() != null;
        }
        if (t == ed) {
            return !vm.ed().modelRows().isEmpty();
        }
        if (t == metrics) {
            return !vm.metrics().rows().isEmpty();
        }
        return vm.grid().resultProperty().get() != null;
    }

    /**
     * Writes the data of the tab on show: the grid search (summary, plus the curves file next
     * to it), the models table, the noise table (plus its sigma series) or the latent metrics.
     */
    @Override
    public void writeCsv(Path file) throws IOException {
        Node t = shown();
        if (t == noise) {
            vm.noise().writeCsv(file);
        } else if (t == ed) {
            vm.ed().writeCsv(file);
        } else if (t == metrics) {
            vm.metrics().writeCsv(file);
        } else {
            vm.grid().writeCsv(file);
        }
    }

    /** @return the room's view model */
    public StudyViewModel viewModel() {
        return vm;
    }

    /** @return the tabs */
    public TabPane tabs() {
        return tabs;
    }

    /** @return the grid search tab */
    public GridSearchView grid() {
        return grid;
    }

    /** @return the encoding-dimension tab */
    public EncodingDimView ed() {
        return ed;
    }

    /** @return the noise robustness tab */
    public NoiseView noise() {
        return noise;
    }

    /** @return the latent metrics tab */
    public LatentMetricsView metrics() {
        return metrics;
    }
}
