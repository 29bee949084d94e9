package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.AtomicFiles;
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
 * A checkpoint is one atomic commit: a save that fails at its N-th file-system operation (as a
 * crash or a full disk would stop it there) leaves a folder that resumes to exactly the numbers
 * of an uninterrupted run, for every N.
 */
class CheckpointCrashTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        // small slices: every run copies its whole training set into one array first
        mnist = new MnistData(full.train().slice(0, 400), full.test().slice(0, 100), full.dir(),
                full.checksum());
    }

    private static final TrainingConfig CONFIG = new TrainingConfig(4, 1e-2, 1e-5, 100, 2, 0,
            1e-4, 5, 300, 0.1, Monitor.VALIDATION, true);

    /**
     * The real file system, failing at its N-th operation. It skips the syncs (a failure here
     * is an exception, not a power cut), which keeps the hundreds of saves of this test fast.
     */
    private static final class FailingOps implements AtomicFiles.Ops {
        private final int failAt;
        private final boolean diskFull;
        private int count;

        FailingOps(int failAt, boolean diskFull) {
            this.failAt = failAt;
            this.diskFull = diskFull;
        }

        private boolean fails() {
            return ++count == failAt;
        }

        @Override
        public void writeNew(Path file, byte[] bytes) throws IOException {
            if (fails()) {
                if (diskFull) {
                    // half the bytes reach the disk, then it is full
                    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                    throw new IOException("No space left on device");
                }
                throw new IOException("injected failure at operation " + failAt);
            }
            Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            if (!diskFull && fails()) {
                throw new IOException("injected failure at operation " + failAt);
            }
            AtomicFiles.REAL.move(from, to);
        }

        @Override
        public void syncDir(Path dir) throws IOException {
            if (!diskFull && fails()) {
                throw new IOException("injected failure at operation " + failAt);
            }
            // counted, not done
        }

        @Override
        public void delete(Path file) throws IOException {
            if (!diskFull && fails()) {
                throw new IOException("injected failure at operation " + failAt);
            }
            AtomicFiles.REAL.delete(file);
        }
    }

    private static TrainingResult train(RunCheckpoint cp) throws IOException {
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            return new TrainingLoop(CONFIG, mnist, null, null).run(model, cp);
        }
    }

    /** What `train --resume` does; a folder with no commit at all is started again. */
    private static TrainingResult resume(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(ModelStore.META))) {
            return train(new RunCheckpoint(dir));
        }
        RunCheckpoint cp = new RunCheckpoint(dir);
        RunCheckpoint.State state = cp.load();
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            return new TrainingLoop(state.config(), mnist, null, null).resume(model, cp, state);
        }
    }

    @Test
    void aSaveStoppedAtAnyOperationResumesToTheUninterruptedNumbers(@TempDir Path tmp)
            throws Exception {
        checkEveryFailurePoint(tmp, false);
    }

    @Test
    void aFullDiskAtAnyWriteResumesToTheUninterruptedNumbers(@TempDir Path tmp)
            throws Exception {
        checkEveryFailurePoint(tmp, true);
    }

    private void checkEveryFailurePoint(Path tmp, boolean diskFull) throws Exception {
        Path reference = tmp.resolve("reference");
        TrainingResult whole = train(new RunCheckpoint(reference));
        byte[] bestWhole = Files.readAllBytes(ModelStore.paramsFile(reference,
                ModelStore.readMetadata(reference)));
        int failures = 0;
        for (int n = 1; ; n++) {
            Path dir = tmp.resolve((diskFull ? "full-" : "crash-") + n);
            try {
                train(new RunCheckpoint(dir, new FailingOps(n, diskFull)));
                break; // n is past the last operation: every point has been tried
            } catch (IOException e) {
                assertThat(e).hasMessageContaining(diskFull ? "No space left" : "injected");
                failures++;
            }
            TrainingResult resumed = resume(dir);
            assertThat(resumed.history()).as("history after a failure at op %d", n)
                    .hasSameSizeAs(whole.history());
            for (int i = 0; i < whole.history().size(); i++) {
                assertThat(resumed.history().get(i).trainMse()).as("op %d, epoch %d", n, i + 1)
                        .isEqualTo(whole.history().get(i).trainMse());
                assertThat(resumed.history().get(i).valMse()).as("op %d, epoch %d", n, i + 1)
                        .isEqualTo(whole.history().get(i).valMse());
            }
            byte[] best = Files.readAllBytes(ModelStore.paramsFile(dir, ModelStore.readMetadata(dir)));
            assertThat(best).as("best model after a failure at op %d", n).isEqualTo(bestWhole);
            assertThat(leftovers(dir)).as("temporary files after op %d", n).isEmpty();
        }
        assertThat(failures).as("failure points tried").isGreaterThan(diskFull ? 8 : 30);
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> AtomicFiles.isTemp(p.getFileName().toString())).forEach(out::add);
        }
        return out;
    }

    @Test
    void resumingAFinishedRunChangesNothingOnDisk(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        train(new RunCheckpoint(dir));
        List<String> before = snapshot(dir);
        TrainingResult again = resume(dir);
        assertThat(again.message()).startsWith("already finished");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    private static List<String> snapshot(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(dir.relativize(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
                        + ModelStore.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void aSecondOwnerOfARunFolderIsRefusedWithThePid(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir))
                    .isInstanceOf(RunLock.RunInUseException.class)
                    .hasMessage(dir + " is in use by another training (pid "
                            + ProcessHandle.current().pid() + ")");
        }
        RunLock.acquire(dir).close(); // released: free again
    }

    @Test
    void aResumeSymlinkIsNotFollowedForWriting(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("resume"), outside);
        assertThatThrownBy(() -> train(new RunCheckpoint(dir)))
                .hasMessageContaining("resume").hasMessageContaining("symbolic link");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
