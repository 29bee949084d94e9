package io.latentlab.ui.jobs;

import java.util.concurrent.CancellationException;

/**
 * What a job's work sees while it runs (on the engine thread or a worker): whether cancel was
 * asked, and a way to report progress and a message. Updates reach the job's properties on the
 * FX thread, coalesced, so reporting every batch costs nothing.
 */
public interface JobContext {

    /** @return whether the user (or a newer request) asked this job to stop */
    boolean isCancelled();

    /**
     * Ends the work with a {@link CancellationException} if cancel was asked; the job then
     * ends as cancelled.
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException();
        }
    }

    /**
     * @param done work done so far
     * @param total all the work (a non-positive total means unknown)
     */
    void progress(double done, double total);

    /** @param text what the job is doing now */
    void message(String text);
}
