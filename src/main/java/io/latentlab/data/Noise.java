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
     * {@code x}, row {@code y}; {@code x = y = -1} picks the corner at random per image, where
     * {@code placement} says (a fixed position is always {@link Placement#ANYWHERE}).
     */
    record Occlusion(int size, int x, int y, Placement placement) implements Noise {

        /**
         * Where a randomly placed patch may go. The study only says "a portion of size 14x14
         * of the image, randomly chosen", so each reading is offered.
         */
        public enum Placement {
            /** Corner uniform in {@code [0, cols-size] x [0, rows-size]}: wholly inside. */
            ANYWHERE("anywhere", "anywhere inside"),
            /** One of the image's four corners at random: a quadrant when size is half the side. */
            QUADRANT("quadrant", "one quadrant"),
            /**
             * Corner uniform in {@code [1-size, cols-1] x [1-size, rows-1]}: overlaps the image
             * by at least one row and column, the rest clipped away.
             */
            PARTIAL("partial", "partly outside");

            private final String key;
            private final String description;

            Placement(String key, String description) {
                this.key = key;
                this.description = description;
            }

            /** @return the spec word: "anywhere", "quadrant" or "partial" */
            public String key() {
                return key;
            }

            /** @return a short human description, e.g. "one quadrant" */
            public String description() {
                return description;
            }
        }

        /**
         * Rejects a size outside 1..{@link #SIDE}, a fixed corner off the image (a patch that
         * only overhangs the border is clipped; {@link #parse} refuses even that) and a
         * placement other than ANYWHERE for a fixed corner.
         */
        public Occlusion {
            Objects.requireNonNull(placement, "placement");
            if (size < 1 || size > SIDE) {
                throw new IllegalArgumentException("occlusion size must be from 1 to " + SIDE
                        + ", got " + size);
            }
            boolean random = x == -1 && y == -1;
            if (!random && (x < 0 || y < 0 || x >= SIDE || y >= SIDE)) {
                throw new IllegalArgumentException("occlusion position must be from 0 to "
                        + (SIDE - 1) + " (or -1,-1 for random), got " + x + "," + y);
            }
            if (!random && placement != Placement.ANYWHERE) {
                throw new IllegalArgumentException("a fixed occlusion position has no "
                        + "placement, got " + placement.key() + " at " + x + "," + y);
            }
        }

        /** A patch at a fixed position, or ({@code -1,-1}) anywhere inside at random. */
        public Occlusion(int size, int x, int y) {
            this(size, x, y, Placement.ANYWHERE);
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

        /** @return whether the corner is drawn per image (else fixed at x, y) */
        public boolean randomPosition() {
            return x == -1 && y == -1;
        }

        /**
         * Returns "occlusion:SIZE" (anywhere inside), "occlusion:SIZE:quadrant",
         * "occlusion:SIZE:partial" or "occlusion:SIZE@X,Y".
         */
        @Override
        public String spec() {
            if (!randomPosition()) {
                return "occlusion:" + size + "@" + x + "," + y;
            }
            return placement == Placement.ANYWHERE ? "occlusion:" + size
                    : "occlusion:" + size + ":" + placement.key();
        }

        /** Returns e.g. "occlusion 14x14 (one quadrant)" or "occlusion 14x14 at 3,5". */
        @Override
        public String describe() {
            String patch = "occlusion " + size + "x" + size;
            return randomPosition() ? patch + " (" + placement.description() + ")"
                    : patch + " at " + x + "," + y;
        }

        /** Copies the image and zeroes the square; {@code clip} has no effect. */
        @Override
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset,
                int rows, int cols, long seed, boolean clip) {
            Noise.checkArrays(src, srcOffset, dst, dstOffset, rows, cols);
            System.arraycopy(src, srcOffset, dst, dstOffset, rows * cols);
            int[] corner = corner(rows, cols, seed);
            int left = corner[0];
            int top = corner[1];
            int right = (int) Math.min(cols, (long) left + size);
            int bottom = (int) Math.min(rows, (long) top + size);
            for (int r = Math.max(0, top); r < bottom; r++) {
                int rowStart = dstOffset + r * cols;
                for (int c = Math.max(0, left); c < right; c++) {
                    dst[rowStart + c] = 0f;
                }
            }
        }

        /**
         * Where {@link #apply} puts the patch, so a view can outline it.
         *
         * @param rows image height
         * @param cols image width
         * @param seed the seed {@code apply} is given
         * @return {@code {left, top}}; with {@link Placement#PARTIAL} either may be negative
         */
        public int[] corner(int rows, int cols, long seed) {
            int left = x;
            int top = y;
            if (randomPosition()) {
                SplittableRandom rng = new SplittableRandom(seed);
                switch (placement) {
                    case ANYWHERE -> {
                        // unchanged since the first release: same seed, same patch
                        left = rng.nextInt(Math.max(0, cols - size) + 1);
                        top = rng.nextInt(Math.max(0, rows - size) + 1);
                    }
                    case QUADRANT -> {
                        int corner = rng.nextInt(4);
                        left = (corner & 1) == 0 ? 0 : Math.max(0, cols - size);
                        top = (corner & 2) == 0 ? 0 : Math.max(0, rows - size);
                    }
                    case PARTIAL -> {
                        left = rng.nextInt(cols + size - 1) - (size - 1);
                        top = rng.nextInt(rows + size - 1) - (size - 1);
                    }
                }
            }
            return new int[] {left, top};
        }
    }

    /** A fixed-size occlusion anywhere inside each image, at random. */
    static Noise occlusion(int size) {
        return new Occlusion(size, -1, -1);
    }

    /** A fixed-size occlusion placed at random per image as {@code placement} says. */
    static Noise occlusion(int size, Occlusion.Placement placement) {
        return new Occlusion(size, -1, -1, placement);
    }

    /**
     * Parses "none", "gaussian:SIGMA", "uniform", "occlusion:SIZE" (at random, anywhere
     * inside), "occlusion:SIZE:quadrant", "occlusion:SIZE:partial" (also
     * "occlusion:SIZE:anywhere") or "occlusion:SIZE@X,Y" (case-insensitive, surrounding blanks
     * ignored). SIGMA is from 0 to {@link #MAX_SIGMA}, SIZE from 1 to {@link #SIDE}, and a
     * fixed patch must lie inside the image.
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
                return parseOcclusion(s.substring("occlusion:".length()));
            }
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw new IllegalArgumentException("bad noise spec '" + spec + "' (" + e.getMessage()
                    + "); accepted forms: " + acceptedForms(), e);
        }
        throw new IllegalArgumentException(
                "unknown noise spec '" + spec + "'; accepted forms: " + acceptedForms());
    }

    /** "SIZE", "SIZE:PLACEMENT" or "SIZE@X,Y", already lower case. */
    private static Noise parseOcclusion(String rest) {
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (rest.substring(0, at).indexOf(':') >= 0) {
                throw new IllegalArgumentException("a fixed position @X,Y takes no placement");
            }
            String[] xy = rest.substring(at + 1).split(",", -1);
            if (xy.length != 2) {
                throw new IllegalArgumentException("position must be X,Y");
            }
            return Occlusion.inside(Integer.parseInt(rest.substring(0, at).strip()),
                    Integer.parseInt(xy[0].strip()), Integer.parseInt(xy[1].strip()));
        }
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return occlusion(Integer.parseInt(rest.strip()));
        }
        String word = rest.substring(colon + 1).strip();
        for (Occlusion.Placement p : Occlusion.Placement.values()) {
            if (p.key().equals(word)) {
                return occlusion(Integer.parseInt(rest.substring(0, colon).strip()), p);
            }
        }
        throw new IllegalArgumentException("placement must be anywhere, quadrant or partial, "
                + "got '" + word + "'");
    }

    /** A canonical spec string that {@link #parse(String)} turns back into an equal noise. */
    String spec();

    /**
     * A label for tables: the spec, except that an occlusion says where its patch goes, e.g.
     * "occlusion 14x14 (anywhere inside)".
     */
    default String describe() {
        return spec();
    }

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
        return "none, gaussian:SIGMA, uniform, occlusion:SIZE (anywhere inside), "
                + "occlusion:SIZE:quadrant, occlusion:SIZE:partial (partly outside), "
                + "occlusion:SIZE@X,Y";
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
