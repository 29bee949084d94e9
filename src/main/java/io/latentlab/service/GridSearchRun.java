package io.latentlab.service;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrials;
import io.latentlab.study.LocalTrialWorkers;
import io.latentlab.study.TrialScheduler;
import io.latentlab.study.TrialWorkers;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A grid search for the app: its fits train side by side on worker threads of their own (each
 * owns its models and arrays), so the engine thread stays free for the views while it runs.
 * Driven in steps by a worker job: {@link #start}, then {@link #step()} (each waits at most
 * 0.1 s for a fit to report) until it returns false, then {@link #result()}. Same fits and
 * numbers as {@code grid-search --workers N}.
 */
public final class GridSearchRun implements AutoCloseable {

    /**
     * Where the search stands.
     *
     * @param fitsDone fits finished
     * @param fits all fits
     * @param fraction share of the epochs done, 0..1
     * @param activity one line per worker: what it trains, or that it is idle
     */
    public record Position(int fitsDone, int fits, double fraction, List<String> activity) {

        /** Copies the list. */
        public Position {
            activity = List.copyOf(activity);
        }
    }

    private final GridTrials trials;
    private final int workers;
    private final ClusterConnection cluster;
    private final TrainingControl control = new TrainingControl();
    private final int fits;
    private volatile GridSearch.Result partial;
    private TrialWorkers pool;
    private volatile TrialScheduler scheduler;

    /**
     * Prepares the search (plain Java, any thread); nothing is trained until {@link #run}.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param workers fits side by side, at least 1 (each gets its share of the cores)
     */
    public GridSearchRun(MnistData data, GridSearch.Options options, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.trials = new GridTrials(data, options);
        this.workers = workers;
        this.cluster = null;
        this.fits = trials.pending(List.of()).size();
        this.partial = GridSearch.rank(options, List.of(), data.checksum());
    }

    /**
     * A search whose fits go to the members of a cluster (this app's member among them, with
     * the workers it joined with).
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param cluster the connection
     */
    public GridSearchRun(MnistData data, GridSearch.Options options, ClusterConnection cluster) {
        this.trials = new GridTrials(data, options);
        this.workers = 0;
        this.cluster = cluster;
        this.fits = trials.pending(List.of()).size();
        this.partial = GridSearch.rank(options, List.of(), data.checksum());
    }

    /** @return the settings */
    public GridSearch.Options options() {
        return trials.options();
    }

    /** @return fits side by side: this machine's workers, or every member's on a cluster */
    public int workers() {
        return pool != null ? pool.parallelism() : workers;
    }

    /** Asks the search to stop (any thread); the fits in progress end at their next batch. */
    public void cancel() {
        control.cancel();
    }

    /**
     * Starts the fits on threads of their own (returns at once; any thread but FX).
     *
     * @param cancelled polled by {@link #step()}; true cancels (a job's cancel flag)
     * @throws IllegalStateException if already started
     */
    public void start(BooleanSupplier cancelled) {
        if (pool != null) {
            throw new IllegalStateException("already started");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        pool = cluster != null ? cluster.workers(trials) : new LocalTrialWorkers(trials, workers,
                LocalTrialWorkers.threadsPerWorker(cores, workers), control);
        scheduler = new TrialScheduler(trials, pool).cancelWhen(cancelled)
                .afterSetting(soFar -> partial = soFar);
        scheduler.start(control, List.of());
    }

    /**
     * Waits briefly (at most 0.1 s) for a fit to report and takes it in (a worker thread,
     * never the FX or engine thread).
     *
     * @return true while fits are training
     */
    public boolean step() {
        boolean more = scheduler.step();
        if (!more) {
            pool.close();
        }
        return more;
    }

    /** @return where the search stands (any thread) */
    public Position position() {
        if (scheduler == null) {
            return new Position(0, fits, 0, List.of());
        }
        return new Position(scheduler.fitsDone(), fits, scheduler.fraction(),
                describe(pool.activity(), trials.options().epochs()));
    }

    /**
     * @return the outcome once {@link #step()} returned false
     * @throws GridSearch.Cancelled if cancelled; {@link #partial()} holds the settings
     *     finished before
     * @throws IOException never in practice (nothing is saved)
     */
    public GridSearch.Result result() throws IOException {
        try {
            GridSearch.Result r = scheduler.result();
            partial = r;
            return r;
        } catch (GridSearch.Cancelled c) {
            partial = c.partial();
            throw c;
        }
    }

    /**
     * Holds the fits at their next batch, or lets them go on (any thread). On a cluster only
     * this app's own fits hold; the members' go on.
     */
    public void pause(boolean paused) {
        if (paused) {
            control.pause();
        } else {
            control.resume();
        }
    }

    /** Ends the worker threads; fits still running are cancelled. Safe to call twice. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** @return the settings finished so far (all folds trained), ranked; may be empty */
    public GridSearch.Result partial() {
        return partial;
    }

    /**
     * @param activity what each worker does
     * @param epochs epochs per fit
     * @return e.g. {@code thread 1: lr=0.01 wd=0.001 fold 2, epoch 3 of 5}
     */
    static List<String> describe(List<TrialWorkers.Activity> activity, int epochs) {
        List<String> out = new ArrayList<>();
        for (TrialWorkers.Activity a : activity) {
            out.add(a.trial() == null ? a.worker() + ": idle"
                    : String.format(Locale.ROOT, "%s: %s, epoch %d of %d", a.worker(),
                            a.trial().label(), Math.min(epochs, a.epoch() + 1), epochs));
        }
        return out;
    }
}
