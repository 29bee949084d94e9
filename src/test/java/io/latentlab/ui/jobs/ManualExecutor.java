package io.latentlab.ui.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An engine queue a test runs by hand, task by task: no threads, sleeps or polling. */
public final class ManualExecutor implements Executor {

    /** The tasks not yet run, oldest first. */
    public final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
        queue.add(r);
    }

    /** Runs the oldest queued task. */
    public void runNext() {
        queue.poll().run();
    }

    /** Runs tasks until none is queued (tasks may queue more). */
    public void runAll() {
        while (!queue.isEmpty()) {
            runNext();
        }
    }
}
