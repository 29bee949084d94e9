package io.latentlab.cli;

import io.latentlab.analysis.LatentMetrics;
import io.latentlab.analysis.Silhouette;
import io.latentlab.data.MnistData;
import io.latentlab.model.ModelStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Latent-space metrics of one or more saved models. */
@Command(name = "latent-metrics",
        description = "Explained variance of PC1/PC2, silhouettes (PCA plane and full latent "
                + "space) and kNN accuracy of the test codes, one line per model.")
final class LatentMetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder (repeatable).")
    List<Path> models;

    @Option(names = "--limit", defaultValue = "0", description = "Only the first N test digits, 0 = all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--knn-train", defaultValue = "" + LatentMetrics.DEFAULT_REFERENCE,
            description = "Random training digits used as kNN reference, 0 = all (default: ${DEFAULT-VALUE}).")
    int knnTrain;

    @Option(names = "--sample", defaultValue = "" + Silhouette.DEFAULT_SAMPLE,
            description = "Silhouette subsample size, 0 = exact on all (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the subsets (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (limit < 0 || knnTrain < 0 || sample < 0) {
            throw new IllegalArgumentException("--limit, --knn-train and --sample must be >= 0");
        }
        MnistData mnist = data.load();
        PrintWriter pw = spec.commandLine().getOut();
        for (Path dir : models) {
            try (ModelStore.Loaded l = ModelStore.load(dir)) {
                LatentMetrics m = LatentMetrics.compute(l.model(), mnist, limit, knnTrain, sample,
                        seed);
                pw.printf(Locale.ROOT, "model=%s ed=%d pc1=%.4f pc2=%.4f silhouette_2d=%.4f "
                        + "silhouette_full=%.4f knn_accuracy=%.4f n=%d reference=%d%n",
                        dir, m.encodingDim(), m.pc1Ratio(), m.pc2Ratio(), m.silhouette2d(),
                        m.silhouetteFull(), m.knnAccuracy(), m.testCount(), m.referenceCount());
                pw.flush();
            }
        }
        return 0;
    }
}
