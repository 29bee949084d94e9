package io.latentlab.ui.study.noise;

import io.latentlab.study.NoiseTable;
import io.latentlab.ui.common.EmptyState;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.study.common.Exports;
import io.latentlab.ui.study.common.FullText;
import io.latentlab.ui.study.common.ModelCheckList;
import io.latentlab.ui.study.common.StatusRow;
import io.latentlab.ui.study.common.StudyControls;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus.State;

import java.awt.image.BufferedImage;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The noise robustness tab: models and settings on the left; the noise table, MSE versus
 * sigma and, per model, the reconstruction grid; the tab's own status line at the bottom.
 */
public final class NoiseView extends BorderPane {

    private final NoiseViewModel vm;
    private final TableView<List<String>> table = new TableView<>();
    private final LineChart<Number, Number> chart;
    private final VBox gridImages = new VBox(12);
    private final ScrollPane gridScroll;

    /** @param vm the tab's view model */
    public NoiseView(NoiseViewModel vm) {
        this.vm = vm;
        setId("study-noise-view");
        NumberAxis x = new NumberAxis();
        x.setLabel(StudyText.get("noise.x"));
        NumberAxis y = new NumberAxis();
        y.setLabel(StudyText.get("noise.y"));
        chart = new LineChart<>(x, y);
        chart.setId("study-noise-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setTitle(StudyText.get("noise.chart"));

        Button run = StudyControls.button("study-noise-run", "runNoise",
                new FontIcon(MaterialDesignP.PLAY), vm::run);
        run.disableProperty().bind(vm.canRunProperty().not());
        Button cancel = StudyControls.button("study-noise-cancel", "cancel",
                new FontIcon(MaterialDesignS.STOP), vm::cancel);
        cancel.disableProperty().bind(vm.status().stateProperty().isNotEqualTo(State.RUNNING));
        Button png = StudyControls.button("study-noise-png", "chartPng",
                new FontIcon(MaterialDesignF.FILE_IMAGE),
                () -> Exports.png(this, chart, "noise-sigma.png"));
        Button csv = StudyControls.button("study-noise-csv", "csv",
                new FontIcon(MaterialDesignF.FILE_DELIMITED),
                () -> Exports.csv(this, "noise-table.csv", vm::writeCsv));
        png.disableProperty().bind(vm.tableProperty().isNull());
        csv.disableProperty().bind(vm.tableProperty().isNull());

        table.setId("study-noise-table");
        table.setPrefHeight(260);
        // every column as wide as its texts, scrolled sideways when they are more than fit
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(StudyControls.modelTablePlaceholder(vm.context().dataProperty(),
                vm.models(), vm.status(), "empty.noise"));
        // axes only once there is a table to plot
        Node chartPane = EmptyState.wrap(chart, StudyText.get("empty.noiseChart"),
                Bindings.isNotEmpty(chart.getData()));
        VBox center = new VBox(6, table, chartPane);
        VBox.setVgrow(chartPane, Priority.ALWAYS);
        center.setPadding(new Insets(4));
        gridImages.setId("study-noise-grids");
        gridImages.setPadding(new Insets(4));
        Label gridsHint = new Label(StudyText.get("noise.grids"));
        gridsHint.setWrapText(true);
        VBox grids = new VBox(6, gridsHint, gridImages);
        grids.setPadding(new Insets(4));
        gridScroll = new ScrollPane(grids);
        gridScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(center, gridScroll);
        // the grids get room enough for their labels to stay readable
        split.setDividerPositions(0.56);

        setTop(new ToolBar(run, cancel, png, csv));
        setLeft(settings());
        setCenter(split);
        setBottom(new StatusRow(vm.status(), "study-noise"));
        vm.tableProperty().addListener((o, a, t) -> showTable(t));
        vm.gridImages().addListener((ListChangeListener<BufferedImage>) c -> showGrids());
    }

    private Node settings() {
        ModelCheckList models = new ModelCheckList(vm.models(), "study-noise-models");
        TextField limit = new TextField();
        limit.setId("study-noise-limit");
        limit.setPrefColumnCount(6);
        limit.textProperty().bindBidirectional(vm.limitProperty());
        limit.setTooltip(new Tooltip(StudyText.get("noise.limit.tip")));
        TextField seed = new TextField();
        seed.setId("study-noise-seed");
        seed.setPrefColumnCount(6);
        seed.textProperty().bindBidirectional(vm.seedProperty());
        seed.setTooltip(new Tooltip(StudyText.get("noise.seed.tip")));
        CheckBox clip = new CheckBox(StudyText.get("noise.clip"));
        clip.setId("study-noise-clip");
        clip.selectedProperty().bindBidirectional(vm.clipProperty());
        clip.setTooltip(new Tooltip(StudyText.get("noise.clip.tip")));
        Label error = new Label();
        error.getStyleClass().add(Styles.ERROR);
        error.setWrapText(true);
        error.textProperty().bind(vm.inputErrorProperty());
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, new Label(StudyText.get("noise.limit")), limit);
        form.addRow(1, new Label(StudyText.get("noise.seed")), seed);
        form.add(clip, 0, 2, 2, 1);
        form.add(error, 0, 3, 2, 1);
        VBox left = new VBox(6, new Label(StudyText.get("noise.models")), models, form);
        left.setPadding(new Insets(6));
        left.disableProperty().bind(vm.status().activeProperty());
        return left;
    }

