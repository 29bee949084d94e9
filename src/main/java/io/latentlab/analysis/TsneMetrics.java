package io.latentlab.analysis;

import java.util.Arrays;

/**
 * How well a non-linear map separates the classes: t-SNE of the first test codes into the plane,
 * then the silhouette by class (exact) and the leave-one-out accuracy of a
 * {@link Knn#DEFAULT_K}-nearest-neighbour vote in that plane. Beside the PCA plane's numbers it
 * answers whether a latent space whose PCA picture looks mixed (ED=32) separates the digits
 * once the map may bend.
 *
 * @param silhouette silhouette of the t-SNE plane by label
 * @param knnAccuracy leave-one-out kNN accuracy in the t-SNE plane
 * @param count codes embedded
 */
public record TsneMetrics(double silhouette, double knnAccuracy, int count) {

    /** Default number of test codes embedded (exact t-SNE: about 12 s per model on one core). */
    public static final int DEFAULT_POINTS = 2000;

    /**
     * @param test the test codes; the first {@code min(points, n)} are embedded
     * @param points how many, at most {@link Tsne#MAX_POINTS}; {@link Knn#DEFAULT_K} or fewer
     *     gives NaN metrics (no neighbour vote possible)
     * @param seed t-SNE's seed
     * @param progress t-SNE's progress; may stop it
     * @return the metrics
     */
    public static TsneMetrics of(LatentCodes test, int points, long seed, Tsne.Progress progress) {
        int n = Math.min(Math.min(points, test.n()), Tsne.MAX_POINTS);
        if (n <= Knn.DEFAULT_K) {
            return new TsneMetrics(Double.NaN, Double.NaN, Math.max(n, 0));
        }
        int dim = test.dim();
        float[] codes = Arrays.copyOf(test.codes(), n * dim);
        int[] labels = Arrays.copyOf(test.labels(), n);
        // perplexity 30 as usual, lower for a handful of points (it must stay below n)
        double perplexity = Math.min(30, (n - 1) / 3.0);
        float[] y = Tsne.embed(codes, n, dim, new Tsne.Settings(perplexity, 1000, seed),
                progress);
        return new TsneMetrics(Silhouette.score(y, n, 2, labels),
                Knn.leaveOneOutAccuracy(y, labels, n, 2, Knn.DEFAULT_K), n);
    }
}
