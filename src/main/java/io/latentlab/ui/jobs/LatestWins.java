package io.latentlab.ui.jobs;

import java.util.HashMap;
import java.util.Map;

/**
 * "Latest request wins" for a stream of requests with the same key (a slider being dragged,
 * the mouse moving over the latent map): a new job cancels the previous one of its key, which
 * is dropped if it has not started, and only the latest job's result is ever delivered. FX
 * thread only.
 */
public final class LatestWins {

    private final Jobs jobs;
    private final Map<String, Job<?>> latest = new HashMap<>();

    /** @param jobs where the jobs run */
    public LatestWins(Jobs jobs) {
        this.jobs = jobs;
    }

    /**
     * Cancels the previous job of {@code key} and submits {@code job}; the job's success,
     * failure and cancel callbacks run only while it is still the latest of its key.
     *
     * @param key what the request is for ("reconstruct", "decode")
     * @param job the new request, configured but not submitted
     * @param <V> result
     * @return the job
     */
    public <V> Job<V> submit(String key, Job<V> job) {
        Job<?> previous = latest.put(key, job);
        if (previous != null) {
            previous.cancel();
        }
        return jobs.submit(job.guard(() -> latest.get(key) == job, () -> latest.remove(key, job)));
    }

    /**
     * @param key a key
     * @return whether a job of that key has not ended yet
     */
    public boolean isPending(String key) {
        return latest.containsKey(key);
    }

    /** @param key cancels that key's job, if any; its callbacks do not run */
    public void cancel(String key) {
        Job<?> j = latest.remove(key);
        if (j != null) {
            j.cancel();
        }
    }

    /**
     * Cancels every pending job (a view closes, the model changes); like {@link #cancel}, none
     * of their callbacks run.
     */
    public void cancelAll() {
        Job<?>[] pending = latest.values().toArray(new Job<?>[0]);
        latest.clear();
        for (Job<?> j : pending) {
            j.cancel();
        }
    }
}
