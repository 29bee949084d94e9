package io.latentlab.ui.jobs;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * One piece of background work with a title, progress, message and cancel: the only way the
 * UI runs anything long or engine-bound. The work runs on the engine thread (DJL) or a worker
 * (file I/O); every callback and every property change happens on the FX thread. Submit it with
 * {@link Jobs#submit}.
 *
 * <p>A stepped job ({@link #steps}) runs one step per engine task, so other engine jobs run
 * between its steps, and while paused it holds no thread at all.
 *
 * @param <V> the result
 */
public final class Job<V> {

    /** Where the work runs. */
    public enum Where {
        /** The one thread that owns DJL. */ ENGINE,
        /** A plain worker thread (file I/O, no DJL). */ WORKER
    }

    /**
     * One-shot work.
     *
     * @param <V> result
     */
    @FunctionalInterface
    public interface Work<V> {
        /**
         * @param ctx cancel flag and progress reporting
         * @return the result (plain Java values, never engine arrays)
         * @throws Exception any failure; it reaches {@link #onFailure} on the FX thread
         */
        V call(JobContext ctx) throws Exception;
    }

    /**
     * Work done in steps on the engine thread, e.g. one training batch per step.
     *
     * @param <V> result
     */
    public interface Steps<V> {
        /**
         * Runs one step. Cancel is cooperative: seeing {@link JobContext#isCancelled()}, the
         * steps wind down and return false; their result is still delivered.
         *
         * @param ctx cancel flag and progress reporting
         * @return true if more steps follow
         * @throws Exception any failure
         */
        boolean step(JobContext ctx) throws Exception;

        /**
         * @return the result, called once after the last step
         * @throws Exception any failure
         */
        V result() throws Exception;

        /**
         * Told on the FX thread when the job is paused or resumed, for steps whose work goes
         * on elsewhere between steps (fits on threads of their own) and must hold too.
         *
         * @param paused true on pause, false on resume
         */
        default void pauseChanged(boolean paused) {
        }
    }

    private enum Phase { WAITING, RUNNING, PARKED, DONE }

    private final Where where;
    private final Work<V> work;
    private final Steps<V> steps;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final ReadOnlyObjectWrapper<JobState> state =
            new ReadOnlyObjectWrapper<>(this, "state", JobState.WAITING);
    private Consumer<? super V> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };
    private boolean visible = true;
    private boolean cancellable = true;
    private boolean pausable = true;
    private BooleanSupplier guard = () -> true;
    private Runnable afterEnd = () -> { };

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.WAITING);
    private volatile boolean cancelRequested;
    private volatile boolean pauseRequested;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile double pendingDone = Double.NaN;
    private volatile double pendingTotal;
    private final AtomicReference<String> pendingMessage = new AtomicReference<>();
    private Jobs jobs;
    private Executor executor;
    private long activeNanos;
    private long activeSince = -1;

    private Job(String title, Where where, Work<V> work, Steps<V> steps) {
        this.title.set(title);
        this.where = where;
        this.work = work;
        this.steps = steps;
    }

    /**
     * @param title what the user sees ("Loading ED=32")
     * @param work runs on the engine thread
     * @param <V> result
     * @return the job, to configure and submit
     */
    public static <V> Job<V> onEngine(String title, Work<V> work) {
        return new Job<>(title, Where.ENGINE, work, null);
    }

    /**
     * @param title what the user sees
     * @param work runs on a worker thread; must not touch the engine
     * @param <V> result
     * @return the job, to configure and submit
     */
    public static <V> Job<V> onWorker(String title, Work<V> work) {
        return new Job<>(title, Where.WORKER, work, null);
    }

    /**
     * @param title what the user sees
     * @param steps runs step by step on the engine thread; can be paused
     * @param <V> result
     * @return the job, to configure and submit
     */
    public static <V> Job<V> steps(String title, Steps<V> steps) {
        return new Job<>(title, Where.ENGINE, null, steps);
    }

    /**
     * @param title what the user sees
     * @param steps runs step by step on worker threads, never the engine (a step may wait
     *     briefly for work done elsewhere); can be paused
     * @param <V> result
     * @return the job, to configure and submit
     */
    public static <V> Job<V> stepsOnWorker(String title, Steps<V> steps) {
        return new Job<>(title, Where.WORKER, null, steps);
    }

    // ---- configuration (before submit) ----------------------------------------------------

    /** @param action gets the result (FX thread) @return this */
    public Job<V> onSuccess(Consumer<? super V> action) {
        this.onSuccess = action;
        return this;
    }

    /** @param action gets the failure (FX thread) @return this */
    public Job<V> onFailure(Consumer<Throwable> action) {
        this.onFailure = action;
        return this;
    }

    /** @param action runs if the job ends cancelled (FX thread) @return this */
    public Job<V> onCancelled(Runnable action) {
        this.onCancelled = action;
        return this;
    }

    /** @param action runs after success, failure or cancel (FX thread) @return this */
    public Job<V> onFinished(Runnable action) {
        this.onFinished = action;
        return this;
    }

    /**
     * @param show false for quick jobs the status bar should not list (a reconstruction)
     * @return this
     */
    public Job<V> visible(boolean show) {
        this.visible = show;
        return this;
    }

    /** @param can false if the status bar must not offer Cancel @return this */
    public Job<V> cancellable(boolean can) {
        this.cancellable = can;
        return this;
    }

    /** @param can false if a stepped job must not be paused (its work cannot hold) @return this */
    public Job<V> pausable(boolean can) {
        this.pausable = can;
        return this;
    }

    // ---- control (FX thread) --------------------------------------------------------------

    /**
     * Asks the job to stop. A job that has not started is dropped at once; a running one sees
     * {@link JobContext#isCancelled()}; a paused stepped job gets one more step to wind down.
     */
    public void cancel() {
        cancelRequested = true;
        if (pauseRequested && steps != null) {
            steps.pauseChanged(false);
        }
        pauseRequested = false;
        if (state.get() == JobState.PAUSED && phase.get() == Phase.RUNNING) {
            setState(JobState.RUNNING);
        }
        if (phase.compareAndSet(Phase.WAITING, Phase.DONE)) {
            end(JobState.CANCELLED, null, null);
        } else if (phase.compareAndSet(Phase.PARKED, Phase.RUNNING)) {
            pauseRequested = false;
            setState(JobState.RUNNING);
            executor.execute(this::runSteps);
        }
    }

    /** Pauses a stepped job after its current step; the engine thread is free meanwhile. */
    public void pause() {
        if (isPausable() && !cancelRequested && !state.get().done()) {
            pauseRequested = true;
            setState(JobState.PAUSED);
            steps.pauseChanged(true);
        }
    }

    /** Lets a paused stepped job go on. */
    public void resume() {
        if (!pauseRequested) {
            return;
        }
        pauseRequested = false;
        steps.pauseChanged(false);
        if (phase.compareAndSet(Phase.PARKED, Phase.RUNNING)) {
            executor.execute(this::runSteps);
        }
        if (!state.get().done()) {
            setState(phase.get() == Phase.WAITING ? JobState.WAITING : JobState.RUNNING);
        }
    }

    // ---- observable state (FX thread) -----------------------------------------------------

    /** @return what the user sees */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** @return the latest message of the work */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return progress 0..1, or -1 while unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** @return where the job stands */
    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return whether the status bar lists it */
    public boolean isVisible() {
        return visible;
    }

    /** @return whether the status bar offers Cancel */
    public boolean isCancellable() {
        return cancellable;
    }

    /** @return whether this is a stepped job (it can be paused) */
    public boolean isPausable() {
        return steps != null && pausable;
    }

    /** @return whether cancel was asked */
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return seconds the job has been running, paused and waiting time excluded
     */
    public double elapsedSeconds(long nowNanos) {
        long n = activeNanos + (activeSince >= 0 ? nowNanos - activeSince : 0);
        return n / 1e9;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return estimated seconds left from progress and running time, or NaN while unknown
     */
    public double remainingSeconds(long nowNanos) {
        double p = progress.get();
        double t = elapsedSeconds(nowNanos);
        return p > 0 && p < 1 && t > 0 ? t * (1 - p) / p : Double.NaN;
    }

    // ---- running (package) ----------------------------------------------------------------

    Where where() {
        return where;
    }

    /** Callbacks run only while {@code stillWanted} holds; {@code after} runs in any case. */
    Job<V> guard(BooleanSupplier stillWanted, Runnable after) {
        this.guard = stillWanted;
        this.afterEnd = after;
        return this;
    }

    void start(Jobs owner, Executor exec) {
        this.jobs = owner;
        this.executor = exec;
        exec.execute(steps == null ? this::runOnce : this::runSteps);
    }

    private void runOnce() {
        if (!phase.compareAndSet(Phase.WAITING, Phase.RUNNING)) {
            return;
        }
        jobs.fx().execute(() -> setState(JobState.RUNNING));
        V value;
        try {
            value = work.call(context);
        } catch (Throwable e) {
            ended(e);
            return;
        }
        phase.set(Phase.DONE);
        jobs.fx().execute(() -> end(JobState.SUCCEEDED, value, null));
    }

    private void runSteps() {
        Phase p = phase.get();
        if (p == Phase.WAITING) {
            if (!phase.compareAndSet(Phase.WAITING, Phase.RUNNING)) {
                return;
            }
            jobs.fx().execute(() -> setState(pauseRequested ? JobState.PAUSED : JobState.RUNNING));
        } else if (p != Phase.RUNNING) {
            return;
        }
        if (pauseRequested && !cancelRequested) {
            phase.set(Phase.PARKED);
            // resume() may have come between the check and the park
            if (!pauseRequested && phase.compareAndSet(Phase.PARKED, Phase.RUNNING)) {
                executor.execute(this::runSteps);
            }
            return;
        }
        try {
            if (steps.step(context)) {
                executor.execute(this::runSteps);
                return;
            }
            V value = steps.result();
            phase.set(Phase.DONE);
            jobs.fx().execute(() -> end(JobState.SUCCEEDED, value, null));
        } catch (Throwable e) {
            ended(e);
        }
    }

    private void ended(Throwable e) {
        phase.set(Phase.DONE);
        boolean cancelled = e instanceof CancellationException && cancelRequested;
        jobs.fx().execute(() -> end(cancelled ? JobState.CANCELLED : JobState.FAILED, null, e));
    }

    private void end(JobState s, V value, Throwable error) {
        flush();
        if (s == JobState.SUCCEEDED && progress.get() >= 0) {
            progress.set(1);
        }
        setState(s);
        boolean deliver = guard.getAsBoolean();
        afterEnd.run();
        if (!deliver) {
            if (jobs != null) {
                jobs.ended(this);
            }
            return;
        }
        try {
            switch (s) {
                case SUCCEEDED -> onSuccess.accept(value);
                case FAILED -> onFailure.accept(error);
                default -> onCancelled.run();
            }
        } finally {
            try {
                onFinished.run();
            } finally {
                if (jobs != null) {
                    jobs.ended(this);
                }
            }
        }
    }

    private void setState(JobState s) {
        long now = System.nanoTime();
        boolean wasActive = state.get() == JobState.RUNNING;
        boolean active = s == JobState.RUNNING;
        if (wasActive && !active && activeSince >= 0) {
            activeNanos += now - activeSince;
            activeSince = -1;
        } else if (active && !wasActive) {
            activeSince = now;
        }
        state.set(s);
    }

    private void flush() {
        flushScheduled.set(false);
        double d = pendingDone;
        if (!Double.isNaN(d)) {
            double t = pendingTotal;
            progress.set(t > 0 ? Math.max(0, Math.min(1, d / t)) : -1);
        }
        // taken, not peeked: a message set on the FX thread since is not overwritten later
        String m = pendingMessage.getAndSet(null);
        if (m != null) {
            message.set(m);
        }
    }

    private void scheduleFlush() {
        if (jobs != null && flushScheduled.compareAndSet(false, true)) {
            jobs.fx().execute(this::flush);
        }
    }

    private final JobContext context = new JobContext() {
        @Override
        public boolean isCancelled() {
            return cancelRequested;
        }

        @Override
        public void progress(double done, double total) {
            pendingTotal = total;
            pendingDone = done;
            scheduleFlush();
        }

        @Override
        public void message(String text) {
            pendingMessage.set(text);
            scheduleFlush();
        }
    };

    @Override
    public String toString() {
        return title.get() + " (" + state.get() + ")";
    }
}
