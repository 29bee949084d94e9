package io.latentlab.study;

import io.latentlab.model.DjlThread;
import io.latentlab.training.TrainingControl;
import io.latentlab.training.TrainingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Trains fits on threads of this process, each fit on one thread that owns its model and
 * arrays from start to end (NDArrays never cross threads). Gradients come from
 * {@link io.latentlab.model.Backprop}, which needs no {@code GradientCollector} (DJL allows
 * one per process), so the fits really run side by side; each thread gets its own share of
 * PyTorch's intra-op threads.
 */
public final class LocalTrialWorkers implements TrialWorkers {

    private final GridTrials trials;
    private final TrainingControl control;
    private final int workers;
    private final ExecutorService pool;
    private final AtomicReferenceArray<Activity> activity;
    private final ThreadLocal<Integer> slot = new ThreadLocal<>();
    private final ThreadLocal<Boolean> prepared = new ThreadLocal<>();
    private final int intraOpThreads;
    /** Fits queued, not started: a cancel drops them; started ones end at their next batch. */
    private final Set<CompletableFuture<GridSearch.FoldCurve>> queued =
            ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param trials how fits are built
     * @param workers fits trained at the same time, at least 1
     * @param intraOpThreads PyTorch threads inside each fit's operations, at least 1
     * @param control pause and cancel, checked between batches by every fit
     */
    public LocalTrialWorkers(GridTrials trials, int workers, int intraOpThreads,
            TrainingControl control) {
        if (workers < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException("workers and threads per worker must be >= 1, "
                    + "got " + workers + " and " + intraOpThreads);
        }
        this.trials = trials;
        this.intraOpThreads = intraOpThreads;
        this.control = control;
        this.workers = workers;
        this.activity = new AtomicReferenceArray<>(workers);
        AtomicInteger next = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            int i = next.getAndIncrement();
            Thread t = new Thread(() -> {
                slot.set(i);
                activity.set(i, new Activity(name(i), null, 0));
                r.run();
            }, "grid-worker-" + (i + 1));
            // a stuck fit never keeps the JVM alive
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < workers; i++) {
            activity.set(i, new Activity(name(i), null, 0));
        }
    }

    private static String name(int i) {
        return "thread " + (i + 1);
    }

    /**
     * The best split of {@code cores} for parallel fits, as measured (README, "Scaling out"):
     * one fit per core with one intra-op thread each beat one fit using every core.
     *
     * @param cores available processors
     * @return the default number of workers
     */
    public static int defaultWorkers(int cores) {
        return Math.max(1, cores);
    }

    /**
     * @param cores available processors
     * @param workers fits at the same time
     * @return intra-op threads per fit so that the fits share the cores, at least 1
     */
    public static int threadsPerWorker(int cores, int workers) {
        return Math.max(1, cores / Math.max(1, workers));
    }

    @Override
    public CompletableFuture<GridSearch.FoldCurve> submit(GridTrial trial, EpochSink sink) {
        CompletableFuture<GridSearch.FoldCurve> f = new CompletableFuture<>();
        queued.add(f);
        pool.execute(() -> {
            if (!queued.remove(f)) {
                return;
            }
            running.incrementAndGet();
            if (prepared.get() == null) {
                try {
                    DjlThread.prepareCurrentThread(intraOpThreads);
                    prepared.set(Boolean.TRUE);
                } catch (RuntimeException | Error e) {
                    // the fit fails with the reason; a dead thread would leave it waiting
                    running.decrementAndGet();
                    f.completeExceptionally(e);
                    return;
                }
            }
            int i = slot.get();
            activity.set(i, new Activity(name(i), trial, 0));
            try {
                f.complete(trials.train(trial, e -> {
                    if (e instanceof TrainingEvent.EpochEnd end) {
                        int epoch = end.metrics().epoch();
                        activity.set(i, new Activity(name(i), trial, epoch));
                        sink.epochEnded(trial, epoch);
                    }
                }, control));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            } finally {
                activity.set(i, new Activity(name(i), null, 0));
                running.decrementAndGet();
            }
        });
        return f;
    }

    @Override
    public List<Activity> activity() {
        List<Activity> out = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            out.add(activity.get(i));
        }
        return out;
    }

    @Override
    public int parallelism() {
        return workers;
    }

    @Override
    public void cancel() {
        control.cancel();
        for (CompletableFuture<GridSearch.FoldCurve> f : queued) {
            if (queued.remove(f)) {
                f.completeExceptionally(new CancellationException("grid search cancelled"));
            }
        }
    }

    @Override
    public void close() {
        if (!queued.isEmpty() || running.get() > 0) {
            cancel();
        }
        pool.shutdown();
        try {
            // each fit ends at its next batch; its arrays are freed on its own thread
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
