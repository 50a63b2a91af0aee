package io.mlwb.app.jobs;

import io.mlwb.core.job.Job;
import java.util.function.Consumer;

/**
 * How view models start long work. The app runs each job on a background thread, lists it in the Jobs tool window
 * with progress and Cancel, and calls {@code onSuccess}/{@code onFailure} on the FX thread. Tests use
 * {@link InlineJobs}, which runs everything on the calling thread and reports the same way.
 *
 * <p><b>Who reports a failure.</b> The runner does, exactly once: a job that throws is reported to the app's
 * {@link io.mlwb.app.problems.ErrorReporter} with the job's title as source, before {@code onFailure} runs. So
 * {@code onFailure} is only for the view model's own state (clear a busy flag, show a message in its pane) and must
 * not report the error again. A job that was cancelled ({@link io.mlwb.core.job.Cancelled}, or any failure after a
 * cancel request) is never reported; {@code onFailure} gets the {@code Cancelled}.
 *
 * <p><b>What the report says</b> is decided by the error itself, so decide it inside the job: a failure the person can
 * act on is a {@link io.mlwb.core.error.UserError} (thrown, or wrapped anywhere in the cause chain) and is shown with
 * its message and what to do; anything else is shown as our bug, with the error dialog. An outcome that is expected
 * (a file deleted meanwhile) is not a failure: return a result that says so.
 */
public interface UiJobs {
    /**
     * @param title     shown in the Jobs tool window, e.g. "Profiling applications_2023.csv"; the source of the report
     *                  when the job fails
     * @param job       the work; it reports progress and checks cancellation
     * @param onSuccess called with the result, on the FX thread
     * @param onFailure called with the error on the FX thread, after the runner reported it (do not report it again);
     *                  {@link io.mlwb.core.job.Cancelled} when cancelled (not reported)
     * @param <T>       the result type
     * @return a handle to cancel the job
     */
    <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
