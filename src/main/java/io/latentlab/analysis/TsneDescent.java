package io.latentlab.analysis;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * The gradient descent both t-SNE variants share ({@link Tsne} exact, {@link BarnesHutTsne}),
 * so they differ only in how the gradient is computed. Settings follow common practice
 * (scikit-learn's defaults): early exaggeration {@value #EXAGGERATION} for the first
 * {@link Tsne#EXAGGERATED} iterations, momentum 0.5 then 0.8, per-coordinate gains, learning
 * rate {@code max(n / 48, 50)}, a Gaussian start with standard deviation 1e-4 from the seed.
 */
final class TsneDescent {

    /** Factor on the input similarities during the first iterations. */
    static final double EXAGGERATION = 12;

    /** The gradient of the divergence at a layout. */
    @FunctionalInterface
    interface Gradient {
        /**
         * @param y row-major {@code n x 2} layout
         * @param exaggeration factor on the input similarities
         * @param grad filled with {@code dC/dy}, row-major {@code n x 2}
         */
        void compute(double[] y, double exaggeration, double[] grad);
    }

    private TsneDescent() {}

    /**
     * @param n points
     * @param settings iterations and seed (perplexity is the caller's)
     * @param progress told every 10 iterations; may stop the run
     * @param gradient the variant's gradient
     * @return row-major {@code n x 2} coordinates
     * @throws CancellationException if {@code progress} asked to stop
     */
    static float[] run(int n, Tsne.Settings settings, Tsne.Progress progress,
            Gradient gradient) {
        Random random = new Random(settings.seed());
        double[] y = new double[2 * n];
        for (int k = 0; k < y.length; k++) {
            y[k] = random.nextGaussian() * 1e-4;
        }
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        double[] grad = new double[2 * n];
        double rate = Math.max(n / EXAGGERATION / 4, 50);
        int total = settings.iterations();
        for (int it = 0; it < total; it++) {
            boolean early = it < Tsne.EXAGGERATED;
            double momentum = early ? 0.5 : 0.8;
            gradient.compute(y, early ? EXAGGERATION : 1, grad);
            for (int k = 0; k < y.length; k++) {
                boolean sameSign = (grad[k] > 0) == (update[k] > 0);
                gains[k] = Math.max(0.01, sameSign ? gains[k] * 0.8 : gains[k] + 0.2);
                update[k] = momentum * update[k] - rate * gains[k] * grad[k];
                y[k] += update[k];
            }
            centre(y, n);
            if ((it + 1) % 10 == 0 || it + 1 == total) {
                if (!progress.update(it + 1, total)) {
                    throw new CancellationException("t-SNE cancelled after " + (it + 1)
                            + " of " + total + " iterations");
                }
            }
        }
        float[] out = new float[2 * n];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) y[k];
        }
        return out;
    }

    private static void centre(double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }
}
