package io.latentlab.study;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.Split;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingControl;
import io.latentlab.training.TrainingListener;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;
import io.latentlab.training.TrainingSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The fits of one grid search: which remain, and how each is trained. Whoever trains a fit (the
 * sequential {@link GridSearchStepper}, a worker thread, a cluster member) builds it here, so
 * every one gets the same subset, folds, initial weights and shuffling, hence the same numbers.
 */
public final class GridTrials {

    private final MnistData data;
    private final GridSearch.Options options;
    private final int[] pool;
    private final Folds folds;

    /**
     * @param data the data; only its training set is used
     * @param options the settings
     */
    public GridTrials(MnistData data, GridSearch.Options options) {
        this.data = data;
        this.options = options;
        this.pool = Split.of(data.train().size(), options.trainLimit(), 0, options.seed()).train();
        this.folds = Folds.of(pool.length, options.folds(), options.seed());
    }

    /** @return the settings */
    public GridSearch.Options options() {
        return options;
    }

    /** @return the data */
    public MnistData data() {
        return data;
    }

    /** @return the mean-image baseline of every fold (plain Java, about 0.1 s) */
    public List<Double> baselines() {
        return MeanImageBaseline.perFold(data.train(), pool, folds);
    }

    /**
     * @param finished settings already done
     * @return the fits still to train, in grid order (LR outer, WD, fold inner)
     */
    public List<GridTrial> pending(List<GridSearch.SettingResult> finished) {
        List<GridTrial> out = new ArrayList<>();
        for (double lr : options.learningRates()) {
            for (double wd : options.weightDecays()) {
                if (finished.stream().noneMatch(s -> s.lr() == lr && s.wd() == wd)) {
                    for (int f = 0; f < options.folds(); f++) {
                        out.add(new GridTrial(lr, wd, f));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Opens a fit to be stepped on the calling thread, which must own DJL for {@code model}.
     *
     * <p>TrainingLoop splits only its <em>training</em> set. With valFraction 0 (fixedLength)
     * it trains on all of it (the fold's training digits), and with evaluateTest it reports
     * the MSE of its <em>test</em> set every epoch, which here is the fold's validation digits:
     * EpochMetrics.testMse is the fold's validation MSE. No early stopping.
     *
     * @param trial the fit
     * @param model a fresh model from {@link #newModel()}
     * @param listener training events, or null
     * @param control cancel and pause, or null
     * @return the session
     * @throws IOException never in practice (nothing is saved)
     */
    public TrainingSession open(GridTrial trial, Autoencoder model, TrainingListener listener,
            TrainingControl control) throws IOException {
        return loop(trial, listener, control).open(model, null, null);
    }

    /** @return a model with the search's ED and initial weights */
    public Autoencoder newModel() {
        return Autoencoder.create(options.encodingDim(), options.seed());
    }

    /**
     * Trains a whole fit on the calling thread, which must be fit for DJL work.
     *
     * @param trial the fit
     * @param listener training events, or null
     * @param control cancel and pause, checked between batches, or null
     * @return its curve
     * @throws CancellationException if cancelled
     * @throws IOException never in practice (nothing is saved)
     */
    public GridSearch.FoldCurve train(GridTrial trial, TrainingListener listener,
            TrainingControl control) throws IOException {
        try (Autoencoder model = newModel()) {
            TrainingResult r = loop(trial, listener, control).run(model, null);
            if (r.reason() == StopReason.CANCELLED) {
                throw new CancellationException(trial.label() + " cancelled");
            }
            return curve(trial.fold(), r.history());
        }
    }

    private TrainingLoop loop(GridTrial trial, TrainingListener listener,
            TrainingControl control) {
        Dataset train = data.train().subset(MeanImageBaseline.select(pool,
                folds.training(trial.fold())));
        Dataset val = data.train().subset(MeanImageBaseline.select(pool,
                folds.validation(trial.fold())));
        MnistData foldData = new MnistData(train, val, data.dir(), data.checksum());
        TrainingConfig config = TrainingConfig.builder(options.encodingDim())
                .learningRate(trial.lr()).weightDecay(trial.wd()).batchSize(options.batchSize())
                .maxEpochs(options.epochs()).seed(options.seed()).fixedLength()
                .evaluateTest(true).build();
        return new TrainingLoop(config, foldData, listener, control);
    }

    /**
     * A fit's curve; epochs a diverged fit did not reach are NaN, so the non-finite rule
     * discards it.
     *
     * @param fold 0-based fold
     * @param history the fit's epochs
     * @return the curve over {@link GridSearch.Options#epochs()} epochs
     */
    public GridSearch.FoldCurve curve(int fold, List<EpochMetrics> history) {
        int epochs = options.epochs();
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        Arrays.fill(train, Double.NaN);
        Arrays.fill(val, Double.NaN);
        for (int i = 0; i < Math.min(epochs, history.size()); i++) {
            train[i] = history.get(i).trainMse();
            val[i] = history.get(i).testMse();
        }
        return new GridSearch.FoldCurve(fold, train, val);
    }
}
