package io.latentlab.training;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded split of a training set into training and validation indices.
 *
 * @param train indices used for training, ascending
 * @param validation held-out indices, ascending
 */
public record Split(int[] train, int[] validation) {

    /**
     * Shuffles {@code 0..n-1} with the seed, keeps the first {@code limit} (0 = all), and holds
     * out {@code round(valFraction * kept)} of those for validation.
     *
     * @throws IllegalArgumentException if a validation fraction above 0 rounds to no validation
     *     digits (its loss would be NaN), or if validation would take every digit
     *
     * @param n size of the training set
     * @param limit how many to use, 0 for all
     * @param valFraction fraction for validation
     * @param seed random seed
     * @return the split
     */
    public static Split of(int n, int limit, double valFraction, long seed) {
        int kept = limit <= 0 ? n : Math.min(limit, n);
        int val = (int) Math.round(valFraction * kept);
        if (valFraction > 0 && val == 0) {
            int enough = (int) Math.min(Integer.MAX_VALUE, Math.ceil(0.5 / valFraction));
            while (Math.round(valFraction * enough) < 1 && enough < Integer.MAX_VALUE) {
                enough++; // rounding of 0.5 / valFraction
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the validation split "
                    + "is empty: a fraction of %s of %d training digit%s rounds to 0 digits; use "
                    + "at least %d training digits or a larger validation fraction",
                    fraction(valFraction), kept, kept == 1 ? "" : "s", enough));
        }
        if (val >= kept) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the validation split "
                    + "leaves no training data: a fraction of %s of %d training digit%s is %d; "
                    + "use more training digits or a smaller validation fraction",
                    fraction(valFraction), kept, kept == 1 ? "" : "s", val));
        }
        int[] order = permutation(n, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] validation = Arrays.copyOfRange(order, 0, val);
        int[] train = Arrays.copyOfRange(order, val, kept);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(train, validation);
    }

    private static String fraction(double f) {
        return BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates).
     *
     * @param n size
     * @param random generator
     * @return the permutation
     */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, random);
        return a;
    }

    /**
     * Shuffles an array in place (Fisher-Yates).
     *
     * @param a the array
     * @param random generator
     */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
