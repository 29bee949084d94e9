package io.latentlab.study;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the fits of a grid search are trained: threads of this process
 * ({@link LocalTrialWorkers}) or the members of a cluster. {@link TrialScheduler} hands them
 * every fit and collects the curves in whatever order they finish.
 */
public interface TrialWorkers extends AutoCloseable {

    /** Receives a fit's progress, on any thread; must return quickly. */
    @FunctionalInterface
    interface EpochSink {
        /**
         * @param trial the fit
         * @param epoch epochs it has finished
         */
        void epochEnded(GridTrial trial, int epoch);
    }

    /**
     * What one worker is doing.
     *
     * @param worker its name, e.g. {@code thread 2} or a member's address
     * @param trial the fit it trains, or null when idle
     * @param epoch epochs that fit has finished
     */
    record Activity(String worker, GridTrial trial, int epoch) {}

    /**
     * Queues a fit.
     *
     * @param trial the fit
     * @param sink its progress
     * @return its curve; completes exceptionally if the fit fails or is cancelled
     */
    CompletableFuture<GridSearch.FoldCurve> submit(GridTrial trial, EpochSink sink);

    /** @return what every worker is doing now (any thread) */
    List<Activity> activity();

    /** @return how many fits train at the same time */
    int parallelism();

    /** Stops the fits in progress at their next batch and drops the queued ones. */
    void cancel();

    /** Ends the workers; fits still running are cancelled. */
    @Override
    void close();
}
