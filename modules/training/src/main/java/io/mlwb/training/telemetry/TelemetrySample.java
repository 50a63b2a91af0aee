package io.mlwb.training.telemetry;

import java.util.Map;

/**
 * One telemetry sample: named values at one moment (names in {@link SystemSampler}).
 *
 * @param timeMillis when it was taken
 * @param values     metric name to value
 */
public record TelemetrySample(long timeMillis, Map<String, Double> values) {
    /** Copies the map. */
    public TelemetrySample {
        values = Map.copyOf(values);
    }
}
