package io.latentlab.analysis;

/**
 * k-nearest-neighbour classification of codes, Euclidean distance, majority vote. A tie in the
 * vote goes to the tied label whose closest neighbour is nearest (so the nearest neighbour's
 * own label wins whenever it is among the tied ones); equal distances are ordered by reference
 * index, so results are deterministic.
 */
public final class Knn {

    /** The default number of neighbours. */
    public static final int DEFAULT_K = 5;

    private Knn() {}

    /**
     * Predicts the label of each query code from the reference codes.
     *
     * @param ref row-major {@code nRef x dim} reference codes
     * @param refLabels their labels
     * @param nRef number of reference codes (at least {@code k})
     * @param query row-major {@code nQuery x dim} codes to classify
     * @param nQuery number of query codes
     * @param dim code size
     * @param k neighbours, at least 1
     * @return the predicted label of each query code
     */
    public static int[] predict(float[] ref, int[] refLabels, int nRef, float[] query,
            int nQuery, int dim, int k) {
        check(ref, refLabels, nRef, dim, k);
        if ((long) nQuery * dim > query.length) {
            throw new IllegalArgumentException("query has " + query.length + " values, "
                    + nQuery + "x" + dim + " needed");
        }
        int[] out = new int[nQuery];
        int[] nbr = new int[k];
        double[] dist = new double[k];
        for (int q = 0; q < nQuery; q++) {
            nearest(ref, nRef, query, q * dim, dim, -1, nbr, dist);
            out[q] = vote(refLabels, nbr);
        }
        return out;
    }

    /**
     * Fraction of query codes whose predicted label equals their true label.
     *
     * @param ref reference codes (e.g. training digits)
     * @param refLabels their labels
     * @param nRef number of reference codes
     * @param query codes to classify (e.g. test digits)
     * @param queryLabels their true labels
     * @param nQuery number of query codes, at least 1
     * @param dim code size
     * @param k neighbours
     * @return accuracy in [0, 1]
     */
    public static double accuracy(float[] ref, int[] refLabels, int nRef, float[] query,
            int[] queryLabels, int nQuery, int dim, int k) {
        if (nQuery < 1 || queryLabels.length < nQuery) {
            throw new IllegalArgumentException("need at least one labelled query code");
        }
        int[] pred = predict(ref, refLabels, nRef, query, nQuery, dim, k);
        int right = 0;
        for (int q = 0; q < nQuery; q++) {
            if (pred[q] == queryLabels[q]) {
                right++;
            }
        }
        return (double) right / nQuery;
    }

    /**
     * Leave-one-out accuracy: each point is classified by its {@code k} nearest other points.
     *
     * @param points row-major {@code n x dim} codes
     * @param labels their labels
     * @param n number of points (more than {@code k})
     * @param dim code size
     * @param k neighbours
     * @return accuracy in [0, 1]
     */
    public static double leaveOneOutAccuracy(float[] points, int[] labels, int n, int dim, int k) {
        check(points, labels, n - 1, dim, k);
        int[] nbr = new int[k];
        double[] dist = new double[k];
        int right = 0;
        for (int i = 0; i < n; i++) {
            nearest(points, n, points, i * dim, dim, i, nbr, dist);
            if (vote(labels, nbr) == labels[i]) {
                right++;
            }
        }
        return (double) right / n;
    }

    private static void check(float[] ref, int[] refLabels, int nRef, int dim, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (dim < 1 || nRef < k) {
            throw new IllegalArgumentException("need at least k=" + k + " reference codes, got "
                    + nRef);
        }
        if ((long) nRef * dim > ref.length || refLabels.length < nRef) {
            throw new IllegalArgumentException("reference has " + ref.length + " values and "
                    + refLabels.length + " labels, " + nRef + "x" + dim + " needed");
        }
    }

    /** Fills nbr/dist with the k nearest reference rows, ascending; skips row {@code skip}. */
    private static void nearest(float[] ref, int nRef, float[] query, int qOff, int dim,
            int skip, int[] nbr, double[] dist) {
        int k = nbr.length;
        int filled = 0;
        for (int r = 0; r < nRef; r++) {
            if (r == skip) {
                continue;
            }
            int base = r * dim;
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double diff = ref[base + d] - query[qOff + d];
                s += diff * diff;
            }
            if (filled == k && s >= dist[k - 1]) {
                continue; // ">=" keeps the earlier index on equal distances
            }
            int pos = filled == k ? k - 1 : filled++;
            while (pos > 0 && dist[pos - 1] > s) {
                dist[pos] = dist[pos - 1];
                nbr[pos] = nbr[pos - 1];
                pos--;
            }
            dist[pos] = s;
            nbr[pos] = r;
        }
    }

    /** Majority label of neighbours sorted by distance; ties go to the first-seen tied label. */
    private static int vote(int[] labels, int[] nbr) {
        int best = labels[nbr[0]];
        int bestCount = 0;
        for (int i = 0; i < nbr.length; i++) {
            int label = labels[nbr[i]];
            int count = 0;
            for (int j = 0; j < nbr.length; j++) {
                if (labels[nbr[j]] == label) {
                    count++;
                }
            }
            // strictly more: among equal counts the label seen first (nearest) stays
            if (count > bestCount) {
                best = label;
                bestCount = count;
            }
        }
        return best;
    }
}
