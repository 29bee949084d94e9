package io.latentlab.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.shell.MainWindow;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
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

/** Training from the GUI, headless: the chart fills live and the window stays responsive. */
@ExtendWith(ApplicationExtension.class)
class TrainViewFxTest {

    private static MnistData data;

    @TempDir
    Path runs;

    private AppContext ctx;
    private MainWindow window;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        data = new MnistData(full.train().slice(0, 2000), full.test().slice(0, 500), full.dir(),
                full.checksum());
    }

    @Start
    void start(Stage stage) {
        ctx = new AppContext(new DjlThread(), Platform::runLater,
                Preferences.userRoot().node("latent-lab-tests"));
        window = new MainWindow(ctx);
        stage.setScene(new Scene(window, 1200, 800));
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
    void startIsDisabledUntilDataIsLoaded(FxRobot robot) throws Exception {
        Button start = robot.lookup("#train-start").queryAs(Button.class);
        assertThat(start.isDisabled()).isTrue();
        assertThat(robot.lookup("#train-no-data").queryLabeled().isVisible()).isTrue();
        robot.interact(() -> ctx.dataProperty().set(data));
        assertThat(start.isDisabled()).isFalse();
        robot.interact(() -> window.trainView().viewModel().valueProperty(Field.LR).set("x"));
        assertThat(start.isDisabled()).isTrue();
        assertThat(robot.lookup("#train-error-LR").queryLabeled().getText())
                .isEqualTo("must be a number");
    }

    @Test
    void startThenStopFillsTheChartAndKeepsTheUiResponsive(FxRobot robot) throws Exception {
        TrainViewModel vm = window.trainView().viewModel();
        robot.interact(() -> {
            ctx.dataProperty().set(data);
            vm.setRunsDir(runs);
            vm.valueProperty(Field.ED).set("4");
            vm.valueProperty(Field.TRAIN_LIMIT).set("1000");
            vm.valueProperty(Field.BATCH).set("100");
            vm.valueProperty(Field.MAX_EPOCHS).set("500");
        });
        robot.clickOn("#train-start");
        assertThat(fx(() -> vm.stateProperty().get())).isEqualTo(State.RUNNING);

        XYChart.Series<Number, Number> batch = window.trainView().chart().getData().get(0);
        XYChart.Series<Number, Number> val = window.trainView().chart().getData().get(3);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> fx(() -> val.getData().size()) >= 1);
        assertThat(fx(() -> batch.getData().size())).isGreaterThanOrEqualTo(9);
        assertThat(fx(() -> vm.progressProperty().get())).isPositive();
        assertThat(fx(() -> ctx.legacyStatus().etaProperty().get())).startsWith("at most");

        // while training runs: a tab switch works, and a small DJL task still gets its turn
        TabPane tabs = window.tabs();
        robot.clickOn("Reconstruct");
        assertThat(fx(() -> tabs.getSelectionModel().getSelectedIndex())).isEqualTo(1);
        assertThat(ctx.djl().submit(() -> 42).get(20, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(fx(() -> vm.stateProperty().get())).isEqualTo(State.RUNNING);
        robot.clickOn("Train");
        assertThat(fx(() -> tabs.getSelectionModel().getSelectedIndex())).isEqualTo(0);

        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> vm.stateProperty().get()) == State.CANCELLED);
        assertThat(fx(() -> val.getData().size())).isGreaterThanOrEqualTo(1);
        int trainPoints = fx(() -> window.trainView().chart().getData().get(2).getData().size());
        int epochs = fx(() -> vm.epochs().size());
        assertThat(trainPoints).isEqualTo(epochs);
        // at least one epoch finished: the run was saved and is now the active model
        assertThat(fx(() -> ctx.models().size())).isEqualTo(1);
        assertThat(fx(() -> window.modelSelector().getValue())).isSameAs(ctx.models().get(0));
        assertThat(fx(() -> robot.lookup("#train-start").queryAs(Button.class).isDisabled()))
                .isFalse();
    }
}
