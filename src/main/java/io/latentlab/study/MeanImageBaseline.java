package io.latentlab.study;

import io.latentlab.data.Dataset;
import io.latentlab.training.Split;

import java.util.ArrayList;
import java.util.List;

/**
 * The MSE of a model that never learned: it outputs, for every validation digit of a fold, the
 * mean image of that fold's training digits. A grid-search setting that does not beat this on
 * a fold learned nothing there (see {@link GridSearch}). Plain Java on the pixel arrays.
 */
public final class MeanImageBaseline {

    private MeanImageBaseline() {}

    /**
     * The baseline of every fold of a grid search, on the same digits its fits saw: the
     * seeded subset of {@code trainLimit} training digits cut into the seeded folds, as
     * {@link GridSearchStepper} does.
     *
     * @param train the training set the search used
     * @param options the search's settings (folds, seed and subset size are used)
     * @return one baseline MSE per fold, fold 1 first
     * @throws IllegalArgumentException if the subset has fewer digits than folds
     */
    public static List<Double> perFold(Dataset train, GridSearch.Options options) {
        int[] pool = Split.of(train.size(), options.trainLimit(), 0, options.seed()).train();
        return perFold(train, pool, Folds.of(pool.length, options.folds(), options.seed()));
    }

    /** The baselines of {@code folds} of the digits {@code pool} of {@code train}. */
    static List<Double> perFold(Dataset train, int[] pool, Folds folds) {
        List<Double> out = new ArrayList<>();
        for (int f = 0; f < folds.count(); f++) {
            out.add(mse(train, select(pool, folds.training(f)),
                    select(pool, folds.validation(f))));
        }
        return List.copyOf(out);
    }

    /**
     * The MSE over all pixels of {@code validation} when each is predicted by the mean image of
     * {@code training}.
     *
     * @param images the digits
     * @param training indices of the digits whose mean image is the prediction, at least one
     * @param validation indices of the digits predicted, at least one
     * @return the mean squared error per pixel
     */
    public static double mse(Dataset images, int[] training, int[] validation) {
        if (training.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("the mean-image baseline needs training and "
                    + "validation digits, got " + training.length + " and " + validation.length);
        }
        int ppi = images.pixelsPerImage();
        float[] px = images.backingArray();
        double[] mean = new double[ppi];
        for (int i : training) {
            int o = images.offset(i);
            for (int p = 0; p < ppi; p++) {
                mean[p] += px[o + p];
            }
        }
        for (int p = 0; p < ppi; p++) {
            mean[p] /= training.length;
        }
        double sum = 0;
        for (int i : validation) {
            int o = images.offset(i);
            for (int p = 0; p < ppi; p++) {
                double d = px[o + p] - mean[p];
                sum += d * d;
            }
        }
        return sum / ((double) validation.length * ppi);
    }

    static int[] select(int[] pool, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = pool[positions[i]];
        }
        return out;
    }
}
