package io.latentlab.study;

import io.latentlab.training.TrainingConfig;

import java.util.List;

/**
 * Named {@link GridSearch.Options} instead of eleven positional ones; the defaults live here
 * only. Made by {@link GridSearch.Options#builder}; {@link #build} validates.
 */
public final class GridSearchOptionsBuilder {
    private final int encodingDim;
    private List<Double> learningRates = List.of(1e-2, 1e-3, 1e-4);
    private List<Double> weightDecays = List.of(1e-3, 1e-4, 1e-5);
    private int folds = 3;
    private int epochs = 20;
    private int batchSize = TrainingConfig.defaults(1).batchSize();
    private long seed = TrainingConfig.defaults(1).seed();
    private int trainLimit;
    private double maxLoss = 0.1;
    private double oscillation = 0.25;
    private double baselineMargin = GridSearch.Options.DEFAULT_BASELINE_MARGIN;

    GridSearchOptionsBuilder(int encodingDim) {
        this.encodingDim = encodingDim;
    }

    /** @param v LRs to try @return this */
    public GridSearchOptionsBuilder learningRates(List<Double> v) {
        learningRates = v;
        return this;
    }

    /** @param v LRs to try @return this */
    public GridSearchOptionsBuilder learningRates(Double... v) {
        return learningRates(List.of(v));
    }

    /** @param v WDs to try @return this */
    public GridSearchOptionsBuilder weightDecays(List<Double> v) {
        weightDecays = v;
        return this;
    }

    /** @param v WDs to try @return this */
    public GridSearchOptionsBuilder weightDecays(Double... v) {
        return weightDecays(List.of(v));
    }

    /** @param v k of k-fold cross-validation @return this */
    public GridSearchOptionsBuilder folds(int v) {
        folds = v;
        return this;
    }

    /** @param v epochs per fit @return this */
    public GridSearchOptionsBuilder epochs(int v) {
        epochs = v;
        return this;
    }

    /** @param v batch size @return this */
    public GridSearchOptionsBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    /** @param v seed of subset, folds, weights and shuffling @return this */
    public GridSearchOptionsBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** @param v training subset size, 0 = all @return this */
    public GridSearchOptionsBuilder trainLimit(int v) {
        trainLimit = v;
        return this;
    }

    /** @param v discard threshold of the final validation MSE @return this */
    public GridSearchOptionsBuilder maxLoss(double v) {
        maxLoss = v;
        return this;
    }

    /** @param v discard threshold of the upward moves, a fraction @return this */
    public GridSearchOptionsBuilder oscillation(double v) {
        oscillation = v;
        return this;
    }

    /** @param v margin below the mean-image baseline, a fraction @return this */
    public GridSearchOptionsBuilder baselineMargin(double v) {
        baselineMargin = v;
        return this;
    }

    /**
     * @return the options
     * @throws IllegalArgumentException naming the first invalid option
     */
    public GridSearch.Options build() {
        return new GridSearch.Options(encodingDim, learningRates, weightDecays, folds, epochs,
                batchSize, seed, trainLimit, maxLoss, oscillation, baselineMargin);
    }
}
