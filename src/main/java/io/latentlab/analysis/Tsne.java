package io.latentlab.analysis;

import java.util.concurrent.CancellationException;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008) of latent codes into the plane, as the Embedding
 * Projector shows beside PCA. O(n^2) time and memory per iteration, so meant for a subset of at
 * most a few thousand codes ({@link #MAX_POINTS}); {@link BarnesHutTsne} maps all 10,000 test
 * digits, and this exact version is its reference (same similarities, same descent).
 *
 * <p>Written here, not taken from a library: the Java ports on Maven Central (T-SNE-Java and its
 * fork bh-tsne) carry the original code's BSD licence with an advertising clause, are no longer
 * maintained, and offer neither progress nor cancel; Smile is GPL.
 *
 * <p>The gradient descent ({@link TsneDescent}) follows common practice (scikit-learn's
 * defaults): early exaggeration 12 for the first 250 iterations, momentum 0.5 then 0.8,
 * per-coordinate gains, learning rate {@code max(n / 48, 50)}, a Gaussian start with standard
 * deviation 1e-4 from the seed.
 */
public final class Tsne {

    /** The most points {@link #embed} accepts (about 36 MB of similarities at this size). */
    public static final int MAX_POINTS = 3000;
    /** Iterations with early exaggeration. */
    static final int EXAGGERATED = 250;

    /**
     * Progress of {@link #embed}, reported every few iterations.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done iterations done
         * @param total iterations in all
         * @return false to stop ({@link #embed} then throws {@link CancellationException})
         */
        boolean update(int done, int total);
    }

    /**
     * @param perplexity the effective number of neighbours, e.g. 30; below {@code n}
     * @param iterations gradient steps, at least {@link #EXAGGERATED} + 1 is sensible
     * @param seed the start's random seed: same seed, same picture
     */
    public record Settings(double perplexity, int iterations, long seed) {
        /** Defaults: perplexity 30, 1,000 iterations. */
        public static Settings defaults(long seed) {
            return new Settings(30, 1000, seed);
        }
    }

    private Tsne() {}

    /**
     * Embeds {@code n} codes of {@code dim} values in the plane.
     *
     * @param codes row-major {@code n x dim}
     * @param n number of codes, 2 to {@link #MAX_POINTS}
     * @param dim values per code
     * @param settings perplexity, iterations and seed
     * @param progress told every 10 iterations; may stop the run
     * @return row-major {@code n x 2} coordinates
     * @throws IllegalArgumentException if the sizes or settings do not fit
     * @throws CancellationException if {@code progress} asked to stop
     */
    public static float[] embed(float[] codes, int n, int dim, Settings settings,
            Progress progress) {
        checkInput("t-SNE", MAX_POINTS, codes, n, dim, settings);
        float[] p = jointProbabilities(codes, n, dim, settings.perplexity());
        return optimise(p, n, settings, progress);
    }

    /** The checks both t-SNEs make of their input; messages name {@code what}. */
    static void checkInput(String what, int maxPoints, float[] codes, int n, int dim,
            Settings settings) {
        if (n < 2 || n > maxPoints) {
            throw new IllegalArgumentException(what + " takes 2 to " + maxPoints
                    + " points, got " + n);
        }
        if ((long) n * dim > codes.length || dim < 1) {
            throw new IllegalArgumentException("codes has " + codes.length + " values, "
                    + n + "x" + dim + " needed");
        }
        if (!(settings.perplexity() >= 1) || settings.perplexity() >= n) {
            throw new IllegalArgumentException("perplexity must be at least 1 and below the "
                    + "number of points (" + n + "), got " + settings.perplexity());
        }
    }

    /**
     * The symmetric input similarities {@code P_ij = (p_j|i + p_i|j) / 2n}, where each
     * {@code p_.|i} is a Gaussian around code i whose width gives the wanted perplexity.
     *
     * @return row-major {@code n x n}, zero diagonal, summing to 1
     */
    static float[] jointProbabilities(float[] codes, int n, int dim, double perplexity) {
        double[] d2 = new double[n];
        double[] row = new double[n];
        float[] p = new float[n * n];
        double target = Math.log(perplexity);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double d = codes[i * dim + k] - codes[j * dim + k];
                    s += d * d;
                }
                d2[j] = s;
            }
            conditionalRow(d2, i, target, row);
            for (int j = 0; j < n; j++) {
                p[i * n + j] = (float) row[j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float s = (p[i * n + j] + p[j * n + i]) / (2f * n);
                p[i * n + j] = s;
                p[j * n + i] = s;
            }
            p[i * n + i] = 0;
        }
        return p;
    }

    /**
     * Binary search on the precision {@code beta = 1 / 2 sigma^2} until the row's entropy is
     * {@code log(perplexity)} (natural log).
     */
    static void conditionalRow(double[] d2, int i, double target, double[] row) {
        int n = d2.length;
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        // distances relative to the nearest neighbour keep exp() away from underflow
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                min = Math.min(min, d2[j]);
            }
        }
        for (int step = 0; step < 100; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                double e = j == i ? 0 : Math.exp(-(d2[j] - min) * beta);
                row[j] = e;
                sum += e;
                weighted += (d2[j] - min) * e;
            }
            // entropy H = log(sum) + beta * E[d2 - min]
            double h = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < n; j++) {
                row[j] /= sum;
            }
            double diff = h - target;
            if (Math.abs(diff) < 1e-5) {
                return;
            }
            if (diff > 0) {
                lo = beta;
                beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
    }

    private static float[] optimise(float[] p, int n, Settings settings, Progress progress) {
        return TsneDescent.run(n, settings, progress,
                (y, exaggeration, grad) -> gradient(p, y, n, exaggeration, grad));
    }

    /**
     * {@code dC/dy_i = 4 sum_j (e P_ij - Q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j)} with
     * {@code Q_ij = (1 + |y_i - y_j|^2)^-1 / Z}.
     */
    static void gradient(float[] p, double[] y, int n, double exaggeration,
            double[] grad) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            for (int j = i + 1; j < n; j++) {
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                z += 1 / (1 + dx * dx + dy * dy);
            }
        }
        z *= 2;
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            double gx = 0;
            double gy = 0;
            for (int j = i + 1; j < n; j++) {
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double num = 1 / (1 + dx * dx + dy * dy);
                double f = 4 * (exaggeration * p[i * n + j] - num / z) * num;
                gx += f * dx;
                gy += f * dy;
                grad[2 * j] -= f * dx;
                grad[2 * j + 1] -= f * dy;
            }
            grad[2 * i] += gx;
            grad[2 * i + 1] += gy;
        }
    }

    /**
     * The Kullback-Leibler divergence {@code KL(P || Q)} of an embedding, the quantity t-SNE
     * minimises (for tests and for telling the user how well the picture fits).
     *
     * @param p joint input similarities from {@link #jointProbabilities}
     * @param y row-major {@code n x 2}
     * @param n number of points
     * @return the divergence, at least 0
     */
    static double divergence(float[] p, float[] y, int n) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    z += 1 / (1 + dx * dx + dy * dy);
                }
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double pij = p[i * n + j];
                if (i != j && pij > 0) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy) / z;
                    kl += pij * Math.log(pij / Math.max(q, 1e-300));
                }
            }
        }
        return kl;
    }
}
