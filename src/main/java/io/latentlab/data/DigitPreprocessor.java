package io.latentlab.data;

import java.util.Objects;

/**
 * Turns an arbitrary grayscale image into a 28x28 input the way MNIST itself was made: the ink
 * is cropped to its bounding box, scaled (keeping the aspect ratio, area-averaged) to fit a
 * 20x20 box, and placed in a 28x28 frame so that its centre of mass sits at the frame centre.
 * A lopsided digit (a 7's heavy bar) would push its far end out of the frame; it is then moved
 * only as far back as keeps all its ink, so no ink is ever lost.
 * Models trained on MNIST only ever saw digits normalised like this, so a drawn or photographed
 * digit must go through the same steps to be reconstructed fairly.
 *
 * <p>Pure Java, no state; all methods are thread-safe.
 */
public final class DigitPreprocessor {

    /** Side of the output image. */
    public static final int SIDE = 28;

    /** Side of the box the ink is scaled to fit, as in MNIST. */
    public static final int BOX = 20;

    /** A pixel counts as ink for the bounding box when its value is above this. */
    public static final float INK_THRESHOLD = 0.05f;

    private DigitPreprocessor() {}

    /**
     * Normalises a grayscale image where ink has high values.
     *
     * @param gray {@code w * h} values, row-major, in [0, 1] (values outside are clamped)
     * @param w width, at least 1
     * @param h height, at least 1
     * @return a new {@code 28 * 28} array in [0, 1]; all zeros when no pixel exceeds
     *     {@link #INK_THRESHOLD}
     * @throws IllegalArgumentException if the size is not positive or does not match the array
     */
    public static float[] process(float[] gray, int w, int h) {
        Objects.requireNonNull(gray, "gray");
        checkSize(gray.length, w, h);
        float[] out = new float[SIDE * SIDE];

        // bounding box of the ink
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray[y * w + x] > INK_THRESHOLD) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return out;
        }
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;

        // fit the longer side to BOX; the shorter keeps the aspect ratio (at least 1 px)
        double scale = (double) BOX / Math.max(bw, bh);
        int tw = Math.max(1, Math.min(BOX, (int) Math.round(bw * scale)));
        int th = Math.max(1, Math.min(BOX, (int) Math.round(bh * scale)));
        float[] scaled = resample(gray, w, minX, minY, bw, bh, tw, th);

        // centre of mass with pixel centres at i + 0.5, so the frame centre is (14, 14)
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                double v = scaled[y * tw + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        }
        if (mass <= 0) {
            return out;
        }
        // tw, th <= BOX < SIDE, so the clamped offsets keep the whole box inside the frame
        int ox = clamp((int) Math.round(SIDE / 2.0 - mx / mass), 0, SIDE - tw);
        int oy = clamp((int) Math.round(SIDE / 2.0 - my / mass), 0, SIDE - th);
        for (int y = 0; y < th; y++) {
            System.arraycopy(scaled, y * tw, out, (y + oy) * SIDE + ox, tw);
        }
        return out;
    }

    /**
     * Normalises a colour image: converts it to grayscale, makes the ink bright, stretches the
     * contrast from the background level to the brightest ink, then applies
     * {@link #process(float[], int, int)}.
     *
     * <p>Polarity: if most border pixels are light (dark ink on light paper, like a scan or a
     * photo), the image is inverted. Transparent pixels are composited onto the background
     * that contrasts with the opaque ones, so a black digit on a transparent PNG works too.
     *
     * @param argb {@code w * h} pixels as {@code 0xAARRGGBB}, row-major
     * @param w width, at least 1
     * @param h height, at least 1
     * @return a new {@code 28 * 28} array in [0, 1]
     * @throws IllegalArgumentException if the size is not positive or does not match the array
     */
    public static float[] fromArgb(int[] argb, int w, int h) {
        return process(toInkGray(argb, w, h), w, h);
    }

    /**
     * The grayscale step of {@link #fromArgb(int[], int, int)}: ink high, background 0, values
     * in [0, 1], same size as the input.
     *
     * @param argb {@code w * h} pixels as {@code 0xAARRGGBB}, row-major
     * @param w width, at least 1
     * @param h height, at least 1
     * @return a new {@code w * h} array
     */
    public static float[] toInkGray(int[] argb, int w, int h) {
        Objects.requireNonNull(argb, "argb");
        checkSize(argb.length, w, h);
        int n = argb.length;

        // background for transparent pixels: the opposite of the opaque pixels' mean luminance
        double opaqueSum = 0;
        int opaque = 0;
        for (int p : argb) {
            if ((p >>> 24) >= 128) {
                opaqueSum += luminance(p);
                opaque++;
            }
        }
        double background = opaque > 0 && opaqueSum / opaque < 0.5 ? 1.0 : 0.0;

        float[] gray = new float[n];
        for (int i = 0; i < n; i++) {
            double a = (argb[i] >>> 24) / 255.0;
            gray[i] = (float) (a * luminance(argb[i]) + (1 - a) * background);
        }

        // polarity from the border: mostly light means dark ink on light paper
        int light = 0;
        int border = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    border++;
                    if (gray[y * w + x] > 0.5f) {
                        light++;
                    }
                }
            }
        }
        if (light * 2 > border) {
            for (int i = 0; i < n; i++) {
                gray[i] = 1f - gray[i];
            }
        }

        // contrast stretch: grey paper or a dim stroke should still give MNIST-like 0 and 1
        float[] borderValues = new float[border];
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    borderValues[k++] = gray[y * w + x];
                }
            }
        }
        java.util.Arrays.sort(borderValues);
        float bg = borderValues[border / 2];
        float max = 0;
        for (float v : gray) {
            max = Math.max(max, v);
        }
        if (max - bg < INK_THRESHOLD) {
            return new float[n]; // nothing stands out from the background
        }
        float range = max - bg;
        for (int i = 0; i < n; i++) {
            gray[i] = Math.max(0f, Math.min(1f, (gray[i] - bg) / range));
        }
        return gray;
    }

    private static double luminance(int p) {
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
    }

    /**
     * Area-averaging resample of the box {@code (x0, y0, bw, bh)} of {@code src} to
     * {@code tw x th}: each output pixel is the mean of the source area it covers (fractional
     * overlaps weighted), so downscaling anti-aliases and upscaling repeats pixels.
     */
    private static float[] resample(float[] src, int srcW, int x0, int y0, int bw, int bh,
            int tw, int th) {
        double[][] wx = weights(bw, tw);
        int[] sx0 = starts(bw, tw);
        double[][] wy = weights(bh, th);
        int[] sy0 = starts(bh, th);
        // horizontal pass: bh rows of tw
        double[] tmp = new double[bh * tw];
        for (int y = 0; y < bh; y++) {
            int row = (y0 + y) * srcW + x0;
            for (int t = 0; t < tw; t++) {
                double s = 0;
                for (int j = 0; j < wx[t].length; j++) {
                    s += wx[t][j] * clamp01(src[row + sx0[t] + j]);
                }
                tmp[y * tw + t] = s;
            }
        }
        // vertical pass
        float[] out = new float[tw * th];
        for (int t = 0; t < th; t++) {
            for (int x = 0; x < tw; x++) {
                double s = 0;
                for (int j = 0; j < wy[t].length; j++) {
                    s += wy[t][j] * tmp[(sy0[t] + j) * tw + x];
                }
                out[t * tw + x] = (float) Math.min(1.0, s);
            }
        }
        return out;
    }

    /** First source index covered by each target pixel. */
    private static int[] starts(int n, int t) {
        int[] s = new int[t];
        double step = (double) n / t;
        for (int i = 0; i < t; i++) {
            s[i] = Math.min(n - 1, (int) Math.floor(i * step + 1e-9));
        }
        return s;
    }

    /** Overlap weights of target pixel i with source pixels starts[i]..; each row sums to 1. */
    private static double[][] weights(int n, int t) {
        double step = (double) n / t;
        int[] s = starts(n, t);
        double[][] w = new double[t][];
        for (int i = 0; i < t; i++) {
            double lo = i * step;
            double hi = Math.min(n, (i + 1) * step);
            int last = Math.min(n - 1, (int) Math.ceil(hi - 1e-9) - 1);
            last = Math.max(last, s[i]);
            w[i] = new double[last - s[i] + 1];
            for (int j = 0; j < w[i].length; j++) {
                int p = s[i] + j;
                double overlap = Math.min(hi, p + 1) - Math.max(lo, p);
                w[i][j] = Math.max(0, overlap) / step;
            }
        }
        return w;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    private static void checkSize(int length, int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + w + "x" + h);
        }
        if ((long) w * h != length) {
            throw new IllegalArgumentException("image of " + w + "x" + h + " needs "
                    + ((long) w * h) + " values, got " + length);
        }
    }
}
