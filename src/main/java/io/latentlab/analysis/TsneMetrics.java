package io.latentlab.analysis;

import java.util.Arrays;

/**
 * How well a non-linear map separates the classes: t-SNE of the first test codes into the plane,
 * then the silhouette by class (exact) and the leave-one-out accuracy of a
 * {@link Knn#DEFAULT_K}-nearest-neighbour vote in that plane. Beside the PCA plane's numbers it
 * answers whether a latent space whose PCA picture looks mixed (ED=32) separates the digits
 * once the map may bend.
 *
 * <p>The map is Barnes-Hut t-SNE ({@link BarnesHutTsne}, theta 0.5) whatever the size, so the
 * numbers of 500 and of 10,000 digits come from the same method; the exact {@link Tsne}
 * (at most {@link Tsne#MAX_POINTS} points) stays available as the reference.
 *
 * @param silhouette silhouette of the t-SNE plane by label
 * @param knnAccuracy leave-one-out kNN accuracy in the t-SNE plane
 * @param count codes embedded
 */
public record TsneMetrics(double silhouette, double knnAccuracy, int count) {

    /** Default number of test codes embedded: all of MNIST's test set (about 20 s per model). */
    public static final int DEFAULT_POINTS = 10_000;
    /** The most codes {@link #of} embeds. */
    public static final int MAX_POINTS = BarnesHutTsne.MAX_POINTS;
    /** Iterations of the map. */
    public static final int ITERATIONS = 1000;

    /**
     * Barnes-Hut t-SNE of {@code test}, as {@link #of}.
     *
     * @param test the test codes; the first {@code min(points, n)} are embedded
     * @param points how many
     * @param seed t-SNE's seed
     * @param progress t-SNE's progress; may stop it
     * @return the metrics
     */
    public static TsneMetrics of(LatentCodes test, int points, long seed, Tsne.Progress progress) {
        return of(test, points, seed, false, progress);
    }

    /**
     * @param test the test codes; the first {@code min(points, n)} are embedded
     * @param points how many, at most {@link #MAX_POINTS} (exact: {@link Tsne#MAX_POINTS});
     *     {@link Knn#DEFAULT_K} or fewer gives NaN metrics (no neighbour vote possible)
     * @param seed t-SNE's seed
     * @param exact the exact t-SNE instead of Barnes-Hut
     * @param progress t-SNE's progress; may stop it
     * @return the metrics
     * @throws IllegalArgumentException if there are more points than the method takes
     */
    public static TsneMetrics of(LatentCodes test, int points, long seed, boolean exact,
            Tsne.Progress progress) {
        int n = Math.max(Math.min(points, test.n()), 0);
        if (n <= Knn.DEFAULT_K) {
            return new TsneMetrics(Double.NaN, Double.NaN, n);
        }
        float[] y = embed(test, n, seed, exact, progress);
        return of(y, test.labels(), n);
    }

    /**
     * The metrics of a t-SNE plane computed already.
     *
     * @param y row-major {@code n x 2}
     * @param labels class of each point (at least n)
     * @param n points, more than {@link Knn#DEFAULT_K}
     * @return its silhouette and leave-one-out kNN accuracy
     */
    public static TsneMetrics of(float[] y, int[] labels, int n) {
        int[] l = Arrays.copyOf(labels, n);
        return new TsneMetrics(Silhouette.score(y, n, 2, l),
                Knn.leaveOneOutAccuracy(y, l, n, 2, Knn.DEFAULT_K), n);
    }

    /**
     * The t-SNE plane of the first {@code n} codes: perplexity 30 (lower for a handful of
     * points: it must stay below n), {@value #ITERATIONS} iterations.
     *
     * @param test the codes
     * @param n how many of the first, 2 to {@link #MAX_POINTS} and at most {@code test.n()}
     * @param seed the start's seed
     * @param exact the exact t-SNE (at most {@link Tsne#MAX_POINTS}) instead of Barnes-Hut
     * @param progress told every 10 iterations; may stop it
     * @return row-major {@code n x 2}
     * @throws java.util.concurrent.CancellationException if {@code progress} stopped it
     */
    public static float[] embed(LatentCodes test, int n, long seed, boolean exact,
            Tsne.Progress progress) {
        if (n > test.n()) {
            throw new IllegalArgumentException("t-SNE of " + n + " codes asked, "
                    + test.n() + " given");
        }
        int dim = test.dim();
        float[] codes = Arrays.copyOf(test.codes(), n * dim);
        double perplexity = Math.min(30, (n - 1) / 3.0);
        Tsne.Settings settings = new Tsne.Settings(perplexity, ITERATIONS, seed);
        return exact ? Tsne.embed(codes, n, dim, settings, progress)
                : BarnesHutTsne.embed(codes, n, dim, settings, BarnesHutTsne.THETA, progress);
    }
}
