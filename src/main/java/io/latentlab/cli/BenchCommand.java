package io.latentlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.NativeMemory;
import io.latentlab.training.Evaluator;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingLoop;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures training throughput and inference latency. */
@Command(name = "bench", description = "Training throughput (full-size epochs) and inference latency.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    EdOption ed;

    @Mixin
    BatchOption batch;

    @Option(names = "--epochs", defaultValue = "1", description = "Timed full-size epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--repeats", defaultValue = "200", description = "Single-digit reconstructions timed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--autograd",
            description = "Time whole-graph autograd instead of the layer-wise backpropagation the "
                    + "training loop uses (the reference it is tested against).")
    boolean autograd;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Time epochs that continue the run saved in DIR (on a copy; DIR is not changed): "
                    + "the speed of a long run's later epochs, with its weights and Adam state.")
    Path resume;

    @Option(names = "--grid",
            description = "Time a small grid search (8 fits of 6,000 digits, --epochs each) with one fit "
                    + "at a time and with one fit per core, alternately, --repeats rounds (default 200 "
                    + "is capped at 3); prints the speed-up and whether both gave the same numbers.")
    boolean grid;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || repeats < 1) {
            throw new IllegalArgumentException("--epochs and --repeats must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        MnistData mnist = data.load();
        if (grid) {
            GridBench.run(out, mnist, ed.value, batch.value, epochs, Math.min(3, repeats));
            return 0;
        }
        out.println("threads=" + EngineSettings.intraOpThreads());
        out.println("gradients=" + (autograd ? "autograd" : "backprop"));
        out.println("allocator=" + NativeMemory.tune());
        // a resumed run brings its own settings (its weights replace the initial ones)
        TrainingConfig resumed = resume == null ? null : new RunCheckpoint(resume).load().config();
        long seed = resumed == null ? Seeds.DEFAULT : resumed.seed();
        out.println("seed=" + seed);
        try (Autoencoder model = Autoencoder.create(resumed == null ? ed.value
                : resumed.encodingDim(), seed)) {
            Throughput timer = new Throughput();
            if (resume == null) {
                // warm-up: one short epoch so one-time costs (kernel selection, allocation) are out
                TrainingConfig warm = TrainingConfig.builder(ed.value).batchSize(batch.value)
                        .maxEpochs(1).trainLimit(5 * batch.value).fixedLength()
                        .evaluateTest(false).build();
                new TrainingLoop(warm, mnist, null, null).autograd(autograd).run(model, null);
                TrainingConfig timed = warm.toBuilder().maxEpochs(epochs).trainLimit(0).build();
                new TrainingLoop(timed, mnist, timer, null).autograd(autograd).run(model, null);
            } else {
                Path copy = copyRun(resume);
                RunCheckpoint checkpoint = new RunCheckpoint(copy);
                RunCheckpoint.State state = checkpoint.load();
                TrainingConfig cfg = state.config().toBuilder()
                        .maxEpochs(state.history().size() + epochs).patience(0).build();
                new TrainingLoop(cfg, mnist, timer, null).autograd(autograd).resume(model, checkpoint,
                        new RunCheckpoint.State(cfg, state.datasetChecksum(), state.history(),
                                state.lastParams(), state.optimizer(), state.bestParams()));
            }
            out.printf(Locale.ROOT, "train_samples_per_s=%.0f%n", timer.samplesPerSecond());
            out.flush();

            double[] latency = reconstructLatencies(model, mnist);
            out.printf(Locale.ROOT, "reconstruct_p50_ms=%.3f reconstruct_p95_ms=%.3f%n",
                    percentile(latency, 50), percentile(latency, 95));
            double[] encode = new double[3];
            try (NDManager m = model.manager().newSubManager()) {
                NDArray test = Evaluator.toNDArray(m, mnist.test(), null);
                for (int i = 0; i < encode.length; i++) {
                    long t0 = System.nanoTime();
                    encodeAll(model, test);
                    encode[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            out.printf(Locale.ROOT, "encode_test_ms=%.1f%n", percentile(encode, 50));
        }
        return 0;
    }

    /** Times what the GUI does per digit: float[] in, reconstruction float[] out. */
    private double[] reconstructLatencies(Autoencoder model, MnistData mnist) {
        int warmup = 20;
        double[] ms = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            float[] image = mnist.test().copyImage(Math.floorMod(i, mnist.test().size()));
            long t0 = System.nanoTime();
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(image, new Shape(1, 1, 28, 28));
                float[] y = model.reconstruct(x, false).toFloatArray();
                if (y.length != image.length) {
                    throw new IllegalStateException("unexpected output size " + y.length);
                }
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    private static float[] encodeAll(Autoencoder model, NDArray images) {
        long n = images.getShape().get(0);
        float[] codes = new float[(int) n * model.encodingDim()];
        for (long start = 0; start < n; start += 1000) {
            try (NDManager m = images.getManager().newSubManager()) {
                NDArray x = images.get(m, new NDIndex("{}:{}", start, Math.min(n, start + 1000)));
                float[] z = model.encode(x).toFloatArray();
                System.arraycopy(z, 0, codes, (int) start * model.encodingDim(), z.length);
            }
        }
        return codes;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Training throughput from batch events: the time between consecutive batches of an
     * epoch, so evaluation and checkpoint writes between epochs are not counted.
     */
    private static final class Throughput implements io.latentlab.training.TrainingListener {
        private long last;
        private long nanos;
        private long samples;
        private int batchSize;
        private int trainSize;

        @Override
        public void onEvent(io.latentlab.training.TrainingEvent event) {
            long now = System.nanoTime();
            if (event instanceof io.latentlab.training.TrainingEvent.Started s) {
                batchSize = s.config().batchSize();
                trainSize = s.trainSize();
            } else if (event instanceof io.latentlab.training.TrainingEvent.BatchEnd b) {
                if (b.batch() > 1) {
                    nanos += now - last;
                    int from = (b.batch() - 1) * batchSize;
                    samples += Math.min(batchSize, trainSize - from);
                }
                last = now;
            }
        }

        double samplesPerSecond() {
            return samples / (nanos / 1e9);
        }
    }

    private static Path copyRun(Path dir) throws java.io.IOException {
        Path copy = java.nio.file.Files.createTempDirectory("latent-lab-bench");
        copy.toFile().deleteOnExit();
        // the whole run (its manifest names the files of the last commit), never the lock
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals(io.latentlab.training.RunLock.FILE)) {
                    continue;
                }
                Path target = copy.resolve(dir.relativize(f).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(f, target);
            }
        }
        return copy;
    }
}
