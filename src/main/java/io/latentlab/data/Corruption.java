package io.latentlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a denoising training does to its inputs: one noise, or a mix from which each image draws
 * one at random. The target stays the clean image. Not clamped to [0, 1], as in the study's
 * noise table, so the model learns from the inputs it is judged on.
 *
 * @param noises the noises to draw from; empty for none
 */
public record Corruption(List<Noise> noises) {

    /** No corruption: plain autoencoder training. */
    public static final Corruption NONE = new Corruption(List.of());
    private static final Noise NO_NOISE = new Noise.None();

    /**
     * Copies the list. A {@link Noise.None} inside a mix stays (that share of the digits is
     * left clean); a list of nothing but None is no corruption at all.
     */
    public Corruption {
        boolean any = false;
        for (Noise n : Objects.requireNonNull(noises, "noises")) {
            any |= !(Objects.requireNonNull(n, "noise") instanceof Noise.None);
        }
        noises = any ? List.copyOf(noises) : List.of();
    }

    /**
     * Parses "none" or a comma-separated list of {@link Noise#parse} specs, e.g.
     * "gaussian:0.5" or "gaussian:0.5,uniform,occlusion:14" ("occlusion:14@3,4" keeps its
     * comma).
     *
     * @param spec the text
     * @return the corruption
     * @throws IllegalArgumentException naming the entry that is not a noise
     */
    public static Corruption parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("corruption is empty: give 'none' or noises such "
                    + "as 'gaussian:0.5,uniform,occlusion:14'");
        }
        List<Noise> list = new ArrayList<>();
        for (String part : entries(spec)) {
            try {
                list.add(Noise.parse(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("corruption '" + spec.strip() + "': "
                        + e.getMessage(), e);
            }
        }
        return new Corruption(list);
    }

    /** Splits at commas, but not the one inside an occlusion's "@X,Y". */
    private static List<String> entries(String spec) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            int last = out.size() - 1;
            if (last >= 0 && part.strip().matches("\\d+") && out.get(last).contains("@")
                    && !out.get(last).contains(",")) {
                out.set(last, out.get(last) + "," + part);
            } else {
                out.add(part);
            }
        }
        return out;
    }

    /** @return true if inputs stay clean */
    public boolean isNone() {
        return noises.isEmpty();
    }

    /** @return the spec {@link #parse} reads back: "none" or the noises' specs joined by commas */
    public String spec() {
        if (noises.isEmpty()) {
            return "none";
        }
        List<String> specs = new ArrayList<>();
        for (Noise n : noises) {
            specs.add(n.spec());
        }
        return String.join(",", specs);
    }

    /**
     * Corrupted copies of {@code n} images of {@code rows x cols} pixels, back to back. Image
     * {@code i} draws its noise (and, for a mix, which noise) from {@code seed} and {@code i}
     * alone; callers pass a new seed for every batch, so the noise is never the same twice.
     *
     * @param clean the images; left unchanged
     * @param n number of images
     * @param rows image height
     * @param cols image width
     * @param seed this batch's seed
     * @return the corrupted images, a new array
     */
    public float[] apply(float[] clean, int n, int rows, int cols, long seed) {
        int ppi = rows * cols;
        if ((long) n * ppi > clean.length) {
            throw new IllegalArgumentException("clean has " + clean.length + " values, " + n
                    + " images of " + ppi + " pixels needed");
        }
        float[] out = new float[n * ppi];
        for (int i = 0; i < n; i++) {
            long s = Noise.seedFor(seed, i);
            Noise noise = noises.isEmpty() ? NO_NOISE
                    : noises.size() == 1 ? noises.get(0)
                    : noises.get(new SplittableRandom(~s).nextInt(noises.size()));
            noise.apply(clean, i * ppi, out, i * ppi, rows, cols, s, false);
        }
        return out;
    }

    @Override
    public String toString() {
        return spec();
    }
}
