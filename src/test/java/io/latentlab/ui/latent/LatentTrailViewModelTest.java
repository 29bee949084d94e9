package io.latentlab.ui.latent;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.ModelStore;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.trail.TrailReplayViewModel.Mode;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trail the Latent view offers: the live one while training, else the active run's. */
class LatentTrailViewModelTest {

    @TempDir
    Path tmp;

    private final AppContext ctx = AppContext.sameThread(
            Preferences.userRoot().node("latent-lab-tests"));
    private final SimpleBooleanProperty running = new SimpleBooleanProperty();
    private final SimpleObjectProperty<TrainingEvent.LatentSnapshot> live =
            new SimpleObjectProperty<>();

    private ActiveModel run(String name, boolean trail) throws Exception {
        Path dir = tmp.resolve(name);
        new RunCheckpoint(dir).save(new RunCheckpoint.State(TrainingConfig.defaults(4), "sha",
                List.of(new EpochMetrics(1, 0.1, 0.1, 0.1, 1, true)), new byte[] {1},
                new byte[] {2}, new byte[] {3}), true, "max_epochs", 1,
                trail ? new TrainingEvent.LatentSnapshot(1, new float[] {0, 1, 2, 3},
                        new int[] {4, 5}) : null);
        // no loaded weights needed: only the folder and its manifest are read
        return new ActiveModel(name, dir, ModelStore.readMetadata(dir), null);
    }

    @Test
    void theActiveRunsTrailIsOfferedAndATrainingTakesTheViewOver() throws Exception {
        ctx.liveTraining().follow(running, live, new SimpleObjectProperty<>());
        LatentTrailViewModel vm = new LatentTrailViewModel(ctx);
        assertThat(vm.availableProperty().get()).isFalse();
        vm.shownProperty().set(true);
        assertThat(vm.shownProperty().get()).as("nothing to show").isFalse();

        ctx.activeModelProperty().set(run("with", true));
        assertThat(vm.availableProperty().get()).isTrue();
        assertThat(vm.shownProperty().get()).as("the user turns it on").isFalse();
        vm.shownProperty().set(true);
        assertThat(vm.player().modeProperty().get()).isEqualTo(Mode.REPLAY);
        assertThat(vm.player().frameProperty().get().labels()).containsExactly(4, 5);

        ctx.activeModelProperty().set(run("without", false));
        assertThat(vm.availableProperty().get()).isFalse();
        assertThat(vm.shownProperty().get()).isFalse();
        assertThat(vm.player().modeProperty().get()).isEqualTo(Mode.NONE);

        running.set(true);
        assertThat(vm.shownProperty().get()).isTrue();
        assertThat(vm.player().modeProperty().get()).isEqualTo(Mode.LIVE);
        TrainingEvent.LatentSnapshot first = new TrainingEvent.LatentSnapshot(1,
                new float[] {1, 1}, new int[] {7});
        live.set(first);
        assertThat(vm.player().frameProperty().get()).isSameAs(first);

        running.set(false);
        // the training ended; the active model has no trail
        assertThat(vm.shownProperty().get()).isFalse();
        assertThat(vm.player().frameProperty().get()).isNull();
    }
}
