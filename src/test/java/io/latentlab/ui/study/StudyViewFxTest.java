package io.latentlab.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.study.GridSearch;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.study.StudyViewModel.Field;
import io.latentlab.ui.study.StudyViewModel.HeatCell;
import io.latentlab.ui.study.StudyViewModel.State;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Study view headless: its sections render, and a tiny grid search fills the heat map. */
@ExtendWith(ApplicationExtension.class)
class StudyViewFxTest {

    private static MnistData data;

    private AppContext ctx;
    private StudyView view;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 200), full.dir(),
                full.checksum());
    }

    @Start
    void start(Stage stage) {
        ctx = new AppContext(new DjlThread(), Platform::runLater,
                Preferences.userRoot().node("latent-lab-tests"));
        view = new StudyView(ctx);
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void rendersItsSections(FxRobot robot) throws Exception {
        assertThat(view.getId()).isEqualTo("study-view");
        assertThat(fx(() -> view.tabs().getTabs().stream().map(Tab::getText).toList()))
                .containsExactly("Grid search", "Encoding dimension", "Noise robustness",
                        "Latent metrics");
        assertThat(robot.lookup("#study-heatmap").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-grid-table").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-grid-run").queryAs(Button.class).isDisabled()).isTrue();
        Button open = robot.lookup("#study-grid-open").queryAs(Button.class);
        assertThat(open.isDisabled()).isFalse();
        assertThat(open.getTooltip().getText()).startsWith("Show a saved grid search");
        assertThat(view.hasCsvData()).isFalse();

        robot.clickOn("Encoding dimension");
        assertThat(robot.lookup("#study-ed-few").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#study-ed-chart").tryQuery()).isPresent();
        robot.clickOn("Noise robustness");
        assertThat(robot.lookup("#study-noise-models").tryQuery()).isPresent();
        assertThat(robot.lookup("#study-noise-run").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("Latent metrics");
        assertThat(robot.lookup("#study-metrics-table").tryQuery()).isPresent();
        assertThat(fx(() -> view.csvFileName())).isEqualTo("grid-search.csv");
    }

    @Test
    void tinyGridSearchFillsTheHeatMapAndACellShowsItsCurves(FxRobot robot) throws Exception {
        StudyViewModel vm = view.viewModel();
        robot.interact(() -> {
            ctx.dataProperty().set(data);
            vm.valueProperty(Field.ED).set("2");
            vm.valueProperty(Field.LRS).set("1e-2, 1e-3");
            vm.valueProperty(Field.WDS).set("1e-4");
            vm.valueProperty(Field.FOLDS).set("2");
            vm.valueProperty(Field.EPOCHS).set("1");
            vm.valueProperty(Field.BATCH).set("100");
            vm.valueProperty(Field.TRAIN_LIMIT).set("0");
            vm.valueProperty(Field.MAX_LOSS).set("10");
        });
        assertThat(robot.lookup("#study-grid-run").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#study-grid-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> vm.gridStateProperty().get()) == State.FINISHED);

        List<Label> cells = fx(() -> view.heatMap().getChildren().stream()
                .filter(n -> n.getUserData() instanceof HeatCell).map(n -> (Label) n).toList());
        assertThat(cells).hasSize(2);
        for (Label c : cells) {
            assertThat(c.getText()).matches("\\d+\\.\\d{6}");
            assertThat(c.getTooltip().getText()).contains("mean val MSE");
        }
        assertThat(fx(() -> view.hasCsvData())).isTrue();
        assertThat(robot.lookup("#study-winner").queryAs(Label.class).getText())
                .startsWith("Winner: lr=");

        // click the cell that is not the winner: its curves replace the winner's
        Label other = cells.stream().filter(c -> !((HeatCell) c.getUserData()).best())
                .findFirst().orElseThrow();
        GridSearch.SettingResult setting = ((HeatCell) other.getUserData()).setting();
        robot.clickOn((Node) other);
        assertThat(fx(() -> vm.selectedSettingProperty().get())).isSameAs(setting);
        assertThat(robot.lookup("#study-curves-title").queryAs(Label.class).getText())
                .contains(setting.label());
        assertThat(fx(() -> view.curvesChart().getData().size())).isEqualTo(4);
        assertThat(fx(() -> view.curvesChart().getData().get(1).getData().size())).isEqualTo(1);
        assertThat(fx(() -> ctx.legacyStatus().runningProperty().get())).isFalse();
    }

    @Test
    void edChartShowsTheStudysResultNextToTheModels(FxRobot robot) throws Exception {
        List<AppContext.ActiveModel> models = ctx.djl().submit(() -> List.of(
                io.latentlab.ui.TestModels.active("a", null, io.latentlab.model.ModelMetadata.of(4)
                        .with("test_mse", 0.025), io.latentlab.model.Autoencoder.create(4, 1)),
                io.latentlab.ui.TestModels.active("b", null, io.latentlab.model.ModelMetadata.of(2)
                        .with("test_mse", 0.036), io.latentlab.model.Autoencoder.create(2, 1))))
                .get(60, TimeUnit.SECONDS);
        fx(() -> ctx.models().setAll(models));
        robot.clickOn("Encoding dimension");
        var data = fx(() -> view.edChart().getData().stream().map(series -> series.getName()
                + " " + series.getData().stream().map(d -> d.getXValue() + "=" + d.getYValue())
                .toList()).toList());
        assertThat(data).containsExactly("These models [2=0.036, 4=0.025]",
                "The study's result [4=0.027]");
        assertThat(fx(() -> view.edChart().isLegendVisible())).isTrue();
        var table = robot.lookup("#study-models-table")
                .queryAs(javafx.scene.control.TableView.class);
        assertThat(fx(() -> table.getColumns().stream()
                .map(c -> ((javafx.scene.control.TableColumn<?, ?>) c).getText()).toList()))
                .contains("Study's test MSE");
        for (AppContext.ActiveModel m : models) {
            ctx.djl().submit(() -> {
                m.model().close();
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void reportButtonWritesTheReportForTheSavedModels(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path modelDir = tmp.resolve("ed2");
        AppContext.ActiveModel model = ctx.djl().submit(() -> {
            io.latentlab.model.Autoencoder m = io.latentlab.model.Autoencoder.create(2, 1);
            io.latentlab.model.ModelStore.save(modelDir, m,
                    io.latentlab.model.ModelMetadata.of(2));
            return io.latentlab.ui.TestModels.active("ed2", modelDir,
                    io.latentlab.model.ModelStore.readMetadata(modelDir), m);
        }).get(60, TimeUnit.SECONDS);
        // a grid search opened from a file goes into the report
        Path grid = tmp.resolve("ed2 grid.csv");
        GridSearch.FoldCurve c = new GridSearch.FoldCurve(0, new double[] {0.05},
                new double[] {0.06});
        io.latentlab.study.GridSearchReport.write(GridSearch.rank(new GridSearch.Options(2,
                List.of(0.01), List.of(1e-4), 2, 1, 100, 3, 0, 0.1, 0.25), List.of(
                GridSearch.evaluate(0.01, 1e-4, List.of(c, new GridSearch.FoldCurve(1, c.train(),
                        c.validation())), 0.1, 0.25))), grid);
        view.viewModel().openGrid(grid).get(10, TimeUnit.SECONDS);
        assertThat(fx(() -> view.viewModel().gridFileProperty().get())).isEqualTo(grid);
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Path>>
                written = new java.util.concurrent.atomic.AtomicReference<>();
        Path out = tmp.resolve("report");
        fx(() -> {
            ctx.dataProperty().set(data);
            ctx.models().add(model);
            written.set(view.writeReport(out));
            return null;
        });
        Path index = written.get().get(120, TimeUnit.SECONDS);
        assertThat(index).isEqualTo(out.resolve("index.md"));
        assertThat(java.nio.file.Files.readString(index)).contains("noise-table.csv");
        assertThat(out.resolve("recon-ed2.png")).exists();
        assertThat(out.resolve("grid-search-ed2_grid.md")).exists();
        assertThat(java.nio.file.Files.readString(index)).contains("(grid-search-ed2_grid.png)");
        assertThat(fx(() -> ctx.legacyStatus().nameProperty().get())).contains("index.md");
    }

    @Test
    void noiseTableShowsAReconstructionGridPerModel(FxRobot robot) throws Exception {
        AppContext.ActiveModel model = ctx.djl().submit(() -> io.latentlab.ui.TestModels.active("ED=2",
                null, io.latentlab.model.ModelMetadata.of(2),
                io.latentlab.model.Autoencoder.create(2, 1))).get(60, TimeUnit.SECONDS);
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>>
                run = new java.util.concurrent.atomic.AtomicReference<>();
        fx(() -> {
            ctx.dataProperty().set(data);
            ctx.models().add(model);
            view.viewModel().noiseLimitProperty().set("50");
            view.viewModel().noiseModels().setAll(model);
            run.set(view.viewModel().runNoise());
            return null;
        });
        run.get().get(120, TimeUnit.SECONDS);
        // the grid images are drawn off the FX thread, then shown
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#study-noise-grid-0").tryQuery().isPresent());
        javafx.scene.image.ImageView grid = robot.lookup("#study-noise-grid-0")
                .queryAs(javafx.scene.image.ImageView.class);
        // 8 digits of 56 px (scale 2) plus row labels; 16 rows of 56 px
        assertThat(grid.getImage().getWidth()).isGreaterThan(8 * 56);
        assertThat(grid.getImage().getHeight()).isGreaterThan(16 * 56);
        ctx.djl().submit(() -> {
            model.model().close();
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
