package io.latentlab.cluster;

import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrial;
import io.latentlab.study.TrialWorkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Workers whose finished fits are saved to a {@link FitLog} as they arrive, and which take a
 * fit the log already holds from it instead of training it again.
 */
final class LoggedWorkers implements TrialWorkers {

    private final TrialWorkers delegate;
    private final FitLog log;
    private final Map<GridTrial, GridSearch.FoldCurve> saved;

    LoggedWorkers(TrialWorkers delegate, FitLog log) {
        this.delegate = delegate;
        this.log = log;
        this.saved = log.fits();
    }

    @Override
    public CompletableFuture<GridSearch.FoldCurve> submit(GridTrial trial, EpochSink sink) {
        GridSearch.FoldCurve done = saved.get(trial);
        if (done != null) {
            return CompletableFuture.completedFuture(done);
        }
        return delegate.submit(trial, sink).thenApply(c -> {
            try {
                log.add(trial, c);
            } catch (IOException e) {
                // ends the search: a fit that cannot be saved would be lost on a resume
                throw new UncheckedIOException(log.path() + ": cannot save the fit "
                        + trial.label() + ": " + e.getMessage(), e);
            }
            return c;
        });
    }

    @Override
    public List<Activity> activity() {
        return delegate.activity();
    }

    @Override
    public int parallelism() {
        return delegate.parallelism();
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
