package io.latentlab.cli;

import io.latentlab.analysis.LatentMetrics;
import io.latentlab.analysis.Tsne;
import io.latentlab.analysis.TsneMetrics;
import io.latentlab.analysis.Silhouette;
import io.latentlab.data.MnistData;
import io.latentlab.model.ModelStore;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Mixin
    ModelsOption models;

    @Mixin
    LimitOption testDigits;

    @Mixin
    KnnOption knnTrain;

    @Option(names = "--sample", defaultValue = "" + Silhouette.DEFAULT_SAMPLE,
            description = "Silhouette subsample size, 0 = exact on all (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--tsne", paramLabel = "N", defaultValue = "" + TsneMetrics.DEFAULT_POINTS,
            description = "Barnes-Hut t-SNE of the first N test digits (0 = none): silhouette "
                    + "and leave-one-out kNN accuracy in that plane (default: ${DEFAULT-VALUE}).")
    int tsne;

    @Option(names = "--tsne-exact",
            description = "The exact t-SNE instead of Barnes-Hut (the reference; N at most "
                    + Tsne.MAX_POINTS + ").")
    boolean tsneExact;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        int limit = testDigits.value();
        if (knnTrain.value < 0 || sample < 0) {
            throw new IllegalArgumentException("--knn-train and --sample must be >= 0");
        }
        int maxTsne = tsneExact ? Tsne.MAX_POINTS : TsneMetrics.MAX_POINTS;
        if (tsne < 0 || tsne > maxTsne) {
            throw new IllegalArgumentException("--tsne must be between 0 and " + maxTsne
                    + (tsneExact ? " with --tsne-exact" : "") + ", got " + tsne);
        }
        MnistData mnist = data.load();
        PrintWriter pw = spec.commandLine().getOut();
        for (Path dir : models.dirs) {
            try (ModelStore.Loaded l = ModelStore.load(dir)) {
                LatentMetrics m = LatentMetrics.compute(l.model(), mnist, limit, knnTrain.value,
                        sample, tsne, tsneExact, seed.value, (done, total) -> true);
                pw.printf(Locale.ROOT, "model=%s ed=%d pc1=%.4f pc2=%.4f silhouette_2d=%.4f "
                        + "silhouette_full=%.4f knn_accuracy=%.4f tsne_silhouette=%.4f "
                        + "tsne_knn_accuracy=%.4f tsne_n=%d tsne_method=%s n=%d reference=%d "
                        + "seed=%d%n",
                        dir, m.encodingDim(), m.pc1Ratio(), m.pc2Ratio(), m.silhouette2d(),
                        m.silhouetteFull(), m.knnAccuracy(), m.tsne().silhouette(),
                        m.tsne().knnAccuracy(), m.tsne().count(), tsneExact ? "exact" : "bh",
                        m.testCount(),
                        m.referenceCount(), seed.value);
                pw.flush();
            }
        }
        return 0;
    }
}
