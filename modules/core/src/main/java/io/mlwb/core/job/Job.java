package io.mlwb.core.job;

/**
 * A unit of long work that runs off the UI thread, reports progress and honours cancellation.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Job<T> {
    /**
     * Does the work.
     *
     * @param progress where to report progress and check for cancellation
     * @return the result
     * @throws Exception any failure; {@link io.mlwb.core.error.UserError} for bad input
     */
    T run(Progress progress) throws Exception;
}
