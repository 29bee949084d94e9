package io.latentlab.service;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchStepper;

import java.io.IOException;

/**
 * A grid search for the app, driven one step at a time as a stepped engine job: other engine
 * work runs between its steps and a paused search holds no thread. A thin view of
 * {@link GridSearchStepper}, the engine {@link GridSearch#run} drives too, so both train the
 * same fits with the same numbers. Every method but the constructor, {@link #cancel()} and
 * the accessors runs on the thread that owns DJL.
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

    private final GridSearchStepper search;

    /**
     * Prepares the search (plain Java, any thread); nothing is trained until {@link #step()}.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     */
    public GridSearchRun(MnistData data, GridSearch.Options options) {
        this.search = GridSearch.open(data, options);
    }

    /** @return the settings */
    public GridSearch.Options options() {
        return search.options();
    }

    /** Asks the search to stop at its next step (any thread); finished settings are kept. */
    public void cancel() {
        search.cancel();
    }

    /** @return where the search stands (any thread) */
    public Position position() {
        GridSearch.Progress p = search.progress();
        return new Position(p.fit(), p.fits(), p.label(), p.fold(), p.epoch(), p.epochs(),
                search.fraction());
    }

    /**
     * Runs one step: opens a fit, trains one batch or evaluates one epoch.
     *
     * @return true while there is more to do
     * @throws IOException never in practice (nothing is saved)
     */
    public boolean step() throws IOException {
        return search.step();
    }

    /** @return whether the search has ended (completed, or stopped by a cancel) */
    public boolean isDone() {
        return search.isDone();
    }

    /** @return whether a cancel ended it before every setting was trained */
    public boolean wasStopped() {
        return search.wasStopped();
    }

    /**
     * @return the outcome once the search has completed
     * @throws IllegalStateException if it has not, or was stopped
     */
    public GridSearch.Result result() {
        return search.result();
    }

    /** @return the settings finished so far (all folds trained), ranked; may be empty */
    public GridSearch.Result partial() {
        return search.partial();
    }

    /** Frees the fit in progress, if any (engine thread); safe to call twice. */
    @Override
    public void close() {
        search.close();
    }
}
