package io.latentlab.study;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingResult;
import io.latentlab.training.TrainingSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one engine of a grid search, advanced one step at a time: a {@link #step()} opens the
 * next fit, trains one batch or evaluates one epoch. {@link GridSearch#run} drives it in a loop
 * (the CLI); the app runs one step per engine job, so other engine work runs in between and a
 * paused search holds no thread. Made by {@link GridSearch#open}; every method but
 * {@link #cancel()} and the accessors runs on the thread that owns DJL.
 */
public final class GridSearchStepper implements AutoCloseable {

    private final MnistData data;
    private final GridSearch.Options options;
    private final GridTrials trials;
    private final int fits;
    private final List<GridSearch.SettingResult> finished;
    private final List<GridSearch.SettingResult> results = new ArrayList<>();
    private final List<GridSearch.FoldCurve> curves = new ArrayList<>();
    /** Mean-image baseline per fold; computed before the first fit (plain Java, ~0.1 s). */
    private List<Double> baselines;
    private GridSearch.Listener listener = p -> { };
    private GridSearch.SettingHook afterSetting;
    private volatile boolean cancelRequested;
    private int lrIndex;
    private int wdIndex;
    private int fold;
    private int fit;
    private long start;
    private Autoencoder model;
    private TrainingSession session;
    private volatile GridSearch.Progress progress;
    private volatile double fraction;
    private boolean done;
    private boolean stopped;
    private int stoppedAtFit;

    GridSearchStepper(MnistData data, GridSearch.Options options,
            List<GridSearch.SettingResult> finished) {
        for (GridSearch.SettingResult s : finished) {
            if (!options.learningRates().contains(s.lr())
                    || !options.weightDecays().contains(s.wd())
                    || s.folds().size() != options.folds()
                    || s.folds().get(0).train().length != options.epochs()) {
                throw new IllegalArgumentException(s.label() + " (" + s.folds().size()
                        + " folds of " + s.folds().get(0).train().length + " epochs) is not part "
                        + "of this grid (" + options.folds() + " folds of " + options.epochs()
                        + " epochs)");
            }
        }
        this.data = data;
        this.options = options;
        this.trials = new GridTrials(data, options);
        if (!finished.isEmpty()) {
            // a resumed search is judged as a whole by today's rules (a saved one may predate
            // the baseline rule); a fresh one computes the baselines on its first step instead
            baselines = trials.baselines();
        }
        this.finished = finished.stream().map(s -> GridSearch.evaluate(s.lr(), s.wd(),
                s.folds(), options, baselines)).toList();
        int settings = options.learningRates().size() * options.weightDecays().size();
        this.fits = (settings - (int) finished.stream().map(s -> List.of(s.lr(), s.wd()))
                .distinct().count()) * options.folds();
        this.progress = new GridSearch.Progress(0, fits, 0, options.epochs(), lr(), wd(), 0, 0);
        skipFinished();
    }

    /**
     * @param l receives a {@link GridSearch.Progress} after every epoch, on the stepping thread
     * @return this
     */
    public GridSearchStepper listener(GridSearch.Listener l) {
        listener = l == null ? p -> { } : l;
        return this;
    }

    /**
     * @param hook receives the ranked result so far after every newly trained setting (e.g. to
     *     save it, so an interruption loses at most the setting in progress), or null; if it
     *     throws, {@link #step()} throws and the search ends
     * @return this
     */
    public GridSearchStepper afterSetting(GridSearch.SettingHook hook) {
        afterSetting = hook;
        return this;
    }

    /** @return the settings */
    public GridSearch.Options options() {
        return options;
    }

    /** Asks the search to stop at its next step (any thread); finished settings are kept. */
    public void cancel() {
        cancelRequested = true;
    }

    /**
     * @return where the search stands (any thread): the current fit (1-based, counted over
     *     the fits still to train), its fold and the epochs it has finished
     */
    public GridSearch.Progress progress() {
        return progress;
    }

    /** @return share of the fits to train that is done, 0..1 (any thread) */
    public double fraction() {
        return fraction;
    }

    /** @return the number of fits this search trains (finished settings not counted) */
    public int fits() {
        return fits;
    }

    /**
     * Runs one step.
     *
     * @return true while there is more to do
     * @throws IOException if the {@link #afterSetting} hook fails to save
     */
    public boolean step() throws IOException {
        if (done) {
            return false;
        }
        try {
            if (session == null) {
                if (cancelRequested) {
                    stop(Math.min(fits, fit + 1));
                } else {
                    openFit();
                }
                return !done;
            }
            if (cancelRequested) {
                session.cancel();
            }
            if (!session.step()) {
                endFit(session.result());
            }
            return !done;
        } catch (IOException | RuntimeException | Error e) {
            close();
            done = true;
            throw e;
        }
    }

    /** @return whether the search has ended (completed, or stopped by a cancel) */
    public boolean isDone() {
        return done;
    }

    /** @return whether a cancel ended it before every setting was trained */
    public boolean wasStopped() {
        return stopped;
    }

    /**
     * @return the 1-based fit a cancel stopped (the one in progress, or the next one when
     *     none was open), for messages
     */
    int stoppedAtFit() {
        return stoppedAtFit;
    }

    /**
     * @return the outcome once the search has completed
     * @throws IllegalStateException if it has not, or was stopped
     */
    public GridSearch.Result result() {
        if (!done || stopped) {
            throw new IllegalStateException("the grid search has not completed");
        }
        return partial();
    }

    /** @return the settings finished so far (all folds trained), ranked; may be empty */
    public GridSearch.Result partial() {
        return GridSearch.rank(options, results, data.checksum(), baselines);
    }

    private double lr() {
        return options.learningRates().get(Math.min(lrIndex,
                options.learningRates().size() - 1));
    }

    private double wd() {
        return options.weightDecays().get(wdIndex);
    }

    /** Takes finished settings as they are, up to the next one to train (or the end). */
    private void skipFinished() {
        while (lrIndex < options.learningRates().size()) {
            double lr = lr();
            double wd = wd();
            GridSearch.SettingResult f = finished.stream()
                    .filter(s -> s.lr() == lr && s.wd() == wd).findFirst().orElse(null);
            if (f == null) {
                return;
            }
            results.add(f);
            nextSetting();
        }
        done = true;
        fraction = 1;
    }

    private void nextSetting() {
        if (++wdIndex == options.weightDecays().size()) {
            wdIndex = 0;
            lrIndex++;
        }
    }

    private void openFit() throws IOException {
        if (fit == 0) {
            start = System.nanoTime();
        }
        if (baselines == null) {
            baselines = trials.baselines();
        }
        fit++;
        model = trials.newModel();
        session = trials.open(new GridTrial(lr(), wd(), fold), model, this::onEvent, null);
        moved(0, 0);
    }

    private void onEvent(TrainingEvent e) {
        if (e instanceof TrainingEvent.BatchEnd b) {
            moved(b.epoch() - 1, (double) b.batch() / (b.batches() + 1));
        } else if (e instanceof TrainingEvent.EpochEnd end) {
            moved(end.metrics().epoch(), 0);
            listener.onProgress(progress);
        }
    }

    /** @param epochsDone finished epochs of this fit, @param withinEpoch share of the next */
    private void moved(int epochsDone, double withinEpoch) {
        double fitShare = Math.min(1, (epochsDone + withinEpoch) / options.epochs());
        progress = new GridSearch.Progress(fit, fits, epochsDone, options.epochs(), lr(), wd(),
                fold, (System.nanoTime() - start) / 1e9);
        fraction = (fit - 1 + fitShare) / fits;
    }

    private void endFit(TrainingResult r) throws IOException {
        closeFit();
        if (r.reason() == StopReason.CANCELLED) {
            stop(fit);
            return;
        }
        curves.add(trials.curve(fold, r.history()));
        fold++;
        if (fold < options.folds()) {
            return;
        }
        results.add(GridSearch.evaluate(lr(), wd(), curves, options, baselines));
        curves.clear();
        fold = 0;
        nextSetting();
        skipFinished();
        if (afterSetting != null) {
            afterSetting.accept(partial());
        }
    }

    private void stop(int atFit) {
        done = true;
        stopped = true;
        stoppedAtFit = atFit;
    }

    private void closeFit() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /** Frees the fit in progress, if any (DJL thread); safe to call twice. */
    @Override
    public void close() {
        closeFit();
    }
}
