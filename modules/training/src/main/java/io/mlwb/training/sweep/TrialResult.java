package io.mlwb.training.sweep;

/**
 * What a trial's training produced.
 *
 * @param runId   the training run it created, or null
 * @param value   the sweep metric at the end (for a stopped trial, the last value), or null when it was never
 *                computed; a trial that was not stopped and has no finite value is recorded as failed
 * @param costUsd the estimated cost in US dollars, at least 0
 */
public record TrialResult(String runId, Double value, double costUsd) {
    /** Checks the cost. */
    public TrialResult {
        if (!(costUsd >= 0)) {
            throw new IllegalArgumentException("costUsd must be at least 0, got " + costUsd);
        }
    }
}
