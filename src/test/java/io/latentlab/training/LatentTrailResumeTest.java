package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.analysis.LatentTrail;
import io.latentlab.data.Corruption;
import io.latentlab.data.MnistData;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real short runs that keep a latent trail, killed between an epoch's frame and its manifest:
 * the folder shows no epoch its history lacks, and the resumed run continues the trail from
 * the stored picture to exactly the pictures of an uninterrupted run.
 */
class LatentTrailResumeTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        mnist = new MnistData(full.train().slice(0, 400), full.test().slice(0, 150), full.dir(),
                full.checksum());
    }

    private static final TrainingConfig CONFIG = new TrainingConfig(4, 1e-2, 1e-5, 100, 3, 0,
            1e-4, 5, 300, 0.1, Monitor.VALIDATION, true, Corruption.NONE);

    /** Fails the rename of the manifest of commit {@code failAt} (commit 0 is before epoch 1). */
    private static final class FailingCommit implements AtomicFiles.Ops {
        private final int failAt;
        private int commits;

        FailingCommit(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void writeNew(Path file, byte[] bytes) throws IOException {
            Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            if (to.getFileName().toString().equals(ModelStore.META) && commits++ == failAt) {
                throw new IOException("killed before commit " + failAt);
            }
            AtomicFiles.REAL.move(from, to);
        }

        @Override
        public void syncDir(Path dir) {
            // not needed: a failure here is an exception, not a power cut
        }

        @Override
        public void delete(Path file) throws IOException {
            AtomicFiles.REAL.delete(file);
        }
    }

    private static TrainingLoop loop(TrainingConfig c, List<TrainingEvent.LatentSnapshot> out) {
        return new TrainingLoop(c, mnist, e -> {
            if (e instanceof TrainingEvent.LatentSnapshot s) {
                out.add(s);
            }
        }, null).latentTrail(new LatentTrail(mnist.test(), 120));
    }

    private static TrainingResult train(RunCheckpoint cp, List<TrainingEvent.LatentSnapshot> out)
            throws IOException {
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            return loop(CONFIG, out).run(model, cp);
        }
    }

    private static TrainingResult resume(Path dir, List<TrainingEvent.LatentSnapshot> out)
            throws IOException {
        RunCheckpoint cp = new RunCheckpoint(dir);
        RunCheckpoint.State state = cp.load();
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            return loop(state.config(), out).resume(model, cp, state);
        }
    }

    @Test
    void aKillBetweenFrameAndManifestShowsNoExtraEpochAndTheResumeContinuesTheAlignment(
            @TempDir Path tmp) throws Exception {
        List<TrainingEvent.LatentSnapshot> whole = new ArrayList<>();
        Path reference = tmp.resolve("reference");
        train(new RunCheckpoint(reference), whole);
        // the live pictures are exactly what the folder keeps
        LatentTrailFiles.Trail kept = LatentTrailFiles.read(reference);
        assertThat(kept.size()).isEqualTo(3);
        assertThat(whole).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(kept.snapshot(i).epoch()).isEqualTo(i + 1);
            assertThat(kept.snapshot(i).xy()).containsExactly(whole.get(i).xy());
            assertThat(kept.snapshot(i).labels()).containsExactly(whole.get(i).labels());
        }

        Path dir = tmp.resolve("killed");
        Files.createDirectories(dir.resolve("latent"));
        Path foreign = Files.writeString(dir.resolve("latent/notes.txt"), "mine");
        // commit 2 is epoch 2's: its frame is on disk, its manifest never lands
        assertThatThrownBy(() -> train(new RunCheckpoint(dir, new FailingCommit(2)),
                new ArrayList<>())).hasMessageContaining("killed before commit 2");
        assertThat(dir.resolve("latent/epoch-000002.bin")).exists();
        assertThat(ModelStore.readMetadata(dir).get("epochs")).isEqualTo("1");
        assertThat(LatentTrailFiles.read(dir).frames()).extracting(LatentTrailFiles.Frame::epoch)
                .containsExactly(1);

        List<TrainingEvent.LatentSnapshot> rest = new ArrayList<>();
        TrainingResult resumed = resume(dir, rest);

        assertThat(resumed.history()).hasSize(3);
        // epochs 2 and 3 aligned to the stored epoch 1, as in the run that was never killed
        assertThat(rest).extracting(TrainingEvent.LatentSnapshot::epoch).containsExactly(2, 3);
        for (int i = 0; i < 2; i++) {
            assertThat(rest.get(i).xy()).as("epoch %d", i + 2)
                    .containsExactly(whole.get(i + 1).xy());
        }
        LatentTrailFiles.Trail after = LatentTrailFiles.read(dir);
        assertThat(after.frames()).extracting(LatentTrailFiles.Frame::epoch)
                .containsExactly(1, 2, 3);
        assertThat(after.snapshot(2).xy()).containsExactly(kept.snapshot(2).xy());
        assertThat(foreign).hasContent("mine");
        try (Stream<Path> files = Files.list(dir.resolve("latent"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "epoch-000001.bin", "epoch-000002.bin", "epoch-000003.bin", "notes.txt",
                    "points.bin");
        }
    }

    @Test
    void aRunWithoutATrailIsResumedWithOneFromThere(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("old");
        TrainingConfig two = CONFIG.withMaxEpochs(2);
        try (Autoencoder model = Autoencoder.create(two.encodingDim(), two.seed())) {
            new TrainingLoop(two, mnist, null, null).run(model, new RunCheckpoint(dir));
        }
        assertThat(LatentTrailFiles.read(dir)).isNull();

        List<TrainingEvent.LatentSnapshot> rest = new ArrayList<>();
        resume(dir, rest);

        // the config saved says 2 epochs: nothing is trained, nothing written
        assertThat(rest).isEmpty();
        assertThat(dir.resolve("latent")).doesNotExist();
        RunCheckpoint cp = new RunCheckpoint(dir);
        RunCheckpoint.State state = cp.load();
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            loop(CONFIG, rest).resume(model, cp, state);
        }
        assertThat(rest).extracting(TrainingEvent.LatentSnapshot::epoch).containsExactly(3);
        assertThat(LatentTrailFiles.read(dir).frames()).extracting(LatentTrailFiles.Frame::epoch)
                .containsExactly(3);
    }
}
