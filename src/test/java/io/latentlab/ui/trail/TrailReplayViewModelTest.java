package io.latentlab.ui.trail;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.trail.TrailReplayViewModel.Mode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The player on same-thread jobs: the trail is read when {@code replay} returns. */
class TrailReplayViewModelTest {

    @TempDir
    Path tmp;

    private final TrailReplayViewModel vm = new TrailReplayViewModel(Jobs.sameThread());

    /** A run folder whose epoch e has point 0 at x = e. */
    private Path run(String name, int epochs, boolean trail) throws Exception {
        Path dir = tmp.resolve(name);
        RunCheckpoint cp = new RunCheckpoint(dir);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 0.1, 0.1, 0.1, 1, true));
            cp.save(new RunCheckpoint.State(TrainingConfig.defaults(4), "sha", List.copyOf(history),
                    new byte[] {1}, new byte[] {2}, new byte[] {3}), true, "running", e,
                    trail ? picture(e) : null);
        }
        return dir;
    }

    private static TrainingEvent.LatentSnapshot picture(int epoch) {
        return new TrainingEvent.LatentSnapshot(epoch, new float[] {epoch, 0, -1, 1, 2, -2},
                new int[] {0, 1, 2});
    }

    private float x0() {
        return vm.frameProperty().get().xy()[0];
    }

    @Test
    void aReplayStartsAtTheLastEpochAndStepsWithinTheTrail() throws Exception {
        vm.replay(run("run", 4, true));

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.REPLAY);
        assertThat(vm.countProperty().get()).isEqualTo(4);
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(4);
        assertThat(x0()).isEqualTo(4f, org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(vm.textProperty().get()).isEqualTo("Epoch 4 of 4");

        vm.step(-1);
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(3);
        assertThat(vm.textProperty().get()).isEqualTo("Epoch 3 of 4");
        vm.step(-10);
        assertThat(vm.indexProperty().get()).isZero();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(1);
        vm.step(+1);
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(2);
        // the slider sets the index directly
        vm.indexProperty().set(2);
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(3);
    }

    @Test
    void playingAdvancesOneEpochPerTickAndStopsAtTheLast() throws Exception {
        vm.replay(run("run", 3, true));

        // at the last epoch, play starts again from the first
        vm.togglePlay();
        assertThat(vm.playingProperty().get()).isTrue();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(1);
        vm.tick();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(2);
        assertThat(vm.playingProperty().get()).isTrue();
        vm.tick();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(3);
        assertThat(vm.playingProperty().get()).isFalse();
        vm.tick();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(3);

        vm.togglePlay();
        vm.step(1);
        // a step pauses
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.frameProperty().get().epoch()).isEqualTo(2);
    }

    @Test
    void aFolderWithoutATrailOrWithoutAManifestShowsNothing() throws Exception {
        vm.replay(run("old", 2, false));
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.NONE);
        assertThat(vm.frameProperty().get()).isNull();
        assertThat(vm.textProperty().get()).isEmpty();

        // a run stopped before its first epoch leaves no folder
        vm.replay(tmp.resolve("deleted"));
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.NONE);
        vm.togglePlay();
        assertThat(vm.playingProperty().get()).isFalse();
    }

    @Test
    void aDamagedTrailSaysWhichFile() throws Exception {
        Path dir = run("run", 2, true);
        Files.delete(dir.resolve("latent/epoch-000001.bin"));

        vm.replay(dir);

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.ERROR);
        assertThat(vm.textProperty().get()).isEqualTo("Cannot show the latent trail: "
                + dir.resolve("latent/epoch-000001.bin") + ": missing: the latent trail is "
                + "incomplete");
    }

    @Test
    void whileATrainingRunsItsLatestPictureIsShownAndAfterwardsItsFolderReplayed()
            throws Exception {
        Path dir = run("run", 2, true);
        SimpleBooleanProperty running = new SimpleBooleanProperty(true);
        SimpleObjectProperty<TrainingEvent.LatentSnapshot> live = new SimpleObjectProperty<>();
        SimpleObjectProperty<Path> folder = new SimpleObjectProperty<>(dir);
        vm.follow(running, live, folder);

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.LIVE);
        assertThat(vm.textProperty().get()).isEqualTo("Training: live \u00b7 waiting for the "
                + "first epoch");
        live.set(picture(1));
        assertThat(vm.frameProperty().get()).isSameAs(live.get());
        assertThat(vm.textProperty().get()).isEqualTo("Training: live \u00b7 epoch 1");
        assertThat(vm.countProperty().get()).isZero();

        running.set(false);
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.REPLAY);
        assertThat(vm.countProperty().get()).isEqualTo(2);
        assertThat(vm.textProperty().get()).isEqualTo("Epoch 2 of 2");

        folder.set(null);
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.NONE);
        assertThat(vm.frameProperty().get()).isNull();
    }
}
