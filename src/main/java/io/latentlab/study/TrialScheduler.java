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

/**
 * A grid search whose fits train side by side on {@link TrialWorkers}: every fit is queued at
 * once, in grid order, and the curves are collected as they finish. A setting is judged when its
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
    private volatile double fraction;

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

    /** @return share of the epochs to train that is done, 0..1 (any thread) */
    public double fraction() {
        return fraction;
    }

    /** @return what every worker is doing (any thread) */
    public List<TrialWorkers.Activity> activity() {
        return workers.activity();
    }

    /**
     * Runs the fits still to train and waits for them.
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
        GridSearch.Options options = trials.options();
        List<Double> baselines = trials.baselines();
        List<GridSearch.SettingResult> results = new ArrayList<>();
        for (GridSearch.SettingResult s : finished) {
            results.add(GridSearch.evaluate(s.lr(), s.wd(), s.folds(), options, baselines));
        }
        List<GridTrial> pending = trials.pending(finished);
        int fits = pending.size();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        for (GridTrial t : pending) {
            workers.submit(t, (trial, epoch) -> events.add(new Epoch(trial, epoch)))
                    .whenComplete((curve, error) -> events.add(new Done(t, curve, error)));
        }
        Map<GridTrial, Integer> epochs = new HashMap<>();
        Map<GridTrial, GridSearch.FoldCurve> curves = new HashMap<>();
        long start = System.nanoTime();
        long total = (long) fits * options.epochs();
        int ended = 0;
        boolean cancelled = false;
        boolean stopSent = false;
        Throwable failure = null;
        while (ended < fits) {
            Event e;
            try {
                e = events.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e = null;
                cancelled = true;
            }
            if (!cancelled && failure == null && control != null && control.isCancelled()) {
                cancelled = true;
            }
            if ((cancelled || failure != null) && !stopSent) {
                stopSent = true;
                workers.cancel();
            }
            if (e instanceof Epoch ep) {
                epochs.put(ep.trial(), ep.epoch());
                long done = epochs.values().stream().mapToLong(Integer::longValue).sum();
                fraction = total == 0 ? 1 : (double) done / total;
                GridTrial t = ep.trial();
                listener.onProgress(new GridSearch.Progress(pending.indexOf(t) + 1, fits,
                        ep.epoch(), options.epochs(), t.lr(), t.wd(), t.fold(),
                        (System.nanoTime() - start) / 1e9, done));
            } else if (e instanceof Done d) {
                ended++;
                if (d.error() != null) {
                    Throwable cause = unwrap(d.error());
                    if (!(cause instanceof CancellationException) && failure == null) {
                        failure = cause;
                    }
                    continue;
                }
                epochs.put(d.trial(), options.epochs());
                curves.put(d.trial(), d.curve());
                GridSearch.SettingResult s = settingIfComplete(d.trial(), curves, baselines);
                if (s != null && failure == null) {
                    results.add(s);
                    results.sort(gridOrder(options));
                    if (afterSetting != null) {
                        try {
                            afterSetting.accept(rank(results, baselines));
                        } catch (IOException | RuntimeException hookFailure) {
                            failure = hookFailure;
                        }
                    }
                }
            }
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
                    + fits + " fits finished", rank(results, baselines));
        }
        fraction = 1;
        return rank(results, baselines);
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
