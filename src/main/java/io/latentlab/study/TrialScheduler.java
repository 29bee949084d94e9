package io.latentlab.study;

import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A grid search whose fits train side by side on {@link TrialWorkers}: fits are handed out in
 * grid order as workers free up, and the curves are collected as they finish. A setting is judged when its
 * last fold arrives and handed to the {@code afterSetting} hook (to save it), so an interruption
 * loses at most the settings in progress. Listener and hook run on the thread that called
 * {@link #run}, never on a worker. The result equals a sequential search's: each fit depends only
 * on the options, the data and its (LR, WD, fold).
 */
public final class TrialScheduler {

    private static final long POLL_MS = 100;

    private final GridTrials trials;
    private final TrialWorkers workers;
    private GridSearch.Listener listener = p -> { };
    private GridSearch.SettingHook afterSetting;
    private BooleanSupplier cancelWhen = () -> false;
    private volatile double fraction;
    private volatile int fitsDone;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<GridTrial, Integer> epochs = new HashMap<>();
    private final Map<GridTrial, GridSearch.FoldCurve> curves = new HashMap<>();
    private final List<GridSearch.SettingResult> results = new ArrayList<>();
    private TrainingControl control;
    private List<Double> baselines;
    private List<GridTrial> pending;
    private long total;
    private long startNanos;
    private int ended;
    private int submitted;
    private boolean cancelled;
    private boolean stopSent;
    private boolean interrupted;
    private Throwable failure;

    private sealed interface Event permits Epoch, Done {}

    private record Epoch(GridTrial trial, int epoch) implements Event {}

    private record Done(GridTrial trial, GridSearch.FoldCurve curve, Throwable error)
            implements Event {}

    /**
     * @param trials the search's fits
     * @param workers where they train
     */
    public TrialScheduler(GridTrials trials, TrialWorkers workers) {
        this.trials = trials;
        this.workers = workers;
    }

    /**
     * @param l receives a {@link GridSearch.Progress} after every epoch of every fit, on the
     *     thread that called {@link #run}
     * @return this
     */
    public TrialScheduler listener(GridSearch.Listener l) {
        listener = l == null ? p -> { } : l;
        return this;
    }

    /**
     * @param hook receives the ranked result so far after every newly finished setting, or
     *     null; if it throws, the search ends
     * @return this
     */
    public TrialScheduler afterSetting(GridSearch.SettingHook hook) {
        afterSetting = hook;
        return this;
    }

    /**
     * @param cancelled polled every {@value #POLL_MS} ms while waiting: true cancels the search
     *     (e.g. a UI job's cancel flag)
     * @return this
     */
    public TrialScheduler cancelWhen(BooleanSupplier cancelled) {
        cancelWhen = cancelled;
        return this;
    }

    /** @return share of the epochs to train that is done, 0..1 (any thread) */
    public double fraction() {
        return fraction;
    }

    /** @return fits finished so far (any thread) */
    public int fitsDone() {
        return fitsDone;
    }

    /** @return what every worker is doing (any thread) */
    public List<TrialWorkers.Activity> activity() {
        return workers.activity();
    }

    /**
     * Runs the fits still to train and waits for them: {@link #start}, {@link #step} until it
     * returns false, {@link #result}.
     *
     * @param control cancel, checked every {@value #POLL_MS} ms (the workers check it, and
     *     pause, between batches), or null
     * @param finished settings already done
     * @return the outcome
     * @throws GridSearch.Cancelled if cancelled; it carries the settings finished so far
     * @throws IOException if the hook fails to save
     */
    public GridSearch.Result run(TrainingControl control, List<GridSearch.SettingResult> finished)
            throws IOException {
        start(control, finished);
        while (step()) {
            // each step handles one event
        }
        return result();
    }

    /**
     * Prepares the fits still to train; {@link #step} hands them to the workers (any thread;
     * returns at once).
     *
     * @param control cancel, checked by {@link #step} (the workers check it, and pause,
     *     between batches), or null
     * @param finished settings already done
     * @throws IllegalStateException if already started
     */
    public void start(TrainingControl control, List<GridSearch.SettingResult> finished) {
        if (pending != null) {
            throw new IllegalStateException("already started");
        }
        this.control = control;
        GridSearch.Options options = trials.options();
        baselines = trials.baselines();
        for (GridSearch.SettingResult s : finished) {
            results.add(GridSearch.evaluate(s.lr(), s.wd(), s.folds(), options, baselines));
        }
        pending = trials.pending(finished);
        total = (long) pending.size() * options.epochs();
        startNanos = System.nanoTime();
    }

    /** Keeps as many fits in flight as the workers train at once, unless stopping. */
    private void topUp() {
        int room = Math.max(1, workers.parallelism()) - (submitted - ended);
        for (; room > 0 && submitted < pending.size(); room--) {
            GridTrial t = pending.get(submitted++);
            workers.submit(t, (trial, epoch) -> events.add(new Epoch(trial, epoch)))
                    .whenComplete((curve, error) -> events.add(new Done(t, curve, error)));
        }
    }

    /**
     * Waits up to {@value #POLL_MS} ms for one fit to report and handles it: progress to the
     * listener, a finished setting to the hook. Call on one thread, after {@link #start}.
     *
     * @return true while fits are still training
     */
    public boolean step() {
        if (!cancelled && failure == null && (control != null && control.isCancelled()
                || cancelWhen.getAsBoolean())) {
            cancelled = true;
        }
        if (cancelled || failure != null) {
            if (!stopSent) {
                stopSent = true;
                workers.cancel();
            }
        } else {
            // fits are handed out only as workers free up, so a cancel starts no new one
            topUp();
        }
        if (ended == submitted) {
            return false;
        }
        Event e;
        if (interrupted) {
            // an interrupted thread cannot wait any more: take what has come, briefly yielding
            e = events.poll();
            if (e == null) {
                Thread.onSpinWait();
                Thread.yield();
            }
        } else {
            try {
                e = events.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                // an interrupt cancels; the flag is restored once the fits have ended
                interrupted = true;
                e = null;
                cancelled = true;
            }
        }
        GridSearch.Options options = trials.options();
        if (e instanceof Epoch ep) {
            epochs.put(ep.trial(), ep.epoch());
            long done = epochs.values().stream().mapToLong(Integer::longValue).sum();
            fraction = total == 0 ? 1 : (double) done / total;
            GridTrial t = ep.trial();
            listener.onProgress(new GridSearch.Progress(pending.indexOf(t) + 1, pending.size(),
                    ep.epoch(), options.epochs(), t.lr(), t.wd(), t.fold(),
                    (System.nanoTime() - startNanos) / 1e9, done));
        } else if (e instanceof Done d) {
            ended++;
            if (d.error() != null) {
                Throwable cause = unwrap(d.error());
                if (!(cause instanceof CancellationException) && failure == null) {
                    failure = cause;
                }
            } else {
                epochs.put(d.trial(), options.epochs());
                curves.put(d.trial(), d.curve());
                fitsDone = curves.size();
                GridSearch.SettingResult s = settingIfComplete(d.trial(), curves, baselines);
                if (s != null && failure == null) {
                    results.add(s);
                    results.sort(gridOrder(options));
                    if (afterSetting != null) {
                        try {
                            afterSetting.accept(partial());
                        } catch (IOException | RuntimeException hookFailure) {
                            failure = hookFailure;
                        }
                    }
                }
            }
        }
        return ended < submitted || !cancelled && failure == null && submitted < pending.size();
    }

    /** @return the settings finished so far (all folds), ranked, in grid order */
    public GridSearch.Result partial() {
        return rank(results, baselines);
    }

    /**
     * @return the outcome, once {@link #step} has returned false
     * @throws GridSearch.Cancelled if cancelled; it carries the settings finished so far
     * @throws IOException if the hook failed to save
     */
    public GridSearch.Result result() throws IOException {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (cancelled) {
            throw new GridSearch.Cancelled("grid search cancelled with " + curves.size() + " of "
                    + pending.size() + " fits finished", partial());
        }
        if (ended < pending.size()) {
            throw new IllegalStateException("the grid search has not ended");
        }
        fraction = 1;
        return partial();
    }

    private GridSearch.SettingResult settingIfComplete(GridTrial t,
            Map<GridTrial, GridSearch.FoldCurve> curves, List<Double> baselines) {
        List<GridSearch.FoldCurve> folds = new ArrayList<>();
        for (int f = 0; f < trials.options().folds(); f++) {
            GridSearch.FoldCurve c = curves.get(new GridTrial(t.lr(), t.wd(), f));
            if (c == null) {
                return null;
            }
            folds.add(c);
        }
        return GridSearch.evaluate(t.lr(), t.wd(), folds, trials.options(), baselines);
    }

    private GridSearch.Result rank(List<GridSearch.SettingResult> results,
            List<Double> baselines) {
        return GridSearch.rank(trials.options(), results, trials.data().checksum(), baselines);
    }

    private static Comparator<GridSearch.SettingResult> gridOrder(GridSearch.Options o) {
        return Comparator.comparingInt((GridSearch.SettingResult s) ->
                o.learningRates().indexOf(s.lr()) * o.weightDecays().size()
                        + o.weightDecays().indexOf(s.wd()));
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
