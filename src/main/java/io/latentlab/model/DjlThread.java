package io.latentlab.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that owns DJL in the desktop app: engine, models, training and NDArrays are
 * only touched from here, so NDArrays never cross threads. Tasks return plain Java values
 * ({@code float[]}, records).
 *
 * <p>A long task (training) calls {@link #runQueued()} between batches, so short tasks
 * (a reconstruction while a slider moves) still run within one batch's time.
 */
public final class DjlThread implements AutoCloseable, Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the thread (a daemon, so a stuck task never keeps the app alive). */
    public DjlThread() {
        thread = new Thread(this::loop, "djl");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        prepareCurrentThread();
        while (!closed) {
            try {
                Runnable r = queue.poll(200, TimeUnit.MILLISECONDS);
                if (r != null) {
                    runSafely(r);
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /**
     * Runs a task on the DJL thread.
     *
     * @param task the work
     * @param <T> result type
     * @return its future; failures complete it exceptionally
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IllegalStateException("DJL thread is closed"));
            return future;
        }
        queue.add(() -> {
            if (future.isCancelled()) {
                return;
            }
            try {
                future.complete(task.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /**
     * Queues a task; tasks run one after the other in submission order. A task that throws is
     * is logged and the thread goes on.
     *
     * @param task the work
     */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("DJL thread is closed");
        }
        queue.add(task);
    }

    /**
     * Runs the tasks queued so far. Only for the DJL thread itself, inside a long task, at a
     * point where it holds no gradient collector.
     *
     * @throws IllegalStateException if called from another thread
     */
    public void runQueued() {
        if (!isCurrent()) {
            throw new IllegalStateException("runQueued() must be called on the DJL thread");
        }
        for (int n = queue.size(); n > 0; n--) {
            Runnable r = queue.poll();
            if (r == null) {
                return;
            }
            runSafely(r);
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            // a failing task must not end the thread every later task depends on
            org.slf4j.LoggerFactory.getLogger(DjlThread.class).error("engine task failed", e);
        }
    }

    /**
     * Makes the calling thread fit for DJL work: PyTorch's grad mode is per thread and starts
     * enabled, and DJL switches it off only on the thread that loaded the engine (a gradient
     * collector restores the previous mode when it closes). Left on, every inference records
     * an autograd graph and in-place parameter updates fail with "a leaf Variable that
     * requires grad is being used in an in-place operation". Also tunes the native allocator
     * once per process ({@link NativeMemory}).
     */
    public static void prepareCurrentThread() {
        NativeMemory.tune();
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * {@link #prepareCurrentThread()} for a thread that trains beside others (one fit per
     * thread): PyTorch's intra-op thread count is set from the calling thread, so each worker
     * sets its own before its first operation.
     *
     * @param intraOpThreads threads PyTorch may use inside one operation, at least 1
     */
    public static void prepareCurrentThread(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got "
                    + intraOpThreads);
        }
        prepareCurrentThread();
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(intraOpThreads);
        }
    }

    /** @return PyTorch's intra-op thread count as the calling thread sees it */
    public static int intraOpThreads() {
        return "PyTorch".equals(Engine.getInstance().getEngineName())
                ? JniUtils.getNumThreads() : 1;
    }

    /** @return whether the caller is the DJL thread */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread after the running task; queued tasks are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
