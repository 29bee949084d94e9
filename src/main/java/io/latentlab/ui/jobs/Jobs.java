package io.latentlab.ui.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs {@link Job}s: engine jobs on the one engine thread, the others on workers, callbacks on
 * the FX thread. Keeps the list of running jobs the status bar shows (FX thread only). Tests
 * build it with {@link #sameThread()}, so a job's work and callbacks have run when
 * {@link #submit} returns, and nothing polls or sleeps.
 */
public final class Jobs {

    private final Executor engine;
    private final Executor worker;
    private final Executor fx;
    private final ObservableList<Job<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Job<?>> lastEnded =
            new ReadOnlyObjectWrapper<>(this, "lastEnded");

    /**
     * @param engine runs engine work in order on the thread that owns DJL
     * @param worker runs file work
     * @param fx runs callbacks on the FX thread
     */
    public Jobs(Executor engine, Executor worker, Executor fx) {
        this.engine = engine;
        this.worker = worker;
        this.fx = fx;
    }

    /**
     * @return jobs whose work and callbacks run on the calling thread, in order (a job
     *     submitted from a callback runs after the current one, never nested)
     */
    public static Jobs sameThread() {
        Executor direct = new Trampoline();
        return new Jobs(direct, direct, direct);
    }

    /**
     * Starts a job (FX thread).
     *
     * @param job the job
     * @param <V> result
     * @return the same job
     */
    public <V> Job<V> submit(Job<V> job) {
        if (job.isVisible()) {
            running.add(job);
        }
        job.start(this, job.where() == Job.Where.ENGINE ? engine : worker);
        return job;
    }

    void ended(Job<?> job) {
        running.remove(job);
        if (job.isVisible()) {
            lastEnded.set(job);
        }
    }

    /** @return the FX-thread executor */
    public Executor fx() {
        return fx;
    }

    /** @return visible jobs that have not ended, oldest first (FX thread) */
    public ObservableList<Job<?>> running() {
        return running;
    }

    /** @return the visible job that ended last */
    public ReadOnlyObjectProperty<Job<?>> lastEndedProperty() {
        return lastEnded.getReadOnlyProperty();
    }

    /** Cancels every running job that can be cancelled (on exit). */
    public void cancelAll() {
        for (Job<?> j : running.toArray(new Job<?>[0])) {
            if (j.isCancellable()) {
                j.cancel();
            }
        }
    }

    /** Runs tasks on the calling thread, one after the other, never nested. */
    private static final class Trampoline implements Executor {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private boolean draining;

        @Override
        public void execute(Runnable task) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
            try {
                for (Runnable r; (r = queue.poll()) != null; ) {
                    r.run();
                }
            } finally {
                draining = false;
            }
        }
    }
}
