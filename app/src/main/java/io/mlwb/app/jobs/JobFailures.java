package io.mlwb.app.jobs;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.core.job.Cancelled;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision both job runners ({@link FxJobs}, {@link InlineJobs}) make about a job that threw, so they cannot
 * drift: a job that ends after a cancel request, or with a {@link Cancelled} anywhere in its cause chain, is cancelled
 * and never reported; any other failure is reported to the {@link ErrorReporter} exactly once, with the job's title as
 * source, before {@code onFailure} runs. A callback ({@code onSuccess}/{@code onFailure}) that throws is a bug in the
 * view model and is reported the same way.
 */
final class JobFailures {
    private static final Logger LOG = LoggerFactory.getLogger(JobFailures.class);

    private JobFailures() {
    }

    /**
     * @param error           what the job threw
     * @param cancelRequested whether a cancel was asked for before it ended
     * @return the {@link Cancelled} to hand to {@code onFailure} when the job counts as cancelled; null when it failed
     */
    static Cancelled cancelled(Throwable error, boolean cancelRequested) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof Cancelled c) {
                return c;
            }
        }
        return cancelRequested ? new Cancelled() : null;
    }

    /**
     * Ends a job that threw: cancelled ones go to {@code onFailure} unreported, failed ones are reported once and then
     * go to {@code onFailure}.
     *
     * @param errors          where failures are reported
     * @param title           the job's title, the problem's source
     * @param error           what the job threw
     * @param cancelRequested whether a cancel was asked for before it ended
     * @param onFailure       the view model's own state update
     * @return true when the job counts as cancelled, false when it failed
     */
    static boolean end(ErrorReporter errors, String title, Throwable error, boolean cancelRequested,
                       Consumer<Throwable> onFailure) {
        Cancelled cancelled = cancelled(error, cancelRequested);
        if (cancelled != null) {
            LOG.info("Job '{}' cancelled", title);
            callback(errors, title, () -> onFailure.accept(cancelled));
            return true;
        }
        errors.error(title, error);
        callback(errors, title, () -> onFailure.accept(error));
        return false;
    }

    /**
     * Runs a view model's callback; one that throws is our bug, reported with the job's title.
     *
     * @param errors   where it is reported
     * @param title    the job's title
     * @param callback {@code onSuccess} or {@code onFailure} bound to its argument
     */
    static void callback(ErrorReporter errors, String title, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            errors.error(title, e);
        }
    }
}
