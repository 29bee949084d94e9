package io.latentlab.analysis;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * Barnes-Hut t-SNE (van der Maaten, 2014): {@link Tsne}'s map for many points. The input
 * similarities are kept only between each code and its {@code 3 * perplexity} nearest
 * neighbours (found exactly, by brute force), and the repulsion between the points of the
 * plane is summed over a {@link TsneQuadTree} in which a far cell acts as one body. Time per
 * iteration {@code O(n log n)}, memory {@code O(n * perplexity)}; the gradient descent is
 * {@link Tsne}'s ({@link TsneDescent}). Single-threaded, so the same seed gives the same
 * picture to the bit.
 */
public final class BarnesHutTsne {

    /** The most points {@link #embed} accepts (the brute-force neighbour search is n^2). */
    public static final int MAX_POINTS = 70_000;
    /** The usual accuracy: a cell counts as one body when width / distance is below this. */
    public static final double THETA = 0.5;

    /**
     * Sparse symmetric similarities, one row per point (compressed rows).
     *
     * @param rowStart row i's entries are {@code rowStart[i]} to {@code rowStart[i + 1]}
     * @param columns neighbour of each entry, ascending within a row
     * @param values {@code P_ij} of each entry; all sum to 1
     */
    record Affinities(int[] rowStart, int[] columns, double[] values) {
        /** @return the dense {@code n x n} matrix (for tests) */
        float[] dense() {
            int n = rowStart.length - 1;
            float[] p = new float[n * n];
            for (int i = 0; i < n; i++) {
                for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                    p[i * n + columns[e]] = (float) values[e];
                }
            }
            return p;
        }
    }

    private BarnesHutTsne() {}

    /**
     * Embeds {@code n} codes of {@code dim} values in the plane.
     *
     * @param codes row-major {@code n x dim}
     * @param n number of codes, 2 to {@link #MAX_POINTS}
     * @param dim values per code
     * @param settings perplexity, iterations and seed
     * @param theta accuracy of the repulsion, {@link #THETA} as usual, 0 = exact
     * @param progress told while the neighbours are searched (0 iterations done) and every
     *     10 iterations; may stop the run
     * @return row-major {@code n x 2} coordinates
     * @throws IllegalArgumentException if the sizes or settings do not fit
     * @throws CancellationException if {@code progress} asked to stop
     */
    public static float[] embed(float[] codes, int n, int dim, Tsne.Settings settings,
            double theta, Tsne.Progress progress) {
        Tsne.checkInput("Barnes-Hut t-SNE", MAX_POINTS, codes, n, dim, settings);
        if (!(theta >= 0)) {
            throw new IllegalArgumentException("theta must be >= 0, got " + theta);
        }
        int total = settings.iterations();
        Affinities p = affinities(codes, n, dim, settings.perplexity(), () -> {
            if (!progress.update(0, total)) {
                throw new CancellationException("t-SNE cancelled while searching neighbours");
            }
        });
        TsneQuadTree tree = new TsneQuadTree();
        double[] buffer = new double[3];
        return TsneDescent.run(n, settings, progress,
                (y, exaggeration, grad) -> gradient(p, y, n, exaggeration, theta, tree, buffer,
                        grad));
    }

    /**
     * The sparse similarities: each code's conditional Gaussian over its
     * {@code min(n - 1, floor(3 * perplexity))} nearest codes (width set by the perplexity, as
     * in {@link Tsne}), symmetrised {@code (p_j|i + p_i|j) / 2n}.
     *
     * @param check called every few hundred rows; may throw to stop
     */
    static Affinities affinities(float[] codes, int n, int dim, double perplexity,
            Runnable check) {
        int k = Math.min(n - 1, (int) (3 * perplexity));
        int[] nbr = new int[n * k];
        double[] cond = new double[n * k];
        double[] d2 = new double[n];
        double[] bestD = new double[k];
        int[] bestJ = new int[k];
        double[] row = new double[k];
        double target = Math.log(perplexity);
        double[] x = new double[n * dim];
        for (int v = 0; v < x.length; v++) {
            x[v] = codes[v];
        }
        for (int i = 0; i < n; i++) {
            if (i % 256 == 0) {
                check.run();
            }
            distances(x, n, dim, i, d2);
            nearest(d2, i, bestD, bestJ);
            Tsne.conditionalRow(bestD, -1, target, row);
            System.arraycopy(bestJ, 0, nbr, i * k, k);
            System.arraycopy(row, 0, cond, i * k, k);
        }
        return symmetrise(nbr, cond, n, k);
    }

    /** Squared distances from code i to every code, four sums at a time (independent adds). */
    private static void distances(double[] codes, int n, int dim, int i, double[] d2) {
        int bi = i * dim;
        int end4 = dim & ~3;
        for (int j = 0; j < n; j++) {
            int bj = j * dim;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int c = 0;
            for (; c < end4; c += 4) {
                double e0 = codes[bi + c] - codes[bj + c];
                double e1 = codes[bi + c + 1] - codes[bj + c + 1];
                double e2 = codes[bi + c + 2] - codes[bj + c + 2];
                double e3 = codes[bi + c + 3] - codes[bj + c + 3];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
            }
            for (; c < dim; c++) {
                double e = codes[bi + c] - codes[bj + c];
                s0 += e * e;
            }
            d2[j] = (s0 + s1) + (s2 + s3);
        }
    }

    /** The k smallest of d2 except index i, ascending; ties by index (deterministic). */
    private static void nearest(double[] d2, int i, double[] bestD, int[] bestJ) {
        int k = bestD.length;
        int filled = 0;
        for (int j = 0; j < d2.length; j++) {
            if (j == i) {
                continue;
            }
            double d = d2[j];
            if (filled == k && d >= bestD[k - 1]) {
                continue;
            }
            int at = filled < k ? filled++ : k - 1;
            while (at > 0 && bestD[at - 1] > d) {
                bestD[at] = bestD[at - 1];
                bestJ[at] = bestJ[at - 1];
                at--;
            }
            bestD[at] = d;
            bestJ[at] = j;
        }
    }

    /** {@code (P + P^T) / sum}, merging the entries of neighbours found both ways. */
    private static Affinities symmetrise(int[] nbr, double[] cond, int n, int k) {
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] += k;
            for (int e = i * k; e < (i + 1) * k; e++) {
                size[nbr[e]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + size[i];
        }
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int e = i * k; e < (i + 1) * k; e++) {
                int j = nbr[e];
                cols[fill[i]] = j;
                vals[fill[i]++] = cond[e];
                cols[fill[j]] = i;
                vals[fill[j]++] = cond[e];
            }
        }
        // merge duplicates per row with a scatter accumulator, columns ascending
        double[] acc = new double[n];
        boolean[] seen = new boolean[n];
        int[] outStart = new int[n + 1];
        int[] outCols = new int[start[n]];
        double[] outVals = new double[start[n]];
        int out = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int e = start[i]; e < start[i + 1]; e++) {
                int j = cols[e];
                if (!seen[j]) {
                    seen[j] = true;
                    cols[start[i] + m++] = j;
                }
                acc[j] += vals[e];
            }
            Arrays.sort(cols, start[i], start[i] + m);
            for (int e = start[i]; e < start[i] + m; e++) {
                int j = cols[e];
                outCols[out] = j;
                outVals[out++] = acc[j];
                sum += acc[j];
                acc[j] = 0;
                seen[j] = false;
            }
            outStart[i + 1] = out;
        }
        for (int e = 0; e < out; e++) {
            outVals[e] /= sum;
        }
        return new Affinities(outStart, Arrays.copyOf(outCols, out),
                Arrays.copyOf(outVals, out));
    }

    /**
     * {@code dC/dy_i = 4 (e sum_j P_ij q_ij (y_i - y_j) - sum_j q_ij^2 (y_i - y_j) / Z)} with
     * {@code q_ij = (1 + |y_i - y_j|^2)^-1} and {@code Z = sum_{k != l} q_kl}: the attraction
     * over the sparse neighbours, the repulsion and Z from the quadtree.
     */
    static void gradient(Affinities p, double[] y, int n, double exaggeration, double theta,
            TsneQuadTree tree, double[] buffer, double[] grad) {
        tree.rebuild(y, n);
        double z = 0;
        // in tree order, so consecutive points walk the same cells
        for (int i : tree.order()) {
            tree.repulsion(i, theta, buffer);
            grad[2 * i] = buffer[0];
            grad[2 * i + 1] = buffer[1];
            z += buffer[2];
        }
        int[] rowStart = p.rowStart();
        int[] cols = p.columns();
        double[] vals = p.values();
        for (int i = 0; i < n; i++) {
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            double ax = 0;
            double ay = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int j = cols[e];
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double f = vals[e] / (1 + dx * dx + dy * dy);
                ax += f * dx;
                ay += f * dy;
            }
            grad[2 * i] = 4 * (exaggeration * ax - grad[2 * i] / z);
            grad[2 * i + 1] = 4 * (exaggeration * ay - grad[2 * i + 1] / z);
        }
    }
}
