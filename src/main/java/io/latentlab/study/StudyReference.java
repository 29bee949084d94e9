package io.latentlab.study;

import io.latentlab.data.Noise;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The results the study published, which the app reproduces and shows next to its own: the
 * test MSE of the final models and the occlusion row of its noise table, for the encoding
 * dimensions it gives a number for.
 */
public final class StudyReference {

    // the study's test MSE of its final models (full training, early stopping)
    private static final Map<Integer, Double> TEST_MSE = Map.of(4, 0.027, 32, 0.0085);

    // its noise table's "14x14 portion of the image, randomly chosen" row; where the portion
    // may lie is not said, so this is the reference of every random 14x14 placement
    private static final Map<Integer, Double> OCCLUSION_MSE = Map.of(4, 0.0502, 32, 0.0329);

    /** Side of the study's occlusion patch. */
    public static final int OCCLUSION_SIZE = 14;

    private StudyReference() {}

    /** @return the encoding dimensions of the study's noise table, ascending */
    public static List<Integer> noiseTableEds() {
        return List.of(4, 32);
    }

    /**
     * The study's noise-table value for a row: only its 14x14 occlusion is known, and it is
     * given for every random placement (the study does not say which it used).
     *
     * @param noise a noise-table row
     * @param ed encoding dimension
     * @return the study's MSE, or empty when it reports none for this row and dimension
     */
    public static OptionalDouble noiseMse(Noise noise, int ed) {
        Double v = noise instanceof Noise.Occlusion o && o.randomPosition()
                && o.size() == OCCLUSION_SIZE ? OCCLUSION_MSE.get(ed) : null;
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

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
