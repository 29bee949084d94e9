package io.latentlab.analysis;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.Split;

/**
 * How well a model's latent space separates the digit classes.
 *
 * @param encodingDim ED of the model
 * @param pc1Ratio share of the test codes' variance along the first principal component
 * @param pc2Ratio share along the second (0 for a 1-D latent space)
 * @param silhouette2d silhouette of the test codes projected onto the PC1/PC2 plane, by label
 * @param silhouetteFull silhouette of the test codes in the full latent space, by label
 * @param knnAccuracy accuracy of {@link Knn} (k = {@link Knn#DEFAULT_K}) classifying the test
 *     codes from the reference training codes
 * @param testCount test codes used
 * @param referenceCount training codes used as kNN reference
 * @param tsne silhouette and leave-one-out kNN accuracy in a t-SNE plane of the first test codes
 */
public record LatentMetrics(int encodingDim, double pc1Ratio, double pc2Ratio,
        double silhouette2d, double silhouetteFull, double knnAccuracy, int testCount,
        int referenceCount, TsneMetrics tsne) {

    /**
     * @param t t-SNE metrics computed apart (off the engine thread)
     * @return these metrics with {@code t}
     */
    public LatentMetrics withTsne(TsneMetrics t) {
        return new LatentMetrics(encodingDim, pc1Ratio, pc2Ratio, silhouette2d, silhouetteFull,
                knnAccuracy, testCount, referenceCount, t);
    }

    /**
     * The kNN reference: a seeded random subset of the training digits, encoded (DJL thread).
     *
     * @param model the model
     * @param data its training set is sampled
     * @param referenceSize how many (0 = all)
     * @param seed the subset's seed
     * @return their codes and labels
     */
    public static LatentCodes referenceCodes(Autoencoder model, MnistData data,
            int referenceSize, long seed) {
        int[] refIdx = Split.of(data.train().size(), referenceSize, 0, seed).train();
        return LatentCodes.encode(model, data.train().subset(refIdx), 1000);
    }

    /** Default number of training digits used as kNN reference. */
    public static final int DEFAULT_REFERENCE = 10_000;

    /**
     * Computes the metrics from codes already encoded (plain Java), without t-SNE (NaN there).
     *
     * @param reference training codes (kNN reference)
     * @param test test codes (PCA, silhouettes, kNN queries)
     * @param silhouetteSample subsample size for the silhouettes (0 = exact on all)
     * @param seed subsample seed
     * @return the metrics
     */
    public static LatentMetrics of(LatentCodes reference, LatentCodes test, int silhouetteSample,
            long seed) {
        return of(reference, test, silhouetteSample, 0, seed, (done, total) -> true);
    }

    /**
     * Computes the metrics from codes already encoded (plain Java).
     *
     * @param reference training codes (kNN reference)
     * @param test test codes (PCA, silhouettes, kNN queries)
     * @param silhouetteSample subsample size for the silhouettes (0 = exact on all)
     * @param tsnePoints how many of the first test codes t-SNE embeds (0 = none: NaN metrics)
     * @param seed subsample and t-SNE seed
     * @param tsneProgress t-SNE's progress; may stop it
     * @return the metrics
     * @throws java.util.concurrent.CancellationException if {@code tsneProgress} stopped it
     */
    public static LatentMetrics of(LatentCodes reference, LatentCodes test, int silhouetteSample,
            int tsnePoints, long seed, Tsne.Progress tsneProgress) {
        return of(reference, test, silhouetteSample, tsnePoints, false, seed, tsneProgress);
    }

    /**
     * As {@link #of(LatentCodes, LatentCodes, int, int, long, Tsne.Progress)}, choosing the
     * t-SNE.
     *
     * @param tsneExact the exact t-SNE (at most {@link Tsne#MAX_POINTS}) instead of Barnes-Hut
     */
    static LatentMetrics of(LatentCodes reference, LatentCodes test, int silhouetteSample,
            int tsnePoints, boolean tsneExact, long seed, Tsne.Progress tsneProgress) {
        if (reference.dim() != test.dim()) {
            throw new IllegalArgumentException("reference codes have " + reference.dim()
                    + " dimensions, test codes " + test.dim());
        }
        int dim = test.dim();
        Pca pca = Pca.fit(test.codes(), test.n(), dim);
        double[] ratio = pca.explainedVarianceRatio();
        float[] plane = pca.project(test.codes(), test.n(), 2);
        double sil2 = Silhouette.score(plane, test.n(), 2, test.labels(), silhouetteSample, seed);
        double silFull = Silhouette.score(test.codes(), test.n(), dim, test.labels(),
                silhouetteSample, seed);
        double knn = Knn.accuracy(reference.codes(), reference.labels(), reference.n(),
                test.codes(), test.labels(), test.n(), dim, Knn.DEFAULT_K);
        TsneMetrics tsne = TsneMetrics.of(test, tsnePoints, seed, tsneExact, tsneProgress);
        return new LatentMetrics(dim, ratio[0], ratio.length > 1 ? ratio[1] : 0, sil2, silFull,
                knn, test.n(), reference.n(), tsne);
    }

    /**
     * Encodes the data with the model and computes the metrics. Call on the DJL thread.
     *
     * @param model the model
     * @param data train and test sets
     * @param testLimit use the first this many test digits (0 = all)
     * @param referenceSize seeded random subset of training digits for kNN (0 = all)
     * @param silhouetteSample silhouette subsample size (0 = exact)
     * @param tsnePoints how many of the first test codes t-SNE embeds (0 = none)
     * @param tsneExact the exact t-SNE (at most {@link Tsne#MAX_POINTS}) instead of Barnes-Hut
     * @param seed seed of both subsets and of t-SNE
     * @param tsneProgress t-SNE's progress; may stop it
     * @return the metrics
     */
    public static LatentMetrics compute(Autoencoder model, MnistData data, int testLimit,
            int referenceSize, int silhouetteSample, int tsnePoints, boolean tsneExact,
            long seed, Tsne.Progress tsneProgress) {
        if (testLimit < 0 || referenceSize < 0 || silhouetteSample < 0 || tsnePoints < 0) {
            throw new IllegalArgumentException("limits must be >= 0 (0 = all)");
        }
        Dataset test = testLimit == 0 ? data.test()
                : data.test().slice(0, Math.min(testLimit, data.test().size()));
        LatentCodes ref = referenceCodes(model, data, referenceSize, seed);
        LatentCodes codes = LatentCodes.encode(model, test, 1000);
        return of(ref, codes, silhouetteSample, tsnePoints, tsneExact, seed, tsneProgress);
    }
}
