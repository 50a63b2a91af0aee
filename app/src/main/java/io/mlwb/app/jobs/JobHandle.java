package io.mlwb.app.jobs;

/** A started job: it can be cancelled (the work stops at its next check). */
public interface JobHandle {
    /** Asks the job to stop. Idempotent; a finished job ignores it. */
    void cancel();

    /** @return true once the job ended (succeeded, failed or cancelled) */
    boolean done();
}
