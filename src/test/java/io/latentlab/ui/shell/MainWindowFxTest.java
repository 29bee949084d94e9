package io.latentlab.ui.shell;

import static io.latentlab.ui.FxTestSupport.await;
import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import atlantafx.base.theme.NordLight;
import atlantafx.base.theme.PrimerDark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell on a real engine thread: opening and saving models, discovery, theme, status bar. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    Path tmp;

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = FxTestSupport.context(FxTestSupport.prefs("main-window"));
        window = new MainWindow(ctx);
        stage.setScene(new Scene(window, 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    private void checkpoint(Path dir, int ed) throws Exception {
        onEngine(ctx, c -> {
            try (Autoencoder m = Autoencoder.create(ed, 1)) {
                ModelStore.save(dir, m, ModelMetadata.of(ed));
            }
            return null;
        });
    }

    private <V> Job<V> submit(FxRobot robot, java.util.function.Supplier<Job<V>> action) {
        AtomicReference<Job<V>> job = new AtomicReference<>();
        robot.interact(() -> job.set(action.get()));
        return job.get();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    @Test
    void corruptModelShowsAnErrorAndTheAppKeepsWorking(FxRobot robot) throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("model.properties"), "this is not a checkpoint\n\u0001\u0002");
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isTrue();

        Job<ActiveModel> failed = submit(robot, () -> window.viewModel().open(bad));
        assertThat(await(failed)).isEqualTo(JobState.FAILED);

        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Could not open the model");
        assertThat(dialog.getContentText()).contains(bad.resolve("model.properties").toString())
                .contains("not a Latent Lab checkpoint");
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(fx(() -> ctx.models().isEmpty())).isTrue();
        assertThat(text(robot, "#status-text")).isEqualTo("Opening " + bad + " failed");

        // still working: tabs switch and a valid model opens through a job and becomes active
        robot.clickOn("Latent space");
        assertThat(fx(() -> window.tabs().getSelectionModel().getSelectedIndex())).isEqualTo(2);
        Path good = tmp.resolve("good");
        checkpoint(good, 4);
        Job<ActiveModel> opened = submit(robot, () -> window.viewModel().open(good));
        assertThat(await(opened)).isEqualTo(JobState.SUCCEEDED);
        ActiveModel model = fx(() -> ctx.activeModelProperty().get());
        assertThat(model.dir()).isEqualTo(good);
        assertThat(model.metadata().encodingDim()).isEqualTo(4);
        assertThat(fx(() -> window.modelSelector().getValue())).isSameAs(model);
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isFalse();
        assertThat(window.viewModel().rememberedModel()).isEqualTo(good.toAbsolutePath());
    }

    @Test
    void discoveryFillsTheSelectorByEdThenNameAndSkipsBrokenOnes(FxRobot robot) throws Exception {
        Path models = tmp.resolve("models");
        Path ed8 = models.resolve("ed8");
        Path ed4 = models.resolve("ed4");
        checkpoint(ed8, 8);
        checkpoint(ed4, 4);
        Files.setLastModifiedTime(ed8.resolve(ModelStore.META), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(ed4.resolve(ModelStore.META), FileTime.fromMillis(1_000_000));
        // a manifest naming parameters that cannot be read: listed as a model, fails to load
        Path broken = models.resolve("broken");
        checkpoint(broken, 2);
        Files.writeString(ModelStore.paramsFile(broken, ModelStore.readMetadata(broken)), "garbage");

        assertThat(text(robot, "#model-hint")).isEqualTo("No model yet: train one in the Train view");
        // while discovery waits for the busy engine, the empty list does not say "no model"
        CountDownLatch busy = new CountDownLatch(1);
        robot.interact(() -> ctx.jobs().submit(Job.onEngine("busy", c -> busy.await(20,
                TimeUnit.SECONDS)).visible(false)));
        Job<MainViewModel.Discovery> job = submit(robot, () -> window.viewModel().discover(
                List.of(models, tmp.resolve("runs")), null));
        assertThat(text(robot, "#model-hint")).isEqualTo("Looking for saved models...");
        busy.countDown();
        assertThat(await(job)).isEqualTo(JobState.SUCCEEDED);
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isFalse();

        assertThat(fx(() -> window.modelSelector().getItems().stream().map(ActiveModel::dir)
                .toList())).containsExactly(ed4, ed8);
        // the newest is picked, but that is no choice of the user's
        assertThat(fx(() -> window.modelSelector().getValue().dir())).isEqualTo(ed8);
        assertThat(window.viewModel().rememberedModel()).isNull();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(text(robot, "#status-text"))
                .isEqualTo("2 model(s) found; skipped 1 unreadable checkpoint(s), see the log");

        // choosing in the selector is
        robot.interact(() -> window.modelSelector().getSelectionModel().select(0));
        assertThat(fx(() -> ctx.activeModelProperty().get().dir())).isEqualTo(ed4);
        assertThat(window.viewModel().rememberedModel()).isEqualTo(ed4.toAbsolutePath());
    }

    @Test
    void saveRunsAsAJobAndWritesALoadableCheckpointWithItsHistory(FxRobot robot)
            throws Exception {
        Path source = tmp.resolve("src");
        checkpoint(source, 4);
        Files.writeString(source.resolve("history.csv"), "epoch,train_mse\n1,0.1\n");
        await(submit(robot, () -> window.viewModel().open(source)));
        ActiveModel opened = fx(() -> ctx.activeModelProperty().get());

        Path copy = tmp.resolve("copy");
        Job<Path> saved = submit(robot, () -> window.viewModel().save(opened, copy));
        assertThat(await(saved)).isEqualTo(JobState.SUCCEEDED);
        assertThat(text(robot, "#status-text")).isEqualTo("Model saved to " + copy);
        assertThat(Files.readString(copy.resolve("history.csv"))).contains("1,0.1");
        float[] digit = new float[ModelHandle.PIXELS];
        java.util.Arrays.fill(digit, 0.3f);
        float[] expected = onEngine(ctx, c -> opened.model().reconstruct(digit));
        float[] reloaded = onEngine(ctx, c -> {
            try (ModelHandle h = ModelHandle.load(copy)) {
                return h.reconstruct(digit);
            }
        });
        assertThat(reloaded).containsExactly(expected);
    }

    @Test
    void theViewMenuSwitchesTheApplicationTheme(FxRobot robot) throws Exception {
        RadioMenuItem dark = themeItem("menu-theme-dark");
        robot.interact(dark::fire);
        assertThat(window.themeProperty().get()).isEqualTo(AppTheme.PRIMER_DARK);
        assertThat(Application.getUserAgentStylesheet())
                .isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(window.getPseudoClassStates()).contains(Styles.DARK);
        assertThat(brightness(window.statusBar())).as("dark status bar").isLessThan(0.3);

        robot.interact(themeItem("menu-theme-nord-light")::fire);
        assertThat(dark.isSelected()).isFalse();
        assertThat(Application.getUserAgentStylesheet())
                .isEqualTo(new NordLight().getUserAgentStylesheet());
        assertThat(window.getPseudoClassStates()).doesNotContain(Styles.DARK);
        assertThat(brightness(window.statusBar())).as("light status bar").isGreaterThan(0.8);

        // set from outside (the remembered theme): the menu follows
        robot.interact(() -> window.themeProperty().set(AppTheme.PRIMER_LIGHT));
        assertThat(themeItem("menu-theme-light").isSelected()).isTrue();
        // our stylesheet is on the scene once, whatever the theme
        assertThat(fx(() -> window.getScene().getStylesheets()))
                .containsOnlyOnce(Styles.STYLESHEET)
                .noneMatch(s -> s.endsWith("dark.css"));
    }

    @AfterEach
    void defaultTheme() throws Exception {
        // the user-agent stylesheet is JVM-wide: later test classes get the one they expect
        fx(() -> {
            FxTestSupport.unstyled(window.getScene());
            return null;
        });
    }

    private RadioMenuItem themeItem(String id) {
        MenuBar bar = (MenuBar) ((VBox) window.getTop()).getChildren().get(0);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).map(RadioMenuItem.class::cast)
                .findFirst().orElseThrow();
    }

    /** Of the status bar's background, once styled with the current theme. */
    private static double brightness(Region r) throws Exception {
        return fx(() -> {
            r.applyCss();
            return ((Color) r.getBackground().getFills().get(0).getFill()).getBrightness();
        });
    }

    /** A worker job that holds until released, at the given progress. */
    private static Job<String> holding(String title, int done, CountDownLatch release) {
        return Job.onWorker(title, c -> {
            c.progress(done, 4);
            c.message(title + " is waiting");
            while (!release.await(20, TimeUnit.MILLISECONDS)) {
                c.checkCancelled();
            }
            return title;
        });
    }

    @Test
    void onlyTheSelectedTabsViewIsInTheSceneAndSwitchingBringsItsViewBack(FxRobot robot)
            throws Exception {
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        assertThat(fx(() -> window.reconstructView().getScene())).isSameAs(window.getScene());
        // hidden views cost nothing per pulse: they are not in the scene at all
        assertThat(fx(() -> window.trainView().getScene())).isNull();
        assertThat(fx(() -> window.latentView().getScene())).isNull();
        robot.interact(() -> window.tabs().getSelectionModel().select(0));
        assertThat(fx(() -> window.trainView().getScene())).isSameAs(window.getScene());
        assertThat(fx(() -> window.reconstructView().getScene())).isNull();
        assertThat(fx(() -> window.tabs().getTabs().get(0).getContent()))
                .isSameAs(window.trainView());
    }

    @Test
    void aJobStartingOrEndingDoesNotResizeTheViews(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        double idle = fx(() -> window.tabs().getHeight());
        CountDownLatch release = new CountDownLatch(1);
        Job<String> job = holding("Job A", 1, release);
        robot.interact(() -> ctx.jobs().submit(job));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> fx(() -> job.progressProperty().get() == 0.25));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-cancel").query().isVisible()).isTrue();
        // a status bar growing by a button's height made every tab lay out again
        assertThat(fx(() -> window.tabs().getHeight())).isEqualTo(idle);
        release.countDown();
        assertThat(await(job)).isEqualTo(JobState.SUCCEEDED);
        assertThat(fx(() -> window.tabs().getHeight())).isEqualTo(idle);
    }

    @Test
    void theStatusBarDrawsOnlyProgressItsBarCanShow() {
        // 180 px: 1/180 = 0.0056 is one pixel; a batch of a 6-epoch run moves 0.0031
        assertThat(StatusBarView.visibleChange(0.5, 0.5031, 180)).isFalse();
        assertThat(StatusBarView.visibleChange(0.5, 0.5062, 180)).isTrue();
        assertThat(StatusBarView.visibleChange(0.5, 0.4938, 180)).isTrue();
        // done, restarted and unknown always show, however small the step
        assertThat(StatusBarView.visibleChange(0.999, 1, 180)).isTrue();
        assertThat(StatusBarView.visibleChange(0.001, 0, 180)).isTrue();
        assertThat(StatusBarView.visibleChange(0.3, -1, 180)).isTrue();
        assertThat(StatusBarView.visibleChange(-1, 0.001, 180)).isTrue();
        // not laid out yet: every change shows
        assertThat(StatusBarView.visibleChange(0.5, 0.5001, 0)).isTrue();
        assertThat(StatusBarView.visibleChange(0.5, 0.5, 0)).isFalse();
    }

    @Test
    void theStatusBarListsTwoJobsAndCancelsOnlyTheOneAsked(FxRobot robot) throws Exception {
        assertThat(text(robot, "#status-text")).isEqualTo("Ready");
        assertThat(robot.lookup("#status-jobs").query().isVisible()).isFalse();
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        Job<String> a = holding("Job A", 1, releaseA);
        Job<String> b = holding("Job B", 3, releaseB);
        robot.interact(() -> {
            ctx.jobs().submit(a);
            ctx.jobs().submit(b);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() ->
                a.progressProperty().get() == 0.25 && b.progressProperty().get() == 0.75));

        // the bar: the newest job, its progress, Cancel, and "+1 more"
        assertThat(text(robot, "#status-text")).isEqualTo("Job B");
        assertThat(text(robot, "#status-message")).isEqualTo("Job B is waiting");
        assertThat(robot.lookup("#status-progress").queryAs(ProgressBar.class).getProgress())
                .isEqualTo(0.75);
        assertThat(robot.lookup("#status-cancel").query().isVisible()).isTrue();
        assertThat(text(robot, "#status-jobs")).isEqualTo("+1 more");

        // the popover lists both, oldest first
        robot.clickOn("#status-jobs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".job-title").queryAllAs(Labeled.class))
                .extracting(Labeled::getText).containsExactly("Job A", "Job B");

        // Cancel in A's row cancels A only; B's title and progress stay in the bar
        ListCell<?> rowA = robot.lookup(".list-cell")
                .match((ListCell<?> cell) -> cell.getItem() == a).query();
        robot.clickOn(robot.from(rowA).lookup(".job-cancel").queryAs(Button.class));
        assertThat(await(a)).isEqualTo(JobState.CANCELLED);
        assertThat(fx(() -> b.stateProperty().get())).isEqualTo(JobState.RUNNING);
        assertThat(text(robot, "#status-text")).isEqualTo("Job B");
        assertThat(robot.lookup("#status-progress").queryAs(ProgressBar.class).getProgress())
                .isEqualTo(0.75);
        assertThat(text(robot, "#status-jobs")).isEmpty();
        assertThat(robot.lookup(".job-title").queryAllAs(Labeled.class))
                .extracting(Labeled::getText).containsExactly("Job B");

        // the final message shows once nothing runs, then fades to Ready
        releaseB.countDown();
        assertThat(await(b)).isEqualTo(JobState.SUCCEEDED);
        assertThat(text(robot, "#status-text")).matches("Job B finished in \\d+ s");
        assertThat(robot.lookup("#status-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#status-cancel").query().isVisible()).isFalse();
        assertThat(robot.lookup("#status-eta").query().isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> "Ready".equals(text(robot, "#status-text"))));
    }
}
