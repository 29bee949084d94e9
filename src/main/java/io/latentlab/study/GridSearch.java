package io.latentlab.study;

import io.latentlab.data.MnistData;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Grid search over learning rate and weight decay with k-fold cross-validation, as the study
 * did: every (LR, WD) pair is trained from scratch on each fold for a fixed number of epochs
 * (no early stopping) and its training and validation MSE are recorded every epoch.
 *
 * <p><b>Discard rule.</b> A setting is discarded if on any fold
 * <ol>
 *   <li>a training or validation loss is not finite (the fit diverged), or</li>
 *   <li>the final validation MSE is above {@link Options#maxLoss} (default 0.1), or</li>
 *   <li>it never learned: the final validation MSE is not at least
 *       {@link Options#baselineMargin} (default 0.1, i.e. 10%) below the fold's mean-image
 *       baseline, the MSE of predicting every validation digit by the mean image of the fold's
 *       training digits ({@link MeanImageBaseline}; skipped while the baselines are unknown,
 *       e.g. a saved search read without its data), or</li>
 *   <li>the validation curve oscillates strongly: over the last half of the epochs (epochs
 *       {@code floor(E/2)+1..E}), the sum of its upward moves {@code max(0, v[t] - v[t-1])}
 *       exceeds {@link Options#oscillation} (default 0.25, i.e. 25%) of the validation MSE at
 *       the start of that half.</li>
 * </ol>
 *
 * <p><b>Ranking.</b> Kept settings are sorted by mean final validation MSE over the folds.
 * Settings within 1% ({@link #NEAR_TIE}) of the first of a group of such near-ties form that
 * group, which is ordered by the smaller mean |validation - training| gap of the final epoch.
 * The first setting is the winner.
 *
 * <p>{@link #run} trains one fit after another on the calling thread (it must own DJL);
 * {@link ParallelGridSearch} and the app train them side by side ({@link TrialScheduler}).
 */
public final class GridSearch {

    /** Relative difference of mean validation MSE below which two settings count as tied. */
    public static final double NEAR_TIE = 0.01;

    private GridSearch() {}

    /**
     * Everything that defines a grid search.
     *
     * @param encodingDim ED of the models
     * @param learningRates LRs to try
     * @param weightDecays WDs to try
     * @param folds k of k-fold cross-validation, at least 2
     * @param epochs epochs per fit
     * @param batchSize batch size
     * @param seed seed of the subset, the folds, initial weights and shuffling
     * @param trainLimit use a seeded random subset of this many training digits (0 = all)
     * @param maxLoss discard when a final validation MSE is above this
     * @param oscillation discard when upward moves over the last half exceed this fraction of
     *     the half's starting value
     * @param baselineMargin discard when a final validation MSE is not at least this fraction
     *     below the fold's mean-image baseline; below 1; a negative margin accepts that
     *     fraction above the baseline (a large one turns the rule off)
     */
    public record Options(int encodingDim, List<Double> learningRates, List<Double> weightDecays,
            int folds, int epochs, int batchSize, long seed, int trainLimit, double maxLoss,
            double oscillation, double baselineMargin) {

        /** The default margin of the never-learned rule: 10% below the mean-image baseline. */
        public static final double DEFAULT_BASELINE_MARGIN = 0.1;

        /** Validates and copies the lists; messages name the option. */
        public Options {
            learningRates = List.copyOf(learningRates);
            weightDecays = List.copyOf(weightDecays);
            require(!learningRates.isEmpty(), "--lr needs at least one learning rate");
            require(!weightDecays.isEmpty(), "--wd needs at least one weight decay");
            requireDistinct("--lr", learningRates);
            requireDistinct("--wd", weightDecays);
            for (double lr : learningRates) {
                require(lr > 0 && lr <= 10, "learning rates must be in (0, 10], got " + lr);
            }
            for (double wd : weightDecays) {
                require(wd >= 0 && wd <= 1, "weight decays must be in [0, 1], got " + wd);
            }
            require(encodingDim >= 1 && encodingDim <= 4096,
                    "encoding dimension must be between 1 and 4096, got " + encodingDim);
            require(folds >= 2, "folds must be at least 2, got " + folds);
            require(epochs >= 1, "epochs must be at least 1, got " + epochs);
            require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
            require(trainLimit >= 0, "training subset size must be >= 0 (0 = all), got " + trainLimit);
            require(maxLoss > 0, "max loss must be > 0, got " + maxLoss);
            require(oscillation > 0, "oscillation threshold must be > 0, got " + oscillation);
            require(Double.isFinite(baselineMargin) && baselineMargin < 1, "baseline margin "
                    + "must be a number below 1 (a fraction of the mean-image baseline), got "
                    + baselineMargin);
        }

        /** The options with the default baseline margin (as before it was an option). */
        public Options(int encodingDim, List<Double> learningRates, List<Double> weightDecays,
                int folds, int epochs, int batchSize, long seed, int trainLimit, double maxLoss,
                double oscillation) {
            this(encodingDim, learningRates, weightDecays, folds, epochs, batchSize, seed,
                    trainLimit, maxLoss, oscillation, DEFAULT_BASELINE_MARGIN);
        }

        /**
         * The study's grid: LR {1e-2, 1e-3, 1e-4} x WD {1e-3, 1e-4, 1e-5}, 3 folds, 20 epochs,
         * batch 1000, seed 1 (as training; see {@link TrainingConfig#defaults}), all digits,
         * thresholds 0.1, 25% and 10% below the mean-image baseline.
         *
         * @param encodingDim ED
         * @return the defaults
         */
        public static Options defaults(int encodingDim) {
            return builder(encodingDim).build();
        }

        /**
         * A builder that starts from {@link #defaults}; {@link GridSearchOptionsBuilder#build}
         * validates.
         *
         * @param encodingDim ED
         * @return the builder
         */
        public static GridSearchOptionsBuilder builder(int encodingDim) {
            return new GridSearchOptionsBuilder(encodingDim);
        }

        /** @return a builder that starts from these options */
        public GridSearchOptionsBuilder toBuilder() {
            return new GridSearchOptionsBuilder(encodingDim).learningRates(learningRates)
                    .weightDecays(weightDecays).folds(folds).epochs(epochs).batchSize(batchSize)
                    .seed(seed).trainLimit(trainLimit).maxLoss(maxLoss).oscillation(oscillation)
                    .baselineMargin(baselineMargin);
        }

        /** @return the number of fits, settings times folds */
        public int fits() {
            return learningRates.size() * weightDecays.size() * folds;
        }
    }

    /** A repeated value would train the same setting twice and list it twice. */
    private static void requireDistinct(String option, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.indexOf(values.get(i)) < i) {
                throw new IllegalArgumentException(option + " lists " + num(values.get(i))
                        + " twice");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The per-epoch losses of one fit.
     *
     * @param fold 0-based fold index
     * @param train mean training batch loss per epoch
     * @param validation MSE on the fold's validation digits per epoch (NaN after a divergence)
     */
    public record FoldCurve(int fold, double[] train, double[] validation) {

        /** Copies the arrays. */
        public FoldCurve {
            if (train.length != validation.length || train.length == 0) {
                throw new IllegalArgumentException("curves need the same, non-zero length");
            }
            train = train.clone();
            validation = validation.clone();
        }

        /** @return the last training loss */
        public double finalTrain() {
            return train[train.length - 1];
        }

        /** @return the last validation loss */
        public double finalValidation() {
            return validation[validation.length - 1];
        }
    }

    /**
     * The outcome of one (LR, WD) setting.
     *
     * @param lr learning rate
     * @param wd weight decay
     * @param folds one curve per fold
     * @param meanValMse mean final validation MSE over the folds
     * @param meanGap mean |final validation - final training| MSE over the folds
     * @param discarded whether the discard rule removed it
     * @param reason why it was discarded, or null
     */
    public record SettingResult(double lr, double wd, List<FoldCurve> folds, double meanValMse,
            double meanGap, boolean discarded, String reason) {

        /** Copies the list. */
        public SettingResult {
            folds = List.copyOf(folds);
        }

        /** @return e.g. {@code lr=0.01 wd=1e-05} */
        public String label() {
            return "lr=" + num(lr) + " wd=" + num(wd);
        }
    }

    /**
     * The outcome of a grid search.
     *
     * @param options the settings
     * @param settings every setting, in grid order (LR outer, WD inner)
     * @param ranking the kept settings, best first
     * @param winner the best kept setting, or null when all were discarded
     * @param why one line explaining the choice
     * @param dataSha256 {@link MnistData#checksum()} of the data the fits were trained on, or
     *     null when unknown (a file written before it was recorded)
     * @param baselines the mean-image baseline MSE of every fold, fold 1 first, or null when
     *     unknown (the never-learned rule was then not applied)
     */
    public record Result(Options options, List<SettingResult> settings,
            List<SettingResult> ranking, SettingResult winner, String why, String dataSha256,
            List<Double> baselines) {

        /** Copies the lists. */
        public Result {
            settings = List.copyOf(settings);
            ranking = List.copyOf(ranking);
            baselines = baselines == null ? null : List.copyOf(baselines);
            if (baselines != null && baselines.size() != options.folds()) {
                throw new IllegalArgumentException(baselines.size() + " baselines for "
                        + options.folds() + " folds");
            }
        }

        /**
         * @param s a setting of this result
         * @return its 1-based rank, or 0 when discarded
         */
        public int rank(SettingResult s) {
            return ranking.indexOf(s) + 1;
        }
    }

    /**
     * Progress of a grid search, reported after every epoch.
     *
     * @param fit 1-based index of the fit that reported
     * @param fits total fits
     * @param epoch epoch just finished within the fit
     * @param epochs epochs per fit
     * @param lr learning rate of the fit
     * @param wd weight decay of the fit
     * @param fold 0-based fold of the fit
     * @param seconds wall time since the search started
     * @param epochsDone epochs finished over all fits (with parallel workers, not only the
     *     fits before this one)
     */
    public record Progress(int fit, int fits, int epoch, int epochs, double lr, double wd,
            int fold, double seconds, long epochsDone) {

        /** Progress of a search that trains one fit after the other. */
        public Progress(int fit, int fits, int epoch, int epochs, double lr, double wd,
                int fold, double seconds) {
            this(fit, fits, epoch, epochs, lr, wd, fold, seconds,
                    Math.max(0, (long) (fit - 1) * epochs + epoch));
        }

        /** @return estimated seconds left, from the mean time per finished epoch */
        public double etaSeconds() {
            long total = (long) fits * epochs;
            return epochsDone == 0 ? Double.NaN : seconds / epochsDone * (total - epochsDone);
        }

        /** @return e.g. {@code lr=0.01 wd=0.0001} */
        public String label() {
            return "lr=" + num(lr) + " wd=" + num(wd);
        }
    }

    /** Receives {@link Progress} on the training thread; must return quickly. */
    @FunctionalInterface
    public interface Listener {
        /** @param progress where the search stands */
        void onProgress(Progress progress);
    }

    /**
     * Opens a search to be advanced one step at a time (see {@link GridSearchStepper}).
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @return the stepper, before its first step (nothing trained yet; any thread)
     */
    public static GridSearchStepper open(MnistData data, Options options) {
        return open(data, options, List.of());
    }

    /**
     * Opens what is left of a search: settings in {@code finished} (from an earlier,
     * interrupted search with the same options and data) are taken as they are, the others
     * are trained.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param finished settings already done; each must be in the grid and have
     *     {@code options.folds()} curves of {@code options.epochs()} epochs
     * @return the stepper; fits are counted over the settings still to train
     * @throws IllegalArgumentException if a finished setting is not part of this grid
     */
    public static GridSearchStepper open(MnistData data, Options options,
            List<SettingResult> finished) {
        return new GridSearchStepper(data, options, finished);
    }

    /**
     * Runs the whole grid.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param listener progress, or null
     * @param control cancel (and pause), or null
     * @return the outcome
     * @throws Cancelled if cancelled
     * @throws IOException never in practice (nothing is saved)
     */
    public static Result run(MnistData data, Options options, Listener listener,
            TrainingControl control) throws IOException {
        return run(data, options, listener, control, List.of(), null);
    }

    /**
     * Runs the grid, or what is left of it (see {@link #open(MnistData, Options, List)}), by
     * driving a {@link GridSearchStepper} to its end on the calling thread. After every
     * setting the result so far goes to {@code afterSetting}, e.g. to save it, so that an
     * interruption loses at most the setting in progress.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param listener progress, or null; fits are counted over the settings still to train
     * @param control cancel (and pause), checked between steps, or null
     * @param finished settings already done
     * @param afterSetting receives the ranked result so far (finished settings only, in grid
     *     order) after every newly trained setting, or null
     * @return the outcome
     * @throws Cancelled if cancelled; it carries the settings finished so far
     * @throws IOException if {@code afterSetting} fails to save
     */
    public static Result run(MnistData data, Options options, Listener listener,
            TrainingControl control, List<SettingResult> finished, SettingHook afterSetting)
            throws IOException {
        TrainingControl ctl = control == null ? new TrainingControl() : control;
        try (GridSearchStepper search = open(data, options, finished).listener(listener)
                .afterSetting(afterSetting)) {
            while (true) {
                if (!ctl.awaitRunnable()) {
                    search.cancel();
                }
                if (!search.step()) {
                    break;
                }
            }
            if (search.wasStopped()) {
                throw new Cancelled("grid search cancelled at fit " + search.stoppedAtFit()
                        + " of " + search.fits(), search.partial());
            }
            return search.result();
        }
    }

    /** Receives the result so far after each setting (see {@link #run}). */
    @FunctionalInterface
    public interface SettingHook {
        /**
         * @param soFar the finished settings, ranked
         * @throws IOException if saving them fails (ends the search)
         */
        void accept(Result soFar) throws IOException;
    }

    /** A cancelled search, with the settings it finished before the cancel. */
    public static final class Cancelled extends CancellationException {
        private static final long serialVersionUID = 1L;
        private final transient Result partial;

        Cancelled(String message, Result partial) {
            super(message);
            this.partial = partial;
        }

        /** @return the settings finished (all folds) before the cancel, ranked; may be empty */
        public Result partial() {
            return partial;
        }
    }

    /**
     * Applies the discard rule to one setting's curves, baselines unknown (so the never-learned
     * rule is not applied), and computes its means.
     *
     * @param lr learning rate
     * @param wd weight decay
     * @param curves one curve per fold
     * @param maxLoss highest acceptable final validation MSE
     * @param oscillation highest acceptable sum of upward moves, as a fraction
     * @return the setting's result
     */
    public static SettingResult evaluate(double lr, double wd, List<FoldCurve> curves,
            double maxLoss, double oscillation) {
        return GridSearchRanking.evaluate(lr, wd, curves, maxLoss, oscillation, null, 0);
    }

    /**
     * Applies the whole discard rule to one setting's curves and computes its means.
     *
     * @param lr learning rate
     * @param wd weight decay
     * @param curves one curve per fold
     * @param options the thresholds ({@link Options#maxLoss}, {@link Options#oscillation},
     *     {@link Options#baselineMargin})
     * @param baselines the mean-image baseline of every fold (indexed by
     *     {@link FoldCurve#fold()}), or null when unknown
     * @return the setting's result
     */
    public static SettingResult evaluate(double lr, double wd, List<FoldCurve> curves,
            Options options, List<Double> baselines) {
        return GridSearchRanking.evaluate(lr, wd, curves, options.maxLoss(),
                options.oscillation(), baselines, options.baselineMargin());
    }

    /**
     * Applies the discard rule of {@code options} again to every setting's curves and ranks
     * them: a saved search judged by today's rules and thresholds, without retraining.
     *
     * @param earlier a search (its settings' curves are used)
     * @param options the thresholds to apply; the grid must be {@code earlier}'s
     * @param baselines the mean-image baseline of every fold, or null when unknown
     * @return the re-ranked outcome, with {@code earlier}'s data checksum
     */
    public static Result rerank(Result earlier, Options options, List<Double> baselines) {
        List<SettingResult> again = earlier.settings().stream().map(s -> evaluate(s.lr(),
                s.wd(), s.folds(), options, baselines)).toList();
        return rank(options, again, earlier.dataSha256(), baselines);
    }

    /**
     * Ranks the kept settings and picks the winner, data unknown.
     *
     * @param options the grid's settings (for the record)
     * @param results every setting, discarded ones included
     * @return the outcome
     */
    public static Result rank(Options options, List<SettingResult> results) {
        return rank(options, results, null);
    }

    /**
     * Ranks the kept settings and picks the winner.
     *
     * @param options the grid's settings (for the record)
     * @param results every setting, discarded ones included
     * @param dataSha256 checksum of the data the fits were trained on, or null
     * @return the outcome
     */
    public static Result rank(Options options, List<SettingResult> results, String dataSha256) {
        return rank(options, results, dataSha256, null);
    }

    /**
     * Ranks the kept settings and picks the winner.
     *
     * @param options the grid's settings (for the record)
     * @param results every setting, discarded ones included
     * @param dataSha256 checksum of the data the fits were trained on, or null
     * @param baselines the mean-image baseline of every fold the settings were judged by, or
     *     null when unknown
     * @return the outcome
     */
    public static Result rank(Options options, List<SettingResult> results, String dataSha256,
            List<Double> baselines) {
        return GridSearchRanking.rank(options, results, dataSha256, baselines);
    }

    /**
     * @param v a number
     * @return plain decimal without trailing zeros, e.g. 0.00001 or 0.01 or 25
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
