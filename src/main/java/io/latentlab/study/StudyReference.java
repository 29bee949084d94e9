package io.latentlab.study;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The results the study published, which the app reproduces and shows next to its own: the
 * test MSE of the final models for the encoding dimensions it gives a number for.
 */
public final class StudyReference {

    // the study's test MSE of its final models (full training, early stopping)
    private static final Map<Integer, Double> TEST_MSE = Map.of(4, 0.027, 32, 0.0085);

    private StudyReference() {}

    /**
     * @param ed encoding dimension
     * @return the study's test MSE at that dimension, or empty when it reports none
     */
    public static OptionalDouble testMse(int ed) {
        Double v = TEST_MSE.get(ed);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * @param ed encoding dimension
     * @return {@link #testMse} as a number, NaN when the study reports none
     */
    public static double testMseOrNaN(int ed) {
        return testMse(ed).orElse(Double.NaN);
    }
}
