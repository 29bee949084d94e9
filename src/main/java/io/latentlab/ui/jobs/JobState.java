package io.latentlab.ui.jobs;

/** Where a job stands. */
public enum JobState {
    /** Submitted, not started yet (cancel drops it at once). */ WAITING,
    /** Its work runs. */ RUNNING,
    /** A stepped job between steps, holding no thread. */ PAUSED,
    /** The work returned. */ SUCCEEDED,
    /** The work threw. */ FAILED,
    /** Dropped before it started, or it stopped on a cancel request. */ CANCELLED;

    /** @return whether the job has ended */
    public boolean done() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
