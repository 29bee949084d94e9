package io.latentlab.ui.study;

import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.GridSearch;
import io.latentlab.study.SavedGrids;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.study.common.FullText;
import io.latentlab.ui.study.common.TabStatus.State;
import io.latentlab.ui.study.grid.GridForm;
import io.latentlab.ui.study.grid.GridForm.Field;
import io.latentlab.ui.study.grid.GridSearchViewModel;
import io.latentlab.ui.study.grid.GridSearchViewModel.HeatCell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Study room headless, with the app's threads (engine, workers, FX): its tabs render, a
 * tiny grid search fills the heat map, the noise tab shows its grids, and each tab keeps its
 * own status line.
 */
@ExtendWith(ApplicationExtension.class)
class StudyViewFxTest {

    private static MnistData data;

    private AppContext ctx;
    private StudyView view;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData small = FxTestSupport.smallData();
        // a tiny grid search: 300 training digits
        data = new MnistData(small.train().slice(0, 300), small.test().slice(0, 200),
                small.dir(), small.checksum());
    }

    @Start
    void start(Stage stage) {
        ctx = FxTestSupport.context(FxTestSupport.prefs("study-view"));
        view = new StudyView(ctx);
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    private AppContext.ActiveModel model(String name, Path dir, ModelMetadata md, int ed)
            throws Exception {
        return onEngine(ctx, c -> TestModels.active(name, dir, md, Autoencoder.create(ed, 1)));
    }

    /** Whether a node and all its ancestors are visible (a hidden tab's content is not). */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** Clicks a tab's header (its title is also an axis label of the ED chart). */
    private static void clickTab(FxRobot robot, String title) {
        robot.clickOn(robot.lookup(".tab .tab-label").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(title)).queryAs(Node.class));
    }

    @Test
    void rendersItsTabs(FxRobot robot) throws Exception {
        assertThat(view.getId()).isEqualTo("study-view");
        assertThat(fx(() -> view.tabs().getTabs().stream().map(Tab::getText).toList()))
                .containsExactly("Grid search", "Encoding dimension", "Noise robustness",
                        "Latent metrics");
        assertThat(robot.lookup("#study-heatmap").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-grid-table").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-grid-run").queryAs(Button.class).isDisabled()).isTrue();
        // the empty state says what to do
        assertThat(fx(() -> shown(robot.lookup("#study-grid-empty").query()))).isTrue();
        Button open = robot.lookup("#study-grid-open").queryAs(Button.class);
        assertThat(open.isDisabled()).isFalse();
        assertThat(open.getTooltip().getText()).startsWith("Show a saved grid search");
        assertThat(robot.lookup("#study-report").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(view.hasCsvData()).isFalse();

        clickTab(robot, "Encoding dimension");
        assertThat(robot.lookup("#study-ed-few").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#study-ed-chart").tryQuery()).isPresent();
        assertThat(fx(() -> view.csvFileName())).isEqualTo("models.csv");
        clickTab(robot, "Noise robustness");
        assertThat(robot.lookup("#study-noise-models").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-noise-run").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(fx(() -> view.csvFileName())).isEqualTo("noise-table.csv");
        clickTab(robot, "Latent metrics");
        assertThat(robot.lookup("#study-metrics-table").tryQuery()).isPresent();
        assertThat(fx(() -> view.csvFileName())).isEqualTo("latent-metrics.csv");
        assertThat(fx(() -> view.hasCsvData())).isFalse();
    }

    @Test
    void tinyGridSearchFillsTheHeatMapAndACellShowsItsCurves(FxRobot robot) throws Exception {
        GridSearchViewModel vm = view.viewModel().grid();
        robot.interact(() -> {
            GridForm f = vm.form();
            ctx.dataProperty().set(data);
            f.valueProperty(Field.ED).set("2");
            f.valueProperty(Field.LRS).set("1e-2, 1e-3");
            f.valueProperty(Field.WDS).set("1e-4");
            f.valueProperty(Field.FOLDS).set("2");
            f.valueProperty(Field.EPOCHS).set("1");
            f.valueProperty(Field.BATCH).set("100");
            f.valueProperty(Field.TRAIN_LIMIT).set("0");
            f.valueProperty(Field.MAX_LOSS).set("10");
            // one epoch does not beat the mean image: the rule off, for a winner
            f.valueProperty(Field.BASELINE_MARGIN).set("-10");
        });
        assertThat(robot.lookup("#study-grid-run").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#study-grid-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> vm.status().stateProperty().get()) == State.FINISHED);

        List<Label> cells = fx(() -> view.grid().heatMap().getChildren().stream()
                .filter(n -> n.getUserData() instanceof HeatCell).map(n -> (Label) n).toList());
        assertThat(cells).hasSize(2);
        for (Label c : cells) {
            assertThat(c.getText()).matches("\\d+\\.\\d{6}");
            assertThat(c.getTooltip().getText()).contains("mean val MSE");
        }
        assertThat(fx(() -> view.hasCsvData())).isTrue();
        assertThat(robot.lookup("#study-winner").queryAs(Label.class).getText())
                .startsWith("Winner: lr=");
        assertThat(fx(() -> shown(robot.lookup("#study-grid-empty").query()))).isFalse();

        // click the cell that is not the winner: its curves replace the winner's
        Label other = cells.stream().filter(c -> !((HeatCell) c.getUserData()).best())
                .findFirst().orElseThrow();
        GridSearch.SettingResult setting = ((HeatCell) other.getUserData()).setting();
        robot.clickOn((Node) other);
        assertThat(fx(() -> vm.selectedProperty().get())).isSameAs(setting);
        assertThat(robot.lookup("#study-curves-title").queryAs(Label.class).getText())
                .contains(setting.label());
        // train and val of 2 folds, and each fold's mean-image baseline
        assertThat(fx(() -> view.grid().curvesChart().getData().size())).isEqualTo(6);
        assertThat(fx(() -> view.grid().curvesChart().getData().get(1).getData().size()))
                .isEqualTo(1);
        assertThat(fx(() -> view.grid().curvesChart().getData().get(5).getName()))
                .isEqualTo("fold 2 mean image");
        assertThat(fx(() -> view.grid().curvesChart().getData().get(4).getData().get(0)
                .getYValue().doubleValue())).isEqualTo(fx(() -> vm.resultProperty().get()
                .baselines().get(0)));
        assertThat(fx(() -> ctx.jobs().running().isEmpty())).isTrue();
        assertThat(robot.lookup("#study-grid-status").queryAs(Label.class).getText())
                .startsWith("Grid search finished in ");
    }

    @Test
    void aGridMessageDoesNotShowUnderNoiseRobustness(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        Path grid = tmp.resolve("grid.csv");
        SavedGrids.tiny(grid);
        // no axes before a search is on show: a sentence in their place
        Label curvesEmpty = robot.lookup("#study-curves-empty").queryAs(Label.class);
        assertThat(fx(curvesEmpty::getText))
                .isEqualTo("Per-fold curves: open a saved grid search or run one.");
        assertThat(fx(() -> shown(curvesEmpty))).isTrue();
        assertThat(fx(() -> view.grid().curvesChart().isVisible())).isFalse();
        fx(() -> view.viewModel().grid().open(grid));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() ->
                view.viewModel().grid().resultProperty().get() != null));
        // the winner's curves, on axes
        assertThat(fx(() -> shown(view.grid().curvesChart()))).isTrue();
        assertThat(fx(() -> curvesEmpty.isVisible())).isFalse();
        Label gridStatus = robot.lookup("#study-grid-status").queryAs(Label.class);
        assertThat(fx(gridStatus::getText)).startsWith("Grid search loaded from grid.csv");
        assertThat(fx(() -> shown(gridStatus))).isTrue();

        clickTab(robot, "Noise robustness");
        List<String> visibleTexts = fx(() -> robot.lookup(".label").queryAllAs(Label.class)
                .stream().filter(StudyViewFxTest::shown).map(Label::getText).toList());
        assertThat(visibleTexts).noneMatch(t -> t != null && t.contains("Grid search"));
        assertThat(fx(() -> shown(gridStatus))).isFalse();
        assertThat(robot.lookup("#study-noise-status").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void edChartShowsTheStudysResultNextToTheModels(FxRobot robot) throws Exception {
        List<AppContext.ActiveModel> models = List.of(
                model("a", null, ModelMetadata.of(4).with("test_mse", 0.025), 4),
                model("b", null, ModelMetadata.of(2).with("test_mse", 0.036), 2));
        fx(() -> ctx.models().setAll(models));
        clickTab(robot, "Encoding dimension");
        var series = fx(() -> view.ed().chart().getData().stream().map(s -> s.getName()
                + " " + s.getData().stream().map(d -> d.getXValue() + "=" + d.getYValue())
                .toList()).toList());
        assertThat(series).containsExactly("These models [2=0.036, 4=0.025]",
                "The study's result [4=0.027]");
        assertThat(fx(() -> view.ed().chart().isLegendVisible())).isTrue();
        TableView<?> table = robot.lookup("#study-models-table").queryAs(TableView.class);
        assertThat(fx(() -> table.getColumns().stream().map(TableColumn::getText).toList()))
                .contains("Study's test MSE");
        assertThat(fx(() -> view.hasCsvData())).isTrue();
    }

    @Test
    void noiseTableShowsAReconstructionGridPerModel(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("ed2");
        AppContext.ActiveModel model = onEngine(ctx, c -> {
            Autoencoder m = Autoencoder.create(2, 1);
            ModelStore.save(dir, m, ModelMetadata.of(2));
            return TestModels.active("ED=2", dir, ModelStore.readMetadata(dir), m);
        });
        fx(() -> {
            ctx.dataProperty().set(data);
            ctx.models().add(model);
            view.viewModel().noise().limitProperty().set("50");
            return null;
        });
        clickTab(robot, "Noise robustness");
        Label placeholder = fx(() -> (Label) view.noise().table().getPlaceholder());
        assertThat(fx(placeholder::getText)).isEqualTo("Check the models to compare and press Run.");
        Label chartEmpty = robot.lookup("#study-noise-chart-empty").queryAs(Label.class);
        assertThat(fx(chartEmpty::getText))
                .isEqualTo("MSE versus noise sigma: choose models and press Run.");
        assertThat(fx(() -> shown(chartEmpty))).isTrue();
        assertThat(fx(() -> view.noise().chart().isVisible())).isFalse();
        // the model was chosen by default, so Run is on; the job waits for the busy engine
        CountDownLatch busy = new CountDownLatch(1);
        robot.interact(() -> ctx.jobs().submit(Job.onEngine("busy", c -> busy.await(20,
                TimeUnit.SECONDS)).visible(false)));
        robot.clickOn("#study-noise-run");
        // while it runs, the empty table does not ask to press Run
        assertThat(fx(placeholder::getText))
                .isEqualTo("Computing: the table appears when the job has finished.");
        busy.countDown();
        // the grid images are drawn off the FX thread, then shown
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> robot.lookup("#study-noise-grid-0").tryQuery().isPresent());
        ImageView grid = robot.lookup("#study-noise-grid-0").queryAs(ImageView.class);
        // 8 digits of 56 px (scale 2) plus row labels; 18 rows of 56 px
        assertThat(grid.getImage().getWidth()).isGreaterThan(8 * 56);
        assertThat(grid.getImage().getHeight()).isGreaterThan(18 * 56);
        assertThat(fx(() -> view.noise().table().getItems().size())).isEqualTo(9);
        // the sigma chart replaces its sentence, one line per model
        assertThat(fx(() -> shown(view.noise().chart()))).isTrue();
        assertThat(fx(chartEmpty::isVisible)).isFalse();
        assertThat(fx(() -> view.noise().chart().getData().size())).isEqualTo(1);
        // the model's column, then the study's values, beside both occlusion readings
        assertThat(fx(() -> view.noise().table().getColumns().stream()
                .map(c -> c.getText()).toList()))
                .containsExactly("Noise", "ED=2", "Study, ED=4", "Study, ED=32");
        assertThat(fx(() -> view.noise().table().getItems().get(7)))
                .startsWith("occlusion 14x14 (one quadrant)").endsWith("0.0502", "0.0329");
        // the columns are as wide as their texts: no noise label or header is cut
        for (TableColumn<List<String>, ?> c : fx(() -> view.noise().table().getColumns())) {
            List<String> texts = fx(() -> view.noise().table().getItems().stream()
                    .map(r -> r.get(view.noise().table().getColumns().indexOf(c))
                    .replace("*", "")).toList());
            assertThat(fx(c::getWidth)).as(c.getText()).isGreaterThanOrEqualTo(
                    fx(() -> Math.max(FullText.width(texts, false),
                            FullText.width(List.of(c.getText()), true))));
        }
        assertThat(robot.lookup("#study-noise-status").queryAs(Label.class).getText())
                .startsWith("Noise table finished in ");
        // a saved model and the data: the report can be written
        assertThat(robot.lookup("#study-report").queryAs(Button.class).isDisabled()).isFalse();
    }
}
