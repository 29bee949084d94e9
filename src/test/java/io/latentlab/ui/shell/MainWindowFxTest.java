package io.latentlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.ui.AppContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell: opening models (good and corrupt), discovery, theme. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    Path tmp;

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(new DjlThread(), Platform::runLater,
                Preferences.userRoot().node("latent-lab-tests"));
        window = new MainWindow(ctx);
        stage.setScene(new Scene(window, 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void saveModel(Path dir, int ed) throws Exception {
        ctx.djl().submit(() -> {
            try (Autoencoder m = Autoencoder.create(ed, 1)) {
                ModelStore.save(dir, m, ModelMetadata.of(ed));
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void corruptModelShowsAnErrorAndTheAppKeepsWorking(FxRobot robot) throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("model.properties"), "this is not a checkpoint\n\u0001\u0002");
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isTrue();

        AtomicReference<CompletableFuture<AppContext.ActiveModel>> result = new AtomicReference<>();
        robot.interact(() -> result.set(window.openModel(bad)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.get().isDone());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(result.get()).isCompletedExceptionally();

        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Could not open the model");
        assertThat(dialog.getContentText()).contains(bad.resolve("model.properties").toString())
                .contains("not a Latent Lab checkpoint");
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(fx(() -> ctx.models().isEmpty())).isTrue();

        // still working: tabs switch and a valid model opens and becomes active
        robot.clickOn("Latent space");
        assertThat(fx(() -> window.tabs().getSelectionModel().getSelectedIndex())).isEqualTo(2);
        Path good = tmp.resolve("good");
        saveModel(good, 4);
        robot.interact(() -> result.set(window.openModel(good)));
        AppContext.ActiveModel model = result.get().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.metadata().encodingDim()).isEqualTo(4);
        assertThat(fx(() -> ctx.activeModelProperty().get())).isSameAs(model);
        assertThat(fx(() -> window.modelSelector().getValue())).isSameAs(model);
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isFalse();
    }

    @Test
    void discoversCheckpointsNewestFirstAndSkipsBrokenOnes(FxRobot robot) throws Exception {
        Path models = tmp.resolve("models");
        Path older = models.resolve("ed4");
        Path newer = models.resolve("ed8");
        saveModel(older, 4);
        saveModel(newer, 8);
        Files.setLastModifiedTime(older.resolve(ModelStore.META), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer.resolve(ModelStore.META), FileTime.fromMillis(2_000_000));
        Path broken = Files.createDirectories(models.resolve("broken"));
        Files.writeString(broken.resolve(ModelStore.META), "garbage");
        Files.createDirectories(models.resolve("not-a-checkpoint"));

        assertThat(ModelCatalog.find(List.of(models, tmp.resolve("missing"))))
                .containsExactly(broken, newer, older);

        CompletableFuture<Integer> found = fx(() -> window.discoverModels(
                List.of(models, tmp.resolve("runs")), null));
        assertThat(found.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> ctx.models().stream().map(m -> m.dir()).toList()))
                .containsExactly(newer, older);
        assertThat(fx(() -> ctx.activeModelProperty().get().dir())).isEqualTo(newer);
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
    }

    @Test
    void preferredModelIsSelectedOnDiscovery(FxRobot robot) throws Exception {
        Path a = tmp.resolve("models").resolve("a");
        Path b = tmp.resolve("models").resolve("b");
        saveModel(a, 2);
        saveModel(b, 3);
        Files.setLastModifiedTime(a.resolve(ModelStore.META), FileTime.fromMillis(1_000_000));
        CompletableFuture<Integer> found = fx(() -> window.discoverModels(
                List.of(tmp.resolve("models")), a));
        assertThat(found.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> ctx.activeModelProperty().get().dir())).isEqualTo(a);
    }

    @Test
    void darkThemeAddsTheStylesheetToTheScene(FxRobot robot) throws Exception {
        robot.interact(() -> window.darkThemeProperty().set(true));
        assertThat(fx(() -> window.getScene().getStylesheets()))
                .anyMatch(s -> s.endsWith("io/latentlab/ui/shell/dark.css"));
        robot.interact(() -> window.darkThemeProperty().set(false));
        assertThat(fx(() -> window.getScene().getStylesheets()))
                .noneMatch(s -> s.endsWith("dark.css"));
    }

    @Test
    void saveModelWritesALoadableCheckpointWithItsHistory() throws Exception {
        Path source = tmp.resolve("src");
        saveModel(source, 4);
        Files.writeString(source.resolve("history.csv"), "epoch,train_mse\n1,0.1\n");
        AppContext.ActiveModel opened = window.openModel(source).get(60, TimeUnit.SECONDS);
        float[] expected = ctx.djl().submit(() -> opened.model().autoencoder().block().getParameters().get(0)
                .getValue().getArray().toFloatArray()).get(10, TimeUnit.SECONDS);

        Path copy = tmp.resolve("copy");
        AtomicReference<CompletableFuture<Path>> saved = new AtomicReference<>();
        Platform.runLater(() -> saved.set(window.saveModel(opened, copy)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saved.get().get(60, TimeUnit.SECONDS)).isEqualTo(copy);
        assertThat(Files.readString(copy.resolve("history.csv"))).contains("1,0.1");
        float[] reloaded = ctx.djl().submit(() -> {
            try (ModelStore.Loaded l = ModelStore.load(copy)) {
                assertThat(l.metadata().encodingDim()).isEqualTo(4);
                return l.model().block().getParameters().get(0).getValue().getArray()
                        .toFloatArray();
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(reloaded).containsExactly(expected);
    }
}
