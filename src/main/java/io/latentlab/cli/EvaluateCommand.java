package io.latentlab.cli;

import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.ModelStore;
import io.latentlab.training.Evaluator;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Test MSE of a saved model, optionally under noise. */
@Command(name = "evaluate", description = "Test MSE of a model, against the clean digits.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint folder.")
    Path model;

    @Option(names = "--noise", defaultValue = "none",
            description = "none | gaussian:SIGMA | uniform | occlusion:SIZE (anywhere inside) | "
                    + "occlusion:SIZE:quadrant | occlusion:SIZE:partial | occlusion:SIZE@X,Y "
                    + "(default: ${DEFAULT-VALUE}).")
    String noise;

    @Mixin
    NoiseOptions noiseOptions;

    @Mixin
    LimitOption testDigits;

    @Override
    public Integer call() throws Exception {
        Noise spec = Noise.parse(noise);
        int limit = testDigits.value();
        MnistData mnist = data.load();
        try (ModelStore.Loaded loaded = ModelStore.load(model)) {
            double mse = Evaluator.noisyMse(loaded.model(), mnist.test(), spec,
                    noiseOptions.clip, limit, noiseOptions.seed.value, 1000);
            int n = limit == 0 ? mnist.test().size() : Math.min(limit, mnist.test().size());
            this.spec.commandLine().getOut().printf(Locale.ROOT, "test_mse=%.6f n=%d seed=%d%n", mse, n,
                    noiseOptions.seed.value);
        }
        return 0;
    }
}
