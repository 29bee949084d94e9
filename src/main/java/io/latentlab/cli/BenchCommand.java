package io.latentlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.Evaluator;
import io.latentlab.training.Monitor;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;

import java.io.PrintWriter;
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

    @Option(names = "--ed", defaultValue = "32", description = "Encoding dimension (default: ${DEFAULT-VALUE}).")
    int ed;

    @Option(names = "--batch", defaultValue = "1000", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "1", description = "Timed full-size epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--repeats", defaultValue = "200", description = "Single-digit reconstructions timed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || repeats < 1) {
            throw new IllegalArgumentException("--epochs and --repeats must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        MnistData mnist = data.load();
        out.println("threads=" + EngineSettings.intraOpThreads());
        try (Autoencoder model = Autoencoder.create(ed, 1)) {
            // warm-up: one short epoch so one-time costs (kernel selection, allocation) are out
            TrainingConfig warm = new TrainingConfig(ed, 1e-2, 1e-5, batch, 1, 0, 0, 1, 5 * batch,
                    0, Monitor.TRAIN, false);
            new TrainingLoop(warm, mnist, null, null).run(model, null);
            TrainingConfig timed = new TrainingConfig(ed, 1e-2, 1e-5, batch, epochs, 0, 0, 1, 0,
                    0, Monitor.TRAIN, false);
            TrainingResult r = new TrainingLoop(timed, mnist, null, null).run(model, null);
            double seconds = r.history().stream().mapToDouble(m -> m.seconds()).sum();
            out.printf(Locale.ROOT, "train_samples_per_s=%.0f%n",
                    (double) mnist.train().size() * epochs / seconds);
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
}
