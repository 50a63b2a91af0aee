package io.mlwb.training.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trial of a sweep.
 *
 * @param number    0-based position in the order trials were started
 * @param params    the sampled values by dotted key path, in parameter order
 * @param overrides the same values rendered for {@code --set key=value} ({@link Overrides#render})
 * @param status    how it ended
 * @param value     the metric: the final value when complete, the last reported one when pruned or cancelled, or
 *                  null when none was reported
 * @param epochs    the last epoch reported through the {@link EpochReporter} (0 when none)
 * @param runId     the training run it created, or null when it failed before creating one
 * @param costUsd   its estimated cost in US dollars (0 when unknown)
 * @param error     what went wrong when failed, else null
 * @param best      true for the best complete trial of a {@link SweepResult}; false elsewhere
 */
public record Trial(int number, Map<String, Object> params, Map<String, String> overrides, TrialStatus status,
                    Double value, int epochs, String runId, double costUsd, String error, boolean best) {

    /** Checks the fields and copies the maps, keeping their order. */
    public Trial {
        Objects.requireNonNull(status, "status");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** @return this trial with {@link #best()} set as given */
    public Trial withBest(boolean isBest) {
        return new Trial(number, params, overrides, status, value, epochs, runId, costUsd, error, isBest);
    }

    /** @return true when the value can be ranked: complete or pruned with a finite value */
    public boolean ranked() {
        return (status == TrialStatus.COMPLETE || status == TrialStatus.PRUNED) && value != null
                && Double.isFinite(value);
    }
}
