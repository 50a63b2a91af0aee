package io.mlwb.app.jobs;

import io.mlwb.core.job.Job;
import java.util.function.Consumer;

/**
 * How view models start long work. The app runs each job on a background thread, lists it in the Jobs tool window
 * with progress and Cancel, and calls {@code onSuccess}/{@code onFailure} on the FX thread. Tests use
 * {@link InlineJobs}, which runs everything on the calling thread.
 */
public interface UiJobs {
    /**
     * @param title     shown in the Jobs tool window, e.g. "Profiling applications_2023.csv"
     * @param job       the work; it reports progress and checks cancellation
     * @param onSuccess called with the result, on the FX thread
     * @param onFailure called with the error on the FX thread; {@link io.mlwb.core.job.Cancelled} when cancelled
     * @param <T>       the result type
     * @return a handle to cancel the job
     */
    <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
