package io.latentlab.cluster;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrial;
import io.latentlab.study.GridTrials;
import io.latentlab.training.TrainingControl;
import io.latentlab.training.TrainingEvent;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The fits one member trains, on its own threads: each fit on one thread that owns its model
 * and arrays, with one PyTorch intra-op thread, as every member does, so a fit gives the same
 * numbers on any member (and as a local search with one thread per worker). Publishes what each
 * thread trains and stores each finished curve in the cluster.
 */
final class MemberTrainer implements AutoCloseable {

    /** Intra-op threads of every fit on every member: the same count gives the same numbers. */
    static final int INTRA_OP_THREADS = 1;

    private final MnistData data;
    private final int workers;
    private final ExecutorService pool;
    private final ThreadLocal<Integer> slot = new ThreadLocal<>();
    private final Consumer<String> log;
    private final Map<String, GridTrials> searches = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GridTrials> e) {
            return size() > 4;
        }
    };
    private final java.util.Set<TrainingControl> running =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile HazelcastInstance hz;

    /**
     * @param data the member's own data
     * @param workers fits at the same time, at least 1
     * @param log receives one line when a fit starts and ends (any thread)
     */
    MemberTrainer(MnistData data, int workers, Consumer<String> log) {
        this.data = data;
        this.workers = workers;
        this.log = log == null ? s -> { } : log;
        AtomicInteger next = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            int i = next.getAndIncrement();
            Thread t = new Thread(() -> {
                slot.set(i);
                DjlThread.prepareCurrentThread(INTRA_OP_THREADS);
                r.run();
            }, "cluster-worker-" + (i + 1));
            t.setDaemon(true);
            return t;
        });
    }

    void attach(HazelcastInstance instance) {
        this.hz = instance;
    }

    /** @return the data's checksum */
    String checksum() {
        return data.checksum();
    }

    /**
     * Trains a fit (or returns its curve when the cluster already has it) and blocks until done.
     *
     * @param spec the search
     * @param trial the fit
     * @return its curve
     * @throws IllegalStateException if this member's data is not the search's
     * @throws CancellationException if interrupted (the fit was cancelled)
     */
    CurveData train(SearchSpec spec, GridTrial trial) throws Exception {
        HazelcastInstance instance = hz;
        String me = ClusterMember.address(instance.getCluster().getLocalMember());
        if (!data.checksum().equals(spec.dataSha256())) {
            throw new IllegalStateException("member " + me + " has other MNIST data than the "
                    + "search: SHA-256 " + data.checksum() + " (" + data.dir() + ") instead of "
                    + spec.dataSha256() + "; give every member the same --data");
        }
        IMap<String, CurveData> fits = instance.getMap(ClusterMember.FITS);
        String key = FitKey.of(spec.id(), trial);
        CurveData done = fits.get(key);
        if (done != null) {
            return done;
        }
        GridTrials trials;
        synchronized (searches) {
            trials = searches.computeIfAbsent(spec.id(), id -> new GridTrials(data,
                    spec.options()));
        }
        TrainingControl control = new TrainingControl();
        running.add(control);
        IMap<String, FitActivity> activity = instance.getMap(ClusterMember.ACTIVITY);
        String uuid = instance.getCluster().getLocalMember().getUuid().toString();
        Future<CurveData> f = pool.submit(() -> {
            int i = slot.get();
            String slotKey = FitKey.slot(uuid, i);
            long start = System.nanoTime();
            log.accept("training " + trial.label() + " (worker " + (i + 1) + ")");
            activity.set(slotKey, new FitActivity(me, i, spec.id(), trial, 0));
            try {
                GridSearch.FoldCurve c = trials.train(trial, e -> {
                    if (e instanceof TrainingEvent.EpochEnd end) {
                        activity.set(slotKey, new FitActivity(me, i, spec.id(), trial,
                                end.metrics().epoch()));
                    }
                }, control);
                CurveData d = CurveData.of(c);
                fits.set(key, d);
                log.accept(String.format(Locale.ROOT, "finished %s in %.1f s: val_mse=%.6f",
                        trial.label(), (System.nanoTime() - start) / 1e9, c.finalValidation()));
                return d;
            } finally {
                running.remove(control);
                if (instance.getLifecycleService().isRunning()) {
                    activity.delete(slotKey);
                }
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            // the sender cancelled the task: stop the fit at its next batch
            control.cancel();
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException(trial.label() + " cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** @return fits at the same time */
    int workers() {
        return workers;
    }

    @Override
    public void close() {
        // the fits stop at their next batch; the cluster trains them again elsewhere
        running.forEach(TrainingControl::cancel);
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
