package io.latentlab.service;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The study's computations on loaded models ({@link ModelHandle}s), for the app: the noise
 * table one model at a time (so a job can yield the engine between models), the
 * reconstruction grids and the latent metrics. Engine thread only, like the handles.
 */
public final class StudyService {

    private StudyService() {
    }

    /**
     * One model's column of the noise table: {@link NoiseTable#compute} for this model alone
     * (every model sees the same noisy digits, so columns computed apart {@link #merge}
     * into the table computed at once).
     *
     * @param label the column label
     * @param model the model
     * @param test clean test digits
     * @param limit the first this many digits (0 = all)
     * @param seed noise seed
     * @param clip clamp the noisy input to [0, 1]
     * @param sigmas sigma grid of the series
     * @param progress after every evaluation; may throw to abort, or null
     * @return a one-column table
     */
    public static NoiseTable noiseColumn(String label, ModelHandle model, Dataset test,
            int limit, long seed, boolean clip, double[] sigmas, NoiseTable.Progress progress) {
        return NoiseTable.compute(List.of(new NoiseTable.Entry(label, model.autoencoder())),
                test, limit, seed, clip, sigmas, progress);
    }

    /**
     * @param sigmas sigma grid of the series
     * @return how many evaluations {@link #noiseColumn} makes (its progress total)
     */
    public static int noiseColumnSteps(double[] sigmas) {
        return NoiseTable.standardNoises().size() + sigmas.length;
    }

    /**
     * Joins one-column tables of the same digits, seed and noises into one table (plain
     * Java, any thread).
     *
     * @param columns the columns, in table order
     * @return the table
     * @throws IllegalArgumentException if there is none or they do not fit together
     */
    public static NoiseTable merge(List<NoiseTable> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("need at least one column");
        }
        NoiseTable first = columns.get(0);
        int rows = first.noises().size();
        int n = first.sigmas().length;
        List<String> models = new ArrayList<>();
        int total = 0;
        for (NoiseTable c : columns) {
            if (c.count() != first.count() || c.seed() != first.seed() || c.clip() != first.clip()
                    || !c.noises().equals(first.noises())
                    || !Arrays.equals(c.sigmas(), first.sigmas())) {
                throw new IllegalArgumentException("columns of different noise settings");
            }
            models.addAll(c.models());
            total += c.models().size();
        }
        double[][] mse = new double[rows][total];
        double[][] series = new double[n][total];
        int at = 0;
        for (NoiseTable c : columns) {
            int w = c.models().size();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c.mse()[r], 0, mse[r], at, w);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(c.sigmaMse()[i], 0, series[i], at, w);
            }
            at += w;
        }
        return new NoiseTable(models, first.noises(), mse, first.sigmas().clone(), series,
                first.count(), first.seed(), first.clip());
    }

    /**
     * @param label the model's label
     * @param model the model
     * @param test clean test digits
     * @param count how many of the first test digits (1..64)
     * @param seed noise seed
     * @param clip clamp the noisy input to [0, 1]
     * @return the first digits under each noise and their reconstructions
     * @see ReconstructionGrid#compute
     */
    public static ReconstructionGrid reconstructionGrid(String label, ModelHandle model,
            Dataset test, int count, long seed, boolean clip) {
        return ReconstructionGrid.compute(label, model.autoencoder(), test, count, seed, clip);
    }

    /**
     * @param model the model
     * @param data train and test sets
     * @param testLimit the first this many test digits (0 = all)
     * @param referenceSize training digits as kNN reference (0 = all)
     * @param silhouetteSample silhouette subsample (0 = exact)
     * @param seed seed of both subsets
     * @return the metrics of its latent space, without t-SNE (NaN there: see {@link #tsne})
     * @see LatentMetrics#compute
     */
    public static LatentMetrics latentMetrics(ModelHandle model, MnistData data, int testLimit,
            int referenceSize, int silhouetteSample, long seed) {
        return latentMetrics(model, data, testCodes(model, data, testLimit), referenceSize,
                silhouetteSample, seed);
    }

    /**
     * The same from test codes already encoded ({@link #testCodes}), which the caller keeps for
     * its t-SNE: the test set is encoded once.
     *
     * @param model the model
     * @param data its training set gives the kNN reference
     * @param test the test codes
     * @param referenceSize training digits as kNN reference (0 = all)
     * @param silhouetteSample silhouette subsample (0 = exact)
     * @param seed seed of the reference and the silhouette subsample
     * @return the metrics, without t-SNE (NaN there)
     */
    public static LatentMetrics latentMetrics(ModelHandle model, MnistData data,
            LatentCodes test, int referenceSize, int silhouetteSample, long seed) {
        if (referenceSize < 0 || silhouetteSample < 0) {
            throw new IllegalArgumentException("limits must be >= 0 (0 = all)");
        }
        return LatentMetrics.of(LatentMetrics.referenceCodes(model.autoencoder(), data,
                referenceSize, seed), test, silhouetteSample, seed);
    }

    /**
     * The test codes the latent metrics use, for work off the engine thread (t-SNE).
     *
     * @param model the model
     * @param data the test set is encoded
     * @param testLimit the first this many test digits (0 = all)
     * @return codes and labels as plain arrays
     */
    public static LatentCodes testCodes(ModelHandle model, MnistData data, int testLimit) {
        Dataset test = testLimit == 0 ? data.test()
                : data.test().slice(0, Math.min(testLimit, data.test().size()));
        return LatentCodes.encode(model.autoencoder(), test, 1000);
    }
}
