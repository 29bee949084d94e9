package io.latentlab.data;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A corruption applied to input images (for denoising experiments). Noise is a pure function
 * of the image, a seed and the parameters, so results are reproducible.
 */
public sealed interface Noise permits Noise.None, Noise.Gaussian, Noise.Uniform, Noise.Occlusion {

    /** Largest accepted Gaussian sigma: far beyond any useful corruption of [0, 1] pixels. */
    double MAX_SIGMA = 10;

    /** Side of the images noise is meant for (MNIST's 28x28); bounds the occlusion patch. */
    int SIDE = MnistData.SIDE;

    /** No corruption: the image is copied unchanged. */
    record None() implements Noise {

        /** Returns "none". */
        @Override
        public String spec() {
            return "none";
        }

        /** Copies the image. */
        @Override
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
                int rows, int cols, long seed, boolean clip) {
            Noise.checkArrays(src, srcOffset, dst, dstOffset, rows, cols);
            System.arraycopy(src, srcOffset, dst, dstOffset, rows * cols);
        }
    }

    /** Adds independent N(0, sigma^2) noise to every pixel. */
    record Gaussian(double sigma) implements Noise {

        /** Rejects a sigma outside [0, {@link #MAX_SIGMA}] (NaN included). */
        public Gaussian {
            if (!(sigma >= 0 && sigma <= MAX_SIGMA)) {
                throw new IllegalArgumentException("gaussian sigma must be a number from 0 to "
                        + (int) MAX_SIGMA + ", got " + sigma);
            }
        }

        /** Returns "gaussian:SIGMA". */
        @Override
        public String spec() {
            return "gaussian:" + sigma;
        }

        /** Adds sigma-scaled standard normal samples, clamping to [0, 1] if asked. */
        @Override
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
                int rows, int cols, long seed, boolean clip) {
            Noise.checkArrays(src, srcOffset, dst, dstOffset, rows, cols);
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rows * cols;
            for (int k = 0; k < n; k++) {
                float v = src[srcOffset + k] + (float) (sigma * rng.nextGaussian());
                dst[dstOffset + k] = clip ? Noise.clamp01(v) : v;
            }
        }
    }

    /** Adds independent U[0, 1) noise to every pixel. */
    record Uniform() implements Noise {

        /** Returns "uniform". */
        @Override
        public String spec() {
            return "uniform";
        }

        /** Adds uniform samples in [0, 1), clamping to [0, 1] if asked. */
        @Override
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
                int rows, int cols, long seed, boolean clip) {
            Noise.checkArrays(src, srcOffset, dst, dstOffset, rows, cols);
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rows * cols;
            for (int k = 0; k < n; k++) {
                // nextFloat() is strictly below 1, unlike (float) nextDouble()
                float v = src[srcOffset + k] + rng.nextFloat();
                dst[dstOffset + k] = clip ? Noise.clamp01(v) : v;
            }
        }
    }

    /**
     * Blanks a {@code size x size} square (clipped to the image) with top-left corner at column
     * {@code x}, row {@code y}; {@code x = y = -1} picks the corner uniformly at random so that
     * the square fits, i.e. in {@code [0, cols-size] x [0, rows-size]}.
     */
    record Occlusion(int size, int x, int y) implements Noise {

        /**
         * Rejects a size outside 1..{@link #SIDE} and a fixed corner off the image (a patch
         * that only overhangs the border is clipped; {@link #parse} refuses even that).
         */
        public Occlusion {
            if (size < 1 || size > SIDE) {
                throw new IllegalArgumentException("occlusion size must be from 1 to " + SIDE
                        + ", got " + size);
            }
            boolean random = x == -1 && y == -1;
            if (!random && (x < 0 || y < 0 || x >= SIDE || y >= SIDE)) {
                throw new IllegalArgumentException("occlusion position must be from 0 to "
                        + (SIDE - 1) + " (or -1,-1 for random), got " + x + "," + y);
            }
        }

        /**
         * A patch at a fixed position that lies wholly inside the {@link #SIDE}-square image.
         *
         * @throws IllegalArgumentException naming the allowed positions for this size
         */
        public static Occlusion inside(int size, int x, int y) {
            int max = SIDE - size;
            if (size >= 1 && size <= SIDE && (x < 0 || y < 0 || x > max || y > max)) {
                throw new IllegalArgumentException("a " + size + "x" + size + " patch must lie "
                        + "inside the " + SIDE + "x" + SIDE + " image: X and Y must be from 0 to "
                        + max + ", got " + x + "," + y);
            }
            return new Occlusion(size, x, y);
        }

        private boolean randomPosition() {
            return x == -1 && y == -1;
        }

        /** Returns "occlusion:SIZE" or "occlusion:SIZE@X,Y". */
        @Override
        public String spec() {
            return randomPosition() ? "occlusion:" + size : "occlusion:" + size + "@" + x + "," + y;
        }

        /** Copies the image and zeroes the square; {@code clip} has no effect. */
        @Override
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
                int rows, int cols, long seed, boolean clip) {
            Noise.checkArrays(src, srcOffset, dst, dstOffset, rows, cols);
            System.arraycopy(src, srcOffset, dst, dstOffset, rows * cols);
            int left = x;
            int top = y;
            if (randomPosition()) {
                SplittableRandom rng = new SplittableRandom(seed);
                left = rng.nextInt(Math.max(0, cols - size) + 1);
                top = rng.nextInt(Math.max(0, rows - size) + 1);
            }
            int right = (int) Math.min(cols, (long) left + size);
            int bottom = (int) Math.min(rows, (long) top + size);
            for (int r = top; r < bottom; r++) {
                int rowStart = dstOffset + r * cols;
                for (int c = left; c < right; c++) {
                    dst[rowStart + c] = 0f;
                }
            }
        }
    }

    /** A fixed-size occlusion at a random position in each image. */
    static Noise occlusion(int size) {
        return new Occlusion(size, -1, -1);
    }

    /**
     * Parses "none", "gaussian:SIGMA", "uniform", "occlusion:SIZE" or "occlusion:SIZE@X,Y"
     * (case-insensitive, surrounding blanks ignored). SIGMA is from 0 to {@link #MAX_SIGMA},
     * SIZE from 1 to {@link #SIDE}, and a fixed patch must lie inside the image.
     *
     * @throws IllegalArgumentException naming the accepted forms if the spec is not one of them
     */
    static Noise parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("none")) {
                return new None();
            }
            if (s.equals("uniform")) {
                return new Uniform();
            }
            if (s.startsWith("gaussian:")) {
                return new Gaussian(Double.parseDouble(s.substring("gaussian:".length())));
            }
            if (s.startsWith("occlusion:")) {
                String rest = s.substring("occlusion:".length());
                int at = rest.indexOf('@');
                if (at < 0) {
                    return occlusion(Integer.parseInt(rest));
                }
                String[] xy = rest.substring(at + 1).split(",", -1);
                if (xy.length != 2) {
                    throw new IllegalArgumentException("position must be X,Y");
                }
                return Occlusion.inside(Integer.parseInt(rest.substring(0, at)),
                        Integer.parseInt(xy[0].strip()), Integer.parseInt(xy[1].strip()));
            }
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw new IllegalArgumentException("bad noise spec '" + spec + "' (" + e.getMessage()
                    + "); accepted forms: " + acceptedForms(), e);
        }
        throw new IllegalArgumentException(
                "unknown noise spec '" + spec + "'; accepted forms: " + acceptedForms());
    }

    /** A canonical spec string that {@link #parse(String)} turns back into an equal noise. */
    String spec();

    /**
     * Writes the corrupted copy of the {@code rows x cols} image at {@code src[srcOffset..]} into
     * {@code dst[dstOffset..]}. The same seed always gives the same noise; with {@code clip} the
     * additive noises clamp the result to [0, 1]. {@code src} and {@code dst} may be the same
     * array at the same offset.
     */
    void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
            int rows, int cols, long seed, boolean clip);

    /**
     * Corrupts {@code ds}'s images at {@code indices} into {@code dst}, back to back; image
     * {@code j} uses {@link #seedFor(long, int) seedFor(seed, indices[j])}, so its noise does
     * not depend on how the data is batched.
     */
    default void applyBatch(Dataset ds, int[] indices, float[] dst, long seed, boolean clip) {
        int ppi = ds.pixelsPerImage();
        long needed = (long) indices.length * ppi;
        if (dst.length < needed) {
            throw new IllegalArgumentException("dst has " + dst.length + " values but "
                    + indices.length + " images of " + ppi + " pixels need " + needed);
        }
        for (int j = 0; j < indices.length; j++) {
            apply(ds.backingArray(), ds.offset(indices[j]), dst, j * ppi,
                    ds.rows(), ds.cols(), seedFor(seed, indices[j]), clip);
        }
    }

    /**
     * A well-mixed seed for image {@code index} (SplitMix64 finaliser of
     * {@code seed + golden * (index + 1)}), so nearby indices get unrelated noise.
     */
    static long seedFor(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkArrays(float[] src, int srcOffset, float[] dst, int dstOffset,
            int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + rows + "x" + cols);
        }
        int n = Math.multiplyExact(rows, cols);
        Objects.checkFromIndexSize(srcOffset, n, src.length);
        Objects.checkFromIndexSize(dstOffset, n, dst.length);
    }

    private static String acceptedForms() {
        return "none, gaussian:SIGMA, uniform, occlusion:SIZE, occlusion:SIZE@X,Y";
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
