package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.AppDirs;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.LatentTrailFiles;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    @TempDir
    Path install;

    @Test
    void anInstalledModelIsNamedRelativeToTheInstallation() {
        Path shipped = install.resolve("models").resolve("ed4");
        assertThat(ModelCatalog.displayName(4, shipped)).isEqualTo("ED=4 \u00b7 " + shipped);
        System.setProperty(AppDirs.HOME_PROPERTY, install.toString());
        try {
            assertThat(ModelCatalog.displayName(4, shipped))
                    .isEqualTo("ED=4 \u00b7 " + Path.of("models", "ed4"));
        } finally {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        }
    }

    @Test
    void aRunSavedElsewhereTakesItsLatentTrailAlong(@TempDir Path tmp) throws Exception {
        DjlThread.prepareCurrentThread();
        Path run = tmp.resolve("run");
        byte[] params;
        try (Autoencoder model = Autoencoder.create(4, 1)) {
            params = ModelStore.parameterBytes(model);
        }
        RunCheckpoint cp = new RunCheckpoint(run);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            history.add(new EpochMetrics(e, 0.1, 0.1, 0.1, 1, true));
            cp.save(new RunCheckpoint.State(TrainingConfig.defaults(4), "sha", List.copyOf(history),
                    params, new byte[] {2}, params), true, "running", e,
                    new TrainingEvent.LatentSnapshot(e, new float[] {e, 0, 1, 1}, new int[] {3, 4}));
        }
        Path copy = tmp.resolve("copy");
        try (ModelHandle model = ModelHandle.load(run)) {
            ModelCatalog.save(model, run, copy);
        }

        LatentTrailFiles.Trail trail = LatentTrailFiles.read(copy);
        assertThat(trail.size()).isEqualTo(2);
        assertThat(trail.snapshot(1).xy()).containsExactly(LatentTrailFiles.read(run)
                .snapshot(1).xy());
        assertThat(trail.labels()).containsExactly(3, 4);
    }
}
