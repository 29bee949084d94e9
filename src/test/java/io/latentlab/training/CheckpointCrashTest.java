package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Corruption;
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
        MnistData full = io.latentlab.data.TestMnist.shipped();
        // small slices: every run copies its whole training set into one array first
        mnist = new MnistData(full.train().slice(0, 400), full.test().slice(0, 100), full.dir(),
                full.checksum());
    }

    private static final TrainingConfig CONFIG = new TrainingConfig(4, 1e-2, 1e-5, 100, 2, 0,
            1e-4, 5, 300, 0.1, Monitor.VALIDATION, true, Corruption.NONE);

    /**
     * The real file system, failing at its N-th operation. It skips the syncs (a failure here
     * is an exception, not a power cut), which keeps the hundreds of saves of this test fast.
     */
    private static class FailingOps implements AtomicFiles.Ops {
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

    /** The file system without syncs and without failures. */
    private static AtomicFiles.Ops fast() {
        return new FailingOps(0, false);
    }

    /** What `train --resume` does; a folder with no commit at all is started again. */
    private static TrainingResult resume(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(ModelStore.META))) {
            return train(new RunCheckpoint(dir, fast()));
        }
        RunCheckpoint cp = new RunCheckpoint(dir, fast());
        RunCheckpoint.State state = cp.load();
        try (Autoencoder model = Autoencoder.create(CONFIG.encodingDim(), CONFIG.seed())) {
            return new TrainingLoop(state.config(), mnist, null, null).resume(model, cp, state);
        }
    }

    /** Synthetic states of a run: commit 0 (no epoch), then epochs 1 and 2. */
    private static List<RunCheckpoint.State> states() {
        java.util.Random r = new java.util.Random(3);
        List<RunCheckpoint.State> out = new ArrayList<>();
        List<EpochMetrics> history = new ArrayList<>();
        byte[] best = null;
        for (int epoch = 0; epoch <= 2; epoch++) {
            if (epoch > 0) {
                history.add(new EpochMetrics(epoch, 0.1 / epoch, 0.09 / epoch, 0.08 / epoch, 1.5,
                        true));
                best = bytes(r, 3000 + epoch);
            }
            out.add(new RunCheckpoint.State(CONFIG, "sha", List.copyOf(history),
                    bytes(r, 2000 + epoch), bytes(r, 4000 + epoch), best));
        }
        return out;
    }

    private static byte[] bytes(java.util.Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /**
     * Every save of a run (commit 0, two epochs, the final status) with its N-th file-system
     * operation failing, for every N: the folder then holds exactly the commit before or the
     * one being saved, never a mix, and no temporary file once opened again.
     */
    @Test
    void aSaveStoppedAtAnyOperationLeavesTheLastCompleteCommit(@TempDir Path tmp)
            throws Exception {
        sweep(tmp, false);
    }

    @Test
    void aFullDiskAtAnyWriteLeavesTheLastCompleteCommit(@TempDir Path tmp) throws Exception {
        sweep(tmp, true);
    }

    private static void sweep(Path tmp, boolean diskFull) throws Exception {
        List<RunCheckpoint.State> states = states();
        int failures = 0;
        for (int n = 1; ; n++) {
            Path dir = tmp.resolve((diskFull ? "full-" : "crash-") + n);
            RunCheckpoint cp = new RunCheckpoint(dir, new FailingOps(n, diskFull));
            int failed = -1;
            try {
                for (int k = 0; k < states.size(); k++) {
                    failed = k;
                    cp.save(states.get(k), true, "running", k);
                }
                failed = states.size();
                cp.saveStatus("max_epochs", 9);
                break; // n is past the last operation: every point has been tried
            } catch (IOException e) {
                assertThat(e).hasMessageContaining(diskFull ? "No space left" : "injected");
                failures++;
            }
            if (!Files.exists(dir.resolve(ModelStore.META))) {
                assertThat(failed).as("no manifest after a failure at op %d", n).isZero();
                continue;
            }
            RunCheckpoint.State got = new RunCheckpoint(dir).load();
            int epochs = got.history().size();
            RunCheckpoint.State expected = states.get(Math.min(epochs, states.size() - 1));
            assertThat(epochs).as("commit after a failure at op %d in save %d", n, failed)
                    .isIn(Math.max(0, Math.min(failed, states.size() - 1) - 1),
                            Math.min(failed, states.size() - 1));
            assertThat(got.history()).as("op %d", n).isEqualTo(expected.history());
            assertThat(got.lastParams()).as("op %d", n).isEqualTo(expected.lastParams());
            assertThat(got.optimizer()).as("op %d", n).isEqualTo(expected.optimizer());
            assertThat(got.bestParams()).as("op %d", n).isEqualTo(expected.bestParams());
            assertThat(leftovers(dir)).as("temporary files after op %d", n).isEmpty();
        }
        assertThat(failures).as("failure points tried").isGreaterThan(diskFull ? 10 : 40);
    }

    /**
     * Real runs stopped at the commit points that matter (the manifest's rename of each commit,
     * a write before it, a delete after it): `--resume` reaches the numbers and the best
     * weights of an uninterrupted run.
     */
    @Test
    void aRunStoppedAtACommitResumesToTheUninterruptedNumbers(@TempDir Path tmp)
            throws Exception {
        Path reference = tmp.resolve("reference");
        List<String> ops = new ArrayList<>();
        TrainingResult whole = train(new RunCheckpoint(reference, new FailingOps(0, false) {
            @Override
            public void move(Path from, Path to) throws IOException {
                ops.add("move " + to.getFileName());
                super.move(from, to);
            }

            @Override
            public void writeNew(Path file, byte[] bytes) throws IOException {
                ops.add("write " + file.getFileName());
                super.writeNew(file, bytes);
            }

            @Override
            public void syncDir(Path dir) throws IOException {
                ops.add("sync");
            }

            @Override
            public void delete(Path file) throws IOException {
                ops.add("delete " + file.getFileName());
                super.delete(file);
            }
        }));
        byte[] bestWhole = Files.readAllBytes(ModelStore.paramsFile(reference,
                ModelStore.readMetadata(reference)));
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).equals("move " + ModelStore.META)) {
                points.add(i); // the write just before the commit's rename
                points.add(i + 1); // the rename itself
            } else if (ops.get(i).startsWith("delete") && !ops.get(i - 1).startsWith("delete")) {
                points.add(i + 1); // the first delete after a commit
            }
        }
        assertThat(points).as("commit points in %s", ops).hasSizeGreaterThan(8);
        for (int n : points) {
            Path dir = tmp.resolve("crash-" + n);
            assertThatThrownBy(() -> train(new RunCheckpoint(dir, new FailingOps(n, false))))
                    .hasMessageContaining("injected");
            TrainingResult resumed = resume(dir);
            assertThat(resumed.history()).as("history after a failure at %s", ops.get(n - 1))
                    .hasSameSizeAs(whole.history());
            for (int i = 0; i < whole.history().size(); i++) {
                assertThat(resumed.history().get(i).trainMse()).as("op %d, epoch %d", n, i + 1)
                        .isEqualTo(whole.history().get(i).trainMse());
                assertThat(resumed.history().get(i).valMse()).as("op %d, epoch %d", n, i + 1)
                        .isEqualTo(whole.history().get(i).valMse());
            }
            byte[] best = Files.readAllBytes(ModelStore.paramsFile(dir, ModelStore.readMetadata(dir)));
            assertThat(best).as("best model after a failure at op %d", n).isEqualTo(bestWhole);
        }
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
