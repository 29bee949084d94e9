package io.latentlab.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean silhouette score of labelled points, Euclidean distance, as sklearn's
 * {@code silhouette_score}: for point {@code i}, {@code a} is its mean distance to the other
 * members of its cluster, {@code b} the smallest mean distance to the members of another
 * cluster, and {@code s = (b - a) / max(a, b)} (0 when both are 0). Points in a singleton
 * cluster score 0. The score is the mean of {@code s} over all (or the sampled) points.
 *
 * <p>The exact computation is O(n² d); for large sets {@link #score(float[], int, int, int[],
 * int, long)} scores a seeded random subsample, like sklearn's {@code sample_size}.
 */
public final class Silhouette {

    /** Default subsample size, enough for a stable estimate on 10,000 codes. */
    public static final int DEFAULT_SAMPLE = 2000;

    private Silhouette() {}

    /**
     * Exact mean silhouette of all points.
     *
     * @param points row-major {@code n x dim} coordinates
     * @param n number of points
     * @param dim coordinates per point
     * @param labels cluster of each point (any ints)
     * @return the mean silhouette in [-1, 1]
     * @throws IllegalArgumentException if sizes do not fit or there are fewer than 2 clusters
     */
    public static double score(float[] points, int n, int dim, int[] labels) {
        check(points, n, dim, labels);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return exact(points, dim, labels, all);
    }

    /**
     * Mean silhouette of a seeded random subsample of {@code sampleSize} points (all points if
     * {@code sampleSize <= 0} or {@code >= n}); distances are computed within the subsample only.
     *
     * @param points row-major {@code n x dim} coordinates
     * @param n number of points
     * @param dim coordinates per point
     * @param labels cluster of each point
     * @param sampleSize subsample size, 0 for all points
     * @param seed subsample seed
     * @return the mean silhouette
     * @throws IllegalArgumentException if sizes do not fit or the (sub)sample has fewer than 2
     *     clusters
     */
    public static double score(float[] points, int n, int dim, int[] labels, int sampleSize,
            long seed) {
        check(points, n, dim, labels);
        if (sampleSize <= 0 || sampleSize >= n) {
            return score(points, n, dim, labels);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        // partial Fisher-Yates: the first sampleSize entries are a uniform sample
        for (int i = 0; i < sampleSize; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] sample = Arrays.copyOf(order, sampleSize);
        Arrays.sort(sample);
        return exact(points, dim, labels, sample);
    }

    private static void check(float[] points, int n, int dim, int[] labels) {
        if (n < 1 || dim < 1 || (long) n * dim > points.length || labels.length < n) {
            throw new IllegalArgumentException("inconsistent sizes: " + points.length
                    + " values, " + labels.length + " labels, n=" + n + ", dim=" + dim);
        }
    }

    private static double exact(float[] points, int dim, int[] labels, int[] idx) {
        int m = idx.length;
        int[] distinct = new int[m];
        for (int i = 0; i < m; i++) {
            distinct[i] = labels[idx[i]];
        }
        distinct = Arrays.stream(distinct).distinct().sorted().toArray();
        int k = distinct.length;
        if (k < 2) {
            throw new IllegalArgumentException("the silhouette needs at least 2 clusters, got " + k);
        }
        int[] cluster = new int[m];
        int[] size = new int[k];
        for (int i = 0; i < m; i++) {
            cluster[i] = Arrays.binarySearch(distinct, labels[idx[i]]);
            size[cluster[i]]++;
        }
        // sums[i * k + c]: total distance from sample point i to the members of cluster c
        double[] sums = new double[m * k];
        for (int i = 0; i < m; i++) {
            int bi = idx[i] * dim;
            for (int j = i + 1; j < m; j++) {
                int bj = idx[j] * dim;
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = points[bi + d] - points[bj + d];
                    s += diff * diff;
                }
                double dist = Math.sqrt(s);
                sums[i * k + cluster[j]] += dist;
                sums[j * k + cluster[i]] += dist;
            }
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            int own = cluster[i];
            if (size[own] < 2) {
                continue; // singleton: 0 by convention
            }
            double a = sums[i * k + own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own) {
                    b = Math.min(b, sums[i * k + c] / size[c]);
                }
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / m;
    }
}
