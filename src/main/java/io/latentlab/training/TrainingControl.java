package io.latentlab.training;

/**
 * Cancel and pause for a running training loop. Any thread may call {@link #cancel},
 * {@link #pause} and {@link #resume}; the loop checks between batches.
 */
public final class TrainingControl {

    private boolean cancelled;
    private boolean paused;

    /** Asks the loop to stop after the current batch (also ends a pause). */
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    /** Asks the loop to wait after the current batch until {@link #resume} or cancel. */
    public synchronized void pause() {
        paused = true;
    }

    /** Lets a paused loop go on. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** @return whether cancel was requested */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** @return whether a pause is requested */
    public synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Blocks while paused. Called by the training thread between batches.
     *
     * @return true if the run should go on, false if cancelled
     */
    public synchronized boolean awaitRunnable() {
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        return !cancelled;
    }
}
