package io.latentlab.ui.reconstruction;

import io.latentlab.ui.AppContext.ActiveModel;

/**
 * One model's answer for one input, kept together so the panels never mix a reconstruction
 * with another digit (the difference map and MSE use this record's own original).
 *
 * @param model the model that produced it
 * @param input the (noisy) 28x28 input it was fed
 * @param original the clean digit it is compared with
 * @param output the reconstruction, 28x28 in [0, 1]
 * @param mse mean squared error of output against original
 */
public record Reconstruction(ActiveModel model, float[] input, float[] original, float[] output,
        double mse) {

    /**
     * @param model the model
     * @param input what it was fed
     * @param original the clean digit
     * @param output its reconstruction
     * @return the record with its MSE
     */
    static Reconstruction of(ActiveModel model, float[] input, float[] original, float[] output) {
        return new Reconstruction(model, input, original, output, mse(output, original));
    }

    /**
     * Mean squared error.
     *
     * @param a an image
     * @param b an image of the same size
     * @return mean of squared differences
     */
    public static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }
}
