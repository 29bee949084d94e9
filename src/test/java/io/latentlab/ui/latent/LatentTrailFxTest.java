package io.latentlab.ui.latent;

import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelStore;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.TestModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Trail toggle of the Latent view on a run folder that kept a trail: the slider's keys. */
@ExtendWith(ApplicationExtension.class)
class LatentTrailFxTest {

    private AppContext ctx;
    private LatentView view;

    @Start
    void start(Stage stage) {
        ctx = FxTestSupport.context(FxTestSupport.prefs("latent-trail"));
        view = new LatentView(ctx);
        stage.setScene(new Scene(view, 900, 650));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    @Test
    void theSliderStepsThroughTheEpochsOfTheActiveRun(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("latent-trail-fx").resolve("run");
        RunCheckpoint cp = new RunCheckpoint(dir);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            history.add(new EpochMetrics(e, 0.1, 0.1, 0.1, 1, true));
            cp.save(new RunCheckpoint.State(TrainingConfig.defaults(4), "sha", List.copyOf(history),
                    new byte[] {1}, new byte[] {2}, new byte[] {3}), true, "running", e,
                    new TrainingEvent.LatentSnapshot(e, new float[] {e, 0, -1, 1, 2, -2},
                            new int[] {0, 1, 2}));
        }
        AppContext.ActiveModel model = onEngine(ctx, c -> TestModels.active("run", dir,
                ModelStore.readMetadata(dir), Autoencoder.create(4, 1)));
        ToggleButton toggle = robot.lookup("#latent-trail").queryAs(ToggleButton.class);
        assertThat(toggle.isDisabled()).isTrue();
        fx(() -> {
            ctx.models().add(model);
            ctx.activeModelProperty().set(model);
            return null;
        });
        assertThat(toggle.isDisabled()).isFalse();
        assertThat(robot.lookup("#latent-trail-pane").query().isVisible()).isFalse();

        robot.clickOn(toggle);
        Label text = robot.lookup("#latent-trail-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> text.getText().equals("Epoch 3 of 3"));
        assertThat(robot.lookup("#latent-trail-pane").query().isVisible()).isTrue();
        assertThat(robot.lookup("#latent-trail-replay").query().isVisible()).isTrue();

        robot.clickOn("#latent-trail-slider");
        robot.type(KeyCode.END);
        assertThat(text.getText()).isEqualTo("Epoch 3 of 3");
        robot.type(KeyCode.LEFT);
        assertThat(text.getText()).isEqualTo("Epoch 2 of 3");
        robot.type(KeyCode.HOME);
        assertThat(text.getText()).isEqualTo("Epoch 1 of 3");
        robot.type(KeyCode.RIGHT);
        assertThat(text.getText()).isEqualTo("Epoch 2 of 3");

        // T hides the trail again: the map is back
        robot.type(KeyCode.T);
        assertThat(robot.lookup("#latent-trail-pane").query().isVisible()).isFalse();
    }
}
