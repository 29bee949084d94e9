package io.latentlab.service;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.study.Folds;
import io.latentlab.study.GridSearch;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.Monitor;
import io.latentlab.training.Split;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;
import io.latentlab.training.TrainingSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A grid search (same fits, same numbers as {@link GridSearch#run}) driven one step at a time,
 * so the app runs it as a stepped engine job: other engine work runs between its steps and a
 * paused search holds no thread. A step trains one batch, evaluates one epoch, or opens the
 * next fit. Every method but the constructor, {@link #cancel()} and the accessors runs on the
 * thread that owns DJL.
 */
public final class GridSearchRun implements AutoCloseable {

    /**
     * Where the search stands.
     *
     * @param fit 1-based current fit
     * @param fits all fits
     * @param label the fit's setting, e.g. {@code lr=0.01 wd=0.0001}
     * @param fold 0-based fold of the fit
     * @param epoch epochs finished within the fit
     * @param epochs epochs per fit
     * @param fraction share of the whole search done, 0..1
     */
    public record Position(int fit, int fits, String label, int fold, int epoch, int epochs,
            double fraction) {}

    private final MnistData data;
    private final GridSearch.Options options;
    private final int[] pool;
    private final Folds folds;
    private final int fits;
    private final List<GridSearch.SettingResult> results = new ArrayList<>();
    private final List<GridSearch.FoldCurve> curves = new ArrayList<>();
    private volatile boolean cancelRequested;
    private int lrIndex;
    private int wdIndex;
    private int fold;
    private int fit;
    private Autoencoder model;
    private TrainingSession session;
    private volatile Position position;
    private boolean done;
    private boolean stopped;

    /**
     * Prepares the search (plain Java, any thread); nothing is trained until {@link #step()}.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     */
    public GridSearchRun(MnistData data, GridSearch.Options options) {
        this.data = data;
        this.options = options;
        this.pool = Split.of(data.train().size(), options.trainLimit(), 0, options.seed()).train();
        this.folds = Folds.of(pool.length, options.folds(), options.seed());
        this.fits = options.fits();
        this.position = new Position(0, fits, label(), 0, 0, options.epochs(), 0);
    }

    /** @return the settings */
    public GridSearch.Options options() {
        return options;
    }

    /** Asks the search to stop at its next step (any thread); finished settings are kept. */
    public void cancel() {
        cancelRequested = true;
    }

    /** @return where the search stands (any thread) */
    public Position position() {
        return position;
    }

    /**
     * Runs one step.
     *
     * @return true while there is more to do
     * @throws IOException never in practice (no checkpoints are written)
     */
    public boolean step() throws IOException {
        if (done) {
            return false;
        }
        try {
            if (session == null) {
                if (cancelRequested) {
                    stop();
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
     * @return the outcome once the search has completed
     * @throws IllegalStateException if it has not, or was stopped
     */
    public GridSearch.Result result() {
        if (!done || stopped) {
            throw new IllegalStateException("the grid search has not completed");
        }
        return GridSearch.rank(options, results);
    }

    /** @return the settings finished so far (all folds trained), ranked; may be empty */
    public GridSearch.Result partial() {
        return GridSearch.rank(options, results);
    }

    private double lr() {
        return options.learningRates().get(lrIndex);
    }

    private double wd() {
        return options.weightDecays().get(wdIndex);
    }

    private String label() {
        return "lr=" + GridSearch.num(lr()) + " wd=" + GridSearch.num(wd());
    }

    private void openFit() throws IOException {
        fit++;
        // As GridSearch.run: the fold's validation digits are the session's *test* set, which
        // it evaluates every epoch; no validation split, no early stopping.
        Dataset train = data.train().subset(select(pool, folds.training(fold)));
        Dataset val = data.train().subset(select(pool, folds.validation(fold)));
        MnistData foldData = new MnistData(train, val, data.dir(), data.checksum());
        TrainingConfig config = new TrainingConfig(options.encodingDim(), lr(), wd(),
                options.batchSize(), options.epochs(), 0, 0, options.seed(), 0, 0,
                Monitor.TRAIN, true);
        model = Autoencoder.create(options.encodingDim(), options.seed());
        session = new TrainingLoop(config, foldData, this::onEvent, null).open(model, null, null);
        moved(0, 0);
    }

    private void onEvent(TrainingEvent e) {
        if (e instanceof TrainingEvent.BatchEnd b) {
            moved(b.epoch() - 1, (double) b.batch() / (b.batches() + 1));
        } else if (e instanceof TrainingEvent.EpochEnd end) {
            moved(end.metrics().epoch(), 0);
        }
    }

    /** @param epochsDone finished epochs of this fit, @param withinEpoch share of the next */
    private void moved(int epochsDone, double withinEpoch) {
        double fitShare = Math.min(1, (epochsDone + withinEpoch) / options.epochs());
        position = new Position(fit, fits, label(), fold, epochsDone, options.epochs(),
                (fit - 1 + fitShare) / fits);
    }

    private void endFit(TrainingResult r) {
        closeFit();
        if (r.reason() == StopReason.CANCELLED) {
            stop();
            return;
        }
        curves.add(curve(fold, r.history(), options.epochs()));
        fold++;
        if (fold < folds.count()) {
            return;
        }
        results.add(GridSearch.evaluate(lr(), wd(), curves, options.maxLoss(),
                options.oscillation()));
        curves.clear();
        fold = 0;
        if (++wdIndex == options.weightDecays().size()) {
            wdIndex = 0;
            lrIndex++;
        }
        if (lrIndex == options.learningRates().size()) {
            done = true;
            position = new Position(fits, fits, position.label(), folds.count() - 1,
                    options.epochs(), options.epochs(), 1);
        }
    }

    private void stop() {
        done = true;
        stopped = true;
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

    /** Frees the fit in progress, if any (engine thread); safe to call twice. */
    @Override
    public void close() {
        closeFit();
    }

    private static int[] select(int[] pool, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = pool[positions[i]];
        }
        return out;
    }

    /** Epochs a diverged fit did not reach are NaN, so the non-finite rule discards it. */
    private static GridSearch.FoldCurve curve(int fold, List<EpochMetrics> history, int epochs) {
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
