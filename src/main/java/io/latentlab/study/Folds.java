package io.latentlab.study;

import io.latentlab.training.Split;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded, randomized k-fold split of {@code 0..n-1}: {@code k} disjoint folds covering all
 * indices, sizes differing by at most 1. For fit {@code i} the validation set is fold {@code i}
 * and the training set is the union of the others.
 */
public final class Folds {

    private final int n;
    private final int[][] folds;

    private Folds(int n, int[][] folds) {
        this.n = n;
        this.folds = folds;
    }

    /**
     * Shuffles {@code 0..n-1} with the seed and cuts it into {@code k} consecutive parts.
     *
     * @param n number of indices
     * @param k number of folds, 2 to n
     * @param seed random seed
     * @return the folds
     * @throws IllegalArgumentException if {@code k < 2} or {@code k > n}
     */
    public static Folds of(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("folds must be between 2 and the number of "
                    + "digits (" + n + "), got " + k);
        }
        int[] order = Split.permutation(n, new SplittableRandom(seed));
        int[][] folds = new int[k][];
        for (int i = 0; i < k; i++) {
            // boundaries i*n/k give sizes floor(n/k) or ceil(n/k)
            int from = (int) ((long) i * n / k);
            int to = (int) ((long) (i + 1) * n / k);
            folds[i] = Arrays.copyOfRange(order, from, to);
            Arrays.sort(folds[i]);
        }
        return new Folds(n, folds);
    }

    /** @return the number of folds */
    public int count() {
        return folds.length;
    }

    /** @return the number of indices split */
    public int size() {
        return n;
    }

    /**
     * @param i fold index
     * @return the validation indices of fit {@code i} (fold {@code i}), ascending
     */
    public int[] validation(int i) {
        return folds[i].clone();
    }

    /**
     * @param i fold index
     * @return the training indices of fit {@code i} (all other folds), ascending
     */
    public int[] training(int i) {
        int[] out = new int[n - folds[i].length];
        int p = 0;
        for (int f = 0; f < folds.length; f++) {
            if (f != i) {
                System.arraycopy(folds[f], 0, out, p, folds[f].length);
                p += folds[f].length;
            }
        }
        Arrays.sort(out);
        return out;
    }
}
