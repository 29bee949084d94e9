package io.latentlab.analysis;

/**
 * Points evenly spaced on the segment between two vectors: {@code v(t) = (1 - t) a + t b} for
 * {@code t = k / (steps - 1)}, {@code k = 0 .. steps - 1}. Used for codes (the latent line,
 * decoded afterwards) and for pixels (the cross-fade it is compared with).
 */
public final class Interpolation {

    /** Fewest points of a line: its two ends. */
    public static final int MIN_STEPS = 2;

    private Interpolation() {}

    /**
     * One interpolation between two digits A and B.
     *
     * @param steps points on the line, the ends included
     * @param codes {@code steps x dim} codes on the latent line, row-major
     * @param decoded {@code steps} decoded images (the latent line), one after the other
     * @param crossFade {@code steps} pixel cross-fades of A and B, same layout
     */
    public record Strip(int steps, float[] codes, float[] decoded, float[] crossFade) {

        /** @return pixels per image */
        public int pixels() {
            return decoded.length / steps;
        }

        /**
         * @param k 0 .. steps - 1
         * @return a copy of decoded image k
         */
        public float[] decodedImage(int k) {
            return slice(decoded, k, pixels());
        }

        /**
         * @param k 0 .. steps - 1
         * @return a copy of cross-faded image k
         */
        public float[] crossFadeImage(int k) {
            return slice(crossFade, k, pixels());
        }

        private static float[] slice(float[] all, int k, int n) {
            float[] out = new float[n];
            System.arraycopy(all, k * n, out, 0, n);
            return out;
        }
    }

    /**
     * @param k 0 .. steps - 1
     * @param steps points on the line
     * @return the position of point k, 0 at A and exactly 1 at B
     */
    public static double t(int k, int steps) {
        return k == steps - 1 ? 1 : (double) k / (steps - 1);
    }

    /**
     * @param a one end
     * @param b the other end, as long as {@code a}
     * @param steps points, the ends included (at least {@link #MIN_STEPS})
     * @return {@code steps} vectors one after the other; the first equals {@code a} and the
     *     last {@code b} exactly
     */
    public static float[] line(float[] a, float[] b, int steps) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("ends differ in length: " + a.length + " and "
                    + b.length);
        }
        if (steps < MIN_STEPS) {
            throw new IllegalArgumentException("steps must be at least " + MIN_STEPS + ", got "
                    + steps);
        }
        int n = a.length;
        float[] out = new float[steps * n];
        for (int k = 0; k < steps; k++) {
            double t = t(k, steps);
            for (int i = 0; i < n; i++) {
                out[k * n + i] = (float) ((1 - t) * a[i] + t * b[i]);
            }
        }
        return out;
    }
}
