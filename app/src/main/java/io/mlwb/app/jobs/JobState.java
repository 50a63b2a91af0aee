package io.mlwb.app.jobs;

/** Where a job listed in the Jobs tool window stands. */
public enum JobState {
    /** Queued or working. */
    RUNNING,
    /** Returned a result. */
    SUCCEEDED,
    /** Threw an error (reported to Problems). */
    FAILED,
    /** Stopped because someone cancelled it. */
    CANCELLED;

    /** @return true for every state but {@link #RUNNING} */
    public boolean finished() {
        return this != RUNNING;
    }
}
