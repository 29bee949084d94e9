package io.latentlab.ui.common;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * 28x28 digits and heat maps as images (the one home for this; every view uses it), plus the
 * ten class colours.
 */
public final class DigitImages {

    /** Image side in pixels. */
    public static final int SIDE = 28;

    /** One colour per digit class 0-9 (matplotlib's tab10, readable on light and dark). */
    public static final Color[] CLASS_COLOURS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"),
        Color.web("#9467bd"), Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"),
        Color.web("#bcbd22"), Color.web("#17becf"),
    };

    private static final int[][] INFERNO = {
        {0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};

    private DigitImages() {
    }

    /**
     * A grey image, white ink on black as MNIST stores it; values clamped to [0, 1] (noise can
     * leave that range).
     *
     * @param pixels SIDE x SIDE values, row-major, starting at {@code offset}
     * @param offset where the image starts
     * @return the image, or null for null pixels
     */
    public static WritableImage gray(float[] pixels, int offset) {
        if (pixels == null) {
            return null;
        }
        int[] argb = new int[SIDE * SIDE];
        for (int i = 0; i < argb.length; i++) {
            int g = Math.round(clamp01(pixels[offset + i]) * 255);
            argb[i] = 0xff000000 | (g << 16) | (g << 8) | g;
        }
        return image(argb);
    }

    /**
     * @param pixels SIDE x SIDE values
     * @return {@link #gray(float[], int)} at offset 0
     */
    public static WritableImage gray(float[] pixels) {
        return gray(pixels, 0);
    }

    /**
     * |a - b| through an inferno-like colour map on a fixed 0..1 scale, comparable across
     * digits.
     *
     * @param a an image
     * @param b another
     * @return the heat map, or null if either is null
     */
    public static WritableImage diff(float[] a, float[] b) {
        if (a == null || b == null) {
            return null;
        }
        int[] argb = new int[a.length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = heat(clamp01(Math.abs(a[i] - b[i])));
        }
        return image(argb);
    }

    /**
     * @param v a value in [0, 1]
     * @return its ARGB colour on the heat scale (black, purple, red, orange, pale yellow)
     */
    public static int heat(double v) {
        double x = Math.max(0, Math.min(1, v)) * (INFERNO.length - 1);
        int i = Math.min(INFERNO.length - 2, (int) Math.floor(x));
        double f = x - i;
        int[] lo = INFERNO[i];
        int[] hi = INFERNO[i + 1];
        int r = (int) Math.round(lo[0] + f * (hi[0] - lo[0]));
        int g = (int) Math.round(lo[1] + f * (hi[1] - lo[1]));
        int bl = (int) Math.round(lo[2] + f * (hi[2] - lo[2]));
        return 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    private static WritableImage image(int[] argb) {
        WritableImage img = new WritableImage(SIDE, SIDE);
        img.getPixelWriter().setPixels(0, 0, SIDE, SIDE, PixelFormat.getIntArgbInstance(), argb,
                0, SIDE);
        return img;
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
