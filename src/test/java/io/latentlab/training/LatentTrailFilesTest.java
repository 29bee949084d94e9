package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.model.AtomicFiles;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.ModelStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trail's files: their bytes, what reading them gives back, and damaged or absent ones. */
class LatentTrailFilesTest {

    @TempDir
    Path tmp;

    /** Three points: x in {0, 1, 0.5}, y in {10, 20, 15}. */
    private static final float[] XY = {0f, 10f, 1f, 20f, 0.5f, 15f};

    private static RunCheckpoint.State state(int epochs) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 0.2 / e, 0.21 / e, 0.22 / e, 1.5, true));
        }
        return new RunCheckpoint.State(TrainingConfig.defaults(4), "sha", history,
                new byte[] {1, 2, 3}, new byte[] {4, 5}, epochs == 0 ? null : new byte[] {6});
    }

    @Test
    void aFrameHoldsSixteenBitLevelsBetweenEachAxisMinimumAndMaximum() {
        byte[] bytes = LatentTrailFiles.frameBytes(
                new TrainingEvent.LatentSnapshot(7, XY, new int[] {3, 1, 4}));

        // 5 ints, offset and step per axis, 2 x 16 bits per point
        assertThat(bytes).hasSize(20 + 16 + 3 * 4);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(b.getInt()).isEqualTo(0x4C4C5446);
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt(), b.getInt()})
                .containsExactly(1, 7, 3, 2);
        // x from 0 in steps of 1/65535, y from 10 in steps of 10/65535
        assertThat(b.getFloat()).isEqualTo(0f);
        assertThat(b.getFloat()).isEqualTo((float) (1.0 / 65535));
        assertThat(b.getFloat()).isEqualTo(10f);
        assertThat(b.getFloat()).isEqualTo((float) (10.0 / 65535));
        int[] levels = new int[6];
        for (int i = 0; i < 6; i++) {
            levels[i] = b.getChar();
        }
        // 0.5 is level 32767.5 and rounds up
        assertThat(levels).containsExactly(0, 0, 65535, 65535, 32768, 32768);
    }

    @Test
    void writtenAndReadBackTheNumbersAreThoseOfTheQuantisedPicture() throws Exception {
        Path run = tmp.resolve("run");
        RunCheckpoint cp = new RunCheckpoint(run);
        cp.save(state(0), false, "running", 0);
        cp.save(state(1), true, "running", 1,
                new TrainingEvent.LatentSnapshot(1, XY, new int[] {3, 1, 4}));

        LatentTrailFiles.Trail trail = LatentTrailFiles.read(run);

        assertThat(trail.size()).isEqualTo(1);
        TrainingEvent.LatentSnapshot s = trail.snapshot(0);
        assertThat(s.epoch()).isEqualTo(1);
        assertThat(s.labels()).containsExactly(3, 1, 4);
        // hand-computed: 32768/65535 = 0.5000076, 10 + 32768 * 10/65535 = 15.000076
        assertThat(s.xy()).containsExactly(new float[] {0f, 10f, 1f, 20f, 0.5000076f,
            15.000076f}, within(2e-6f));
        assertThat(s.xy()).containsExactly(LatentTrailFiles.quantised(
                new TrainingEvent.LatentSnapshot(1, XY, new int[] {3, 1, 4})).xy());
        assertThat(run.resolve("latent/epoch-000001.bin")).hasSize(48);
        assertThat(run.resolve("latent/points.bin")).hasSize(12 + 3);
    }

    @Test
    void theErrorStaysBelowHalfALevelOfThePicturesWidth() {
        java.util.Random r = new java.util.Random(1);
        float[] xy = new float[4000];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = (float) (r.nextGaussian() * (i % 2 == 0 ? 30 : 0.01));
        }
        float[] back = LatentTrailFiles.quantise(1, xy).xy();
        for (int a = 0; a < 2; a++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = a; i < xy.length; i += 2) {
                lo = Math.min(lo, xy[i]);
                hi = Math.max(hi, xy[i]);
            }
            double half = (hi - lo) / 65535.0 / 2 * 1.001;
            for (int i = a; i < xy.length; i += 2) {
                assertThat((double) back[i]).isCloseTo(xy[i], within(half));
            }
        }
    }

    @Test
    void theTrailCoversConsecutiveEpochsAndStartsAgainAfterAGap() throws Exception {
        Path run = tmp.resolve("run");
        RunCheckpoint cp = new RunCheckpoint(run);
        cp.save(state(1), true, "running", 1, picture(1));
        cp.save(state(2), true, "running", 2, picture(2));
        assertThat(ModelStore.readMetadata(run).get(LatentTrailFiles.FIRST)).isEqualTo("1");
        assertThat(ModelStore.readMetadata(run).get(LatentTrailFiles.LAST)).isEqualTo("2");
        // an epoch without a picture, then one with: a new trail from there
        cp.save(state(3), true, "running", 3);
        assertThat(ModelStore.readMetadata(run).get(LatentTrailFiles.LAST)).isEqualTo("2");
        cp.save(state(4), true, "running", 4, picture(4));

        LatentTrailFiles.Trail trail = LatentTrailFiles.read(run);
        assertThat(trail.frames()).extracting(LatentTrailFiles.Frame::epoch).containsExactly(4);
        try (var files = Files.list(run.resolve("latent"))) {
            // the older trail's frames went after the commit that dropped them
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("epoch-000004.bin", "points.bin");
        }
        cp.saveStatus("max_epochs", 5);
        assertThat(LatentTrailFiles.read(run).size()).isEqualTo(1);
    }

    private static TrainingEvent.LatentSnapshot picture(int epoch) {
        float[] xy = XY.clone();
        xy[0] = epoch;
        return new TrainingEvent.LatentSnapshot(epoch, xy, new int[] {3, 1, 4});
    }

    @Test
    void aPictureOfAnotherEpochThanTheCommitsIsRefused() {
        RunCheckpoint cp = new RunCheckpoint(tmp.resolve("run"));
        assertThatThrownBy(() -> cp.save(state(2), true, "running", 1, picture(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the latent picture of epoch 1 cannot be committed with 2 epochs");
    }

    @Test
    void aFolderWithoutATrailHasNoneAndStillLoads() throws Exception {
        Path run = tmp.resolve("old-run");
        // what a run saved before trails were kept has: no latent keys, no latent folder
        new RunCheckpoint(run).save(state(2), true, "max_epochs", 2);

        assertThat(LatentTrailFiles.read(run)).isNull();
        assertThat(LatentTrailFiles.hasTrail(ModelStore.readMetadata(run))).isFalse();
        RunCheckpoint cp = new RunCheckpoint(run);
        assertThat(cp.load().history()).hasSize(2);
        assertThat(cp.lastPicture(2)).isNull();
        assertThat(LatentTrailFiles.read(Path.of("models/ed4"))).isNull();
    }

    @Test
    void aMissingOrDamagedFrameIsNamedWithItsProblem() throws Exception {
        Path run = tmp.resolve("run");
        RunCheckpoint cp = new RunCheckpoint(run);
        cp.save(state(1), true, "running", 1, picture(1));
        cp.save(state(2), true, "running", 2, picture(2));
        Path second = run.resolve("latent/epoch-000002.bin");
        byte[] whole = Files.readAllBytes(second);

        Files.write(second, Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> LatentTrailFiles.read(run))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(second + ": damaged: 12 bytes of coordinates expected, 11 found");

        Files.write(run.resolve("latent/epoch-000002.bin"),
                Files.readAllBytes(run.resolve("latent/epoch-000001.bin")));
        assertThatThrownBy(() -> LatentTrailFiles.read(run))
                .hasMessage(second + ": holds epoch 1, 3 points in 2 dimensions; epoch 2, 3 "
                        + "points in 2 expected");

        Files.delete(second);
        assertThatThrownBy(() -> LatentTrailFiles.read(run))
                .hasMessage(second + ": missing: the latent trail is incomplete");

        // a resumed run cannot align to it: it starts a new trail at its next epoch
        RunCheckpoint again = new RunCheckpoint(run);
        again.load();
        assertThat(again.lastPicture(2)).isNull();
        again.save(state(3), true, "running", 3, picture(3));
        assertThat(LatentTrailFiles.read(run).frames()).extracting(LatentTrailFiles.Frame::epoch)
                .containsExactly(3);
    }

    /**
     * Three epochs with pictures saved through a file system that fails at its N-th
     * operation, for every N: the trail read back always covers exactly the committed epochs.
     */
    @Test
    void aSaveStoppedAtAnyOperationShowsTheTrailOfTheLastCompleteCommit() throws Exception {
        int tried = 0;
        for (int n = 1; ; n++) {
            Path run = tmp.resolve("crash-" + n);
            int limit = n;
            int[] count = {0};
            AtomicFiles.Ops failing = new AtomicFiles.Ops() {
                private void maybeFail() throws IOException {
                    if (++count[0] == limit) {
                        throw new IOException("injected at " + limit);
                    }
                }

                @Override
                public void writeNew(Path file, byte[] bytes) throws IOException {
                    maybeFail();
                    Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
                }

                @Override
                public void move(Path from, Path to) throws IOException {
                    maybeFail();
                    AtomicFiles.REAL.move(from, to);
                }

                @Override
                public void syncDir(Path dir) throws IOException {
                    maybeFail();
                }

                @Override
                public void delete(Path file) throws IOException {
                    maybeFail();
                    AtomicFiles.REAL.delete(file);
                }
            };
            RunCheckpoint cp = new RunCheckpoint(run, failing);
            try {
                cp.save(state(0), false, "running", 0);
                for (int e = 1; e <= 3; e++) {
                    cp.save(state(e), true, "running", e, picture(e));
                }
                break;
            } catch (IOException e) {
                tried++;
            }
            if (!Files.exists(run.resolve(ModelStore.META))) {
                continue;
            }
            int epochs = Integer.parseInt(ModelStore.readMetadata(run).get("epochs"));
            LatentTrailFiles.Trail trail = LatentTrailFiles.read(run);
            if (epochs == 0) {
                assertThat(trail).as("op %d", n).isNull();
                continue;
            }
            assertThat(trail.frames()).as("op %d", n).extracting(LatentTrailFiles.Frame::epoch)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, epochs)
                            .boxed().toList());
            assertThat(trail.snapshot(epochs - 1).xy()[0]).as("op %d", n).isEqualTo(epochs);
        }
        assertThat(tried).isGreaterThan(20);
    }
}
