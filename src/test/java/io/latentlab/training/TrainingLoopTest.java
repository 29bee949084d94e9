package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Corruption;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real trainings on a few thousand MNIST digits. */
class TrainingLoopTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        // the test set is cut to 2000 digits to keep the suite fast
        mnist = new MnistData(full.train(), full.test().slice(0, 2000), full.dir(), full.checksum());
    }

    private static TrainingConfig config(int limit, int batch, int epochs) {
        return TrainingConfig.builder(8).batchSize(batch).maxEpochs(epochs).patience(0).seed(11)
                .trainLimit(limit).build();
    }

    private static TrainingResult train(TrainingConfig c, TrainingListener l, TrainingControl ctl,
            RunCheckpoint checkpoint) throws Exception {
        try (Autoencoder model = Autoencoder.create(c.encodingDim(), c.seed())) {
            return new TrainingLoop(c, mnist, l, ctl).run(model, checkpoint);
        }
    }

    @Test
    void lossIsFiniteAndFallsAndTheSameSeedGivesTheSameCurve() throws Exception {
        TrainingConfig c = config(3000, 250, 3);
        TrainingResult a = train(c, null, null, null);
        TrainingResult b = train(c, null, null, null);
        assertThat(a.reason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(a.history()).hasSize(3);
        for (EpochMetrics m : a.history()) {
            assertThat(m.trainMse()).isFinite().isPositive();
            assertThat(m.valMse()).isFinite().isPositive();
            assertThat(m.testMse()).isFinite().isPositive();
        }
        EpochMetrics first = a.history().get(0);
        EpochMetrics last = a.history().get(2);
        assertThat(last.trainMse()).isLessThan(first.trainMse());
        assertThat(last.valMse()).isLessThan(first.valMse());
        // an untrained sigmoid decoder starts near 0.25; three short epochs get well below 0.1
        assertThat(last.valMse()).isLessThan(0.1);
        for (int i = 0; i < 3; i++) {
            assertThat(b.history().get(i).trainMse()).isEqualTo(a.history().get(i).trainMse());
            assertThat(b.history().get(i).valMse()).isEqualTo(a.history().get(i).valMse());
        }
    }

    @Test
    void aDenoisingRunLearnsCleanTargetsFromCorruptedInputs() throws Exception {
        // every input blanked: the network sees nothing, so its output is one image for all;
        // against clean targets no image beats the mean digit (MSE >= the pixel variance),
        // while a loss taken against the blank inputs would head for 0
        TrainingConfig blind = config(3000, 100, 2).toBuilder()
                .corruption(Corruption.parse("occlusion:28@0,0")).build();
        TrainingConfig plain = config(3000, 100, 2);
        TrainingResult b = train(blind, null, null, null);
        TrainingResult p = train(plain, null, null, null);

        double floor = meanImageMse(mnist.train(), 3000);
        for (EpochMetrics m : b.history()) {
            assertThat(m.trainMse()).isGreaterThan(0.9 * floor);
            assertThat(m.valMse()).isGreaterThan(0.9 * floor);
        }
        // the same run without corruption gets below the mean digit
        assertThat(p.history().get(1).valMse()).isLessThan(floor);
        assertThat(b.history().get(1).testMse()).isGreaterThan(p.history().get(1).testMse());
    }

    /** MSE of the mean image against the first {@code n} training digits. */
    private static double meanImageMse(Dataset ds, int n) {
        int ppi = ds.pixelsPerImage();
        double[] mean = new double[ppi];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ppi; k++) {
                mean[k] += ds.backingArray()[ds.offset(i) + k] / n;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ppi; k++) {
                double d = ds.backingArray()[ds.offset(i) + k] - mean[k];
                sum += d * d;
            }
        }
        return sum / ((double) n * ppi);
    }

    @Test
    void publishesEventsInOrderAndNativeMemoryDoesNotGrow() throws Exception {
        TrainingConfig c = config(1200, 200, 2);
        List<TrainingEvent> events = new ArrayList<>();
        List<Integer> managed = new ArrayList<>();
        try (Autoencoder model = Autoencoder.create(8, 1)) {
            new TrainingLoop(c, mnist, e -> {
                events.add(e);
                if (e instanceof TrainingEvent.BatchEnd) {
                    managed.add(model.manager().getManagedArrays().size());
                }
            }, null).run(model, null);
        }
        assertThat(events.get(0)).isInstanceOf(TrainingEvent.Started.class);
        TrainingEvent.Started started = (TrainingEvent.Started) events.get(0);
        assertThat(started.batchesPerEpoch()).isEqualTo(6); // 1080 training digits / 200
        assertThat(started.trainSize()).isEqualTo(1080);
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.BatchEnd)).hasSize(12);
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.EpochEnd)).hasSize(2);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        // every batch's arrays are freed: the count of live arrays is the same after each batch
        assertThat(managed).hasSize(12).allMatch(n -> n.equals(managed.get(0)));
    }

    @Test
    void trainsOnAFreshThreadWhoseGradModeIsOn() throws Exception {
        // PyTorch's grad mode is per thread and on by default on threads DJL did not start on
        java.util.concurrent.atomic.AtomicReference<Object> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ai.djl.pytorch.jni.JniUtils.setGradMode(true);
                outcome.set(train(config(600, 300, 1), null, null, null).reason());
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(outcome.get()).isEqualTo(StopReason.MAX_EPOCHS);
    }

    @Test
    void cancelStopsBetweenBatches() throws Exception {
        TrainingControl control = new TrainingControl();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult r = train(config(2000, 100, 5), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.BatchEnd b && b.batch() == 3) {
                control.cancel();
            }
        }, control, null);
        assertThat(r.reason()).isEqualTo(StopReason.CANCELLED);
        assertThat(r.history()).isEmpty();
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.BatchEnd)).hasSize(3);
    }

    @Test
    void pauseWaitsUntilResumed() throws Exception {
        TrainingControl control = new TrainingControl();
        long[] resumedAt = new long[1];
        long[] nextBatchAt = new long[1];
        TrainingResult r = train(config(1000, 300, 1), e -> {
            if (e instanceof TrainingEvent.BatchEnd b && b.batch() == 1) {
                control.pause();
                new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    resumedAt[0] = System.nanoTime();
                    control.resume();
                }).start();
            } else if (e instanceof TrainingEvent.BatchEnd b && b.batch() == 2) {
                nextBatchAt[0] = System.nanoTime();
            }
        }, control, null);
        assertThat(r.reason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(resumedAt[0]).isPositive();
        assertThat(nextBatchAt[0]).isGreaterThan(resumedAt[0]);
    }

    @Test
    void resumedRunContinuesExactlyWhereItStopped(@TempDir Path tmp) throws Exception {
        TrainingConfig c = config(1500, 500, 4);
        TrainingResult whole = train(c, null, null, new RunCheckpoint(tmp.resolve("whole")));

        TrainingControl control = new TrainingControl();
        RunCheckpoint cp = new RunCheckpoint(tmp.resolve("parts"));
        TrainingResult first = train(c, e -> {
            if (e instanceof TrainingEvent.EpochEnd end && end.metrics().epoch() == 2) {
                control.cancel();
            }
        }, control, cp);
        assertThat(first.reason()).isEqualTo(StopReason.CANCELLED);
        assertThat(first.history()).hasSize(2);
        assertThat(ModelStore.readMetadata(cp.dir()).get("status")).isEqualTo("cancelled");

        RunCheckpoint.State state = cp.load();
        assertThat(state.history()).hasSize(2);
        TrainingResult rest;
        try (Autoencoder model = Autoencoder.create(8, 99)) {
            rest = new TrainingLoop(state.config(), mnist, null, null).resume(model, cp, state);
        }
        assertThat(rest.history()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(rest.history().get(i).trainMse())
                    .as("epoch %d", i + 1).isEqualTo(whole.history().get(i).trainMse());
            assertThat(rest.history().get(i).valMse()).isEqualTo(whole.history().get(i).valMse());
        }
        assertThat(ModelStore.readMetadata(cp.dir()).get("status")).isEqualTo("max_epochs");
        assertThat(Files.readAllLines(RunCheckpoint.historyFile(cp.dir()))).hasSize(5);
        // the saved best model is loadable and equals the run's best epoch
        try (ModelStore.Loaded loaded = ModelStore.load(cp.dir())) {
            assertThat(loaded.metadata().get("best_epoch"))
                    .isEqualTo(Integer.toString(rest.bestEpoch()));
        }
    }

    @Test
    void nanLossStopsTheRunWithAClearMessage() throws Exception {
        float[] pixels = mnist.train().slice(0, 600).copyImage(0);
        float[] data = new float[600 * 784];
        for (int i = 0; i < 600; i++) {
            System.arraycopy(mnist.train().copyImage(i), 0, data, i * 784, 784);
        }
        data[5 * 784 + 300] = Float.NaN;
        byte[] labels = new byte[600];
        Dataset poisoned = new Dataset("poisoned", data, labels, 28, 28);
        MnistData bad = new MnistData(poisoned, mnist.test().slice(0, 100), mnist.dir(), "x");
        List<TrainingEvent> events = new ArrayList<>();
        TrainingConfig c = TrainingConfig.builder(4).weightDecay(0).batchSize(600).maxEpochs(3)
                .fixedLength().evaluateTest(false).build();
        TrainingResult r;
        try (Autoencoder model = Autoencoder.create(4, 1)) {
            r = new TrainingLoop(c, bad, events::add, null).run(model, null);
        }
        assertThat(pixels).isNotEmpty();
        assertThat(r.reason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.message()).contains("training diverged at epoch 1, batch 1")
                .contains("the loss is NaN").contains("no epoch finished");
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Failed.class);
    }

    @Test
    void anEmptyValidationSplitIsRefusedBeforeTraining(@TempDir Path tmp) throws Exception {
        TrainingConfig c = config(1, 100, 3); // 10% of one digit: no validation digit
        List<TrainingEvent> events = new ArrayList<>();
        Path dir = tmp.resolve("run");
        try (Autoencoder model = Autoencoder.create(8, 1)) {
            TrainingLoop loop = new TrainingLoop(c, mnist, events::add, null);
            assertThatThrownBy(() -> loop.run(model, new RunCheckpoint(dir)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the validation split is empty: a fraction of 0.1 "
                            + "of 1 training digit rounds to 0 digits");
        }
        assertThat(events).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void anOutputCollapsedToAConstantImageStopsTheRunWithAReason(@TempDir Path tmp)
            throws Exception {
        // LR 1 without weight decay kills the ReLUs within the first epochs, for good
        TrainingConfig c = new TrainingConfig(8, 1.0, 0, 50, 60, 0, 1e-4, 1, 200, 0.1,
                Monitor.VALIDATION, false, Corruption.NONE);
        List<TrainingEvent> events = new ArrayList<>();
        RunCheckpoint cp = new RunCheckpoint(tmp.resolve("run"));
        TrainingResult r;
        try (Autoencoder model = Autoencoder.create(8, 1)) {
            r = new TrainingLoop(c, mnist, events::add, null).run(model, cp);
        }
        assertThat(r.reason()).isEqualTo(StopReason.DIVERGED);
        int n = r.history().size();
        assertThat(n).isBetween(CollapseDetector.EPOCHS, CollapseDetector.EPOCHS + 5);
        assertThat(r.message()).matches("the output collapsed to a constant image at epoch "
                + (n - CollapseDetector.EPOCHS + 1) + " \\(lr=1\\.0\\): in (18|19|20) of the "
                + "last 20 epochs every digit was reconstructed as the same image and the "
                + "validation loss did not improve \\(best 0\\.\\d{6}\\); kept the best weights "
                + "\\(epoch \\d+\\); try a smaller learning rate or another seed");
        // every epoch of the window has the same loss to six digits
        double last = r.history().get(n - 1).valMse();
        for (int i = n - 15; i < n; i++) {
            assertThat(r.history().get(i).valMse()).isCloseTo(last,
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(ModelStore.readMetadata(cp.dir()).get("status")).isEqualTo("diverged");
    }
}