    private void showGrids() {
        gridImages.getChildren().clear();
        for (BufferedImage b : vm.gridImages()) {
            ImageView view = new ImageView(SwingFXUtils.toFXImage(b, null));
            view.setId("study-noise-grid-" + gridImages.getChildren().size());
            // shrink to the pane's width (never enlarge), so all digits stay in view
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.min(
                    gridScroll.getViewportBounds().getWidth() - 16, b.getWidth()),
                    gridScroll.viewportBoundsProperty()));
            gridImages.getChildren().add(view);
        }
    }

    private void showTable(NoiseTable t) {
        table.getColumns().clear();
        table.getItems().clear();
        chart.getData().clear();
        if (t == null) {
            return;
        }
        List<List<String>> rows = NoiseViewModel.rows(t);
        TableColumn<List<String>, String> noise = new TableColumn<>(StudyText.get("col.noise"));
        noise.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().get(0)));
        noise.setCellFactory(x -> FullText.cell());
        noise.setSortable(false);
        FullText.fit(noise, rows.stream().map(r -> r.get(0)).toList());
        table.getColumns().add(noise);
        for (int m = 0; m < t.models().size(); m++) {
            final int col = m + 1;
            // "ED=32 · runs/ed32-…" on two lines: the whole name in a narrower column
            TableColumn<List<String>, String> c = new TableColumn<>(
                    t.models().get(m).replace(" \u00b7 ", "\n"));
            FullText.fit(c, List.of("0.000000"));
            c.setSortable(false);
            c.getStyleClass().add(Styles.NUMERIC);
            c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().get(col)));
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : item.replace("*", ""));
                    pseudoClassStateChanged(Styles.BEST,
                            !empty && item != null && item.endsWith("*"));
                }
            });
            table.getColumns().add(c);
        }
        int first = t.models().size() + 1;
        List<Integer> eds = NoiseViewModel.studyEds();
        for (int i = 0; i < eds.size(); i++) {
            final int col = first + i;
            TableColumn<List<String>, String> c = new TableColumn<>(
                    StudyText.format("col.studyNoise", eds.get(i)));
            FullText.fit(c, List.of("0.0000"));
            c.setSortable(false);
            c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().get(col)));
            c.getStyleClass().add(Styles.NUMERIC);
            table.getColumns().add(c);
        }
        table.getItems().setAll(rows);
        for (int m = 0; m < t.models().size(); m++) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(t.models().get(m));
            for (int i = 0; i < t.sigmas().length; i++) {
                if (Double.isFinite(t.sigmaMse()[i][m])) {
                    series.getData().add(new XYChart.Data<>(t.sigmas()[i], t.sigmaMse()[i][m]));
                }
            }
            chart.getData().add(series);
        }
    }

    /** @return the view model */
    public NoiseViewModel viewModel() {
        return vm;
    }

    /** @return the noise MSE vs sigma chart */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** @return the noise table */
    public TableView<List<String>> table() {
        return table;
    }
}
