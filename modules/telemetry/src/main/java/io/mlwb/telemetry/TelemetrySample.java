package io.mlwb.telemetry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One telemetry sample: named values (names from {@link MetricNames}) taken at one moment.
 *
 * @param timeMillis when it was taken, epoch milliseconds
 * @param values     metric name to value, in the order the sources wrote them; every value is finite
 */
public record TelemetrySample(long timeMillis, Map<String, Double> values) {
    /** Copies the map, keeping its order; rejects null, NaN and infinite values. */
    public TelemetrySample {
        Map<String, Double> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Objects.requireNonNull(name, "name");
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("telemetry value " + name + " is not a finite number: " + value);
            }
            copy.put(name, value);
        });
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * @param name a metric name
     * @return its value in this sample, or empty when the sample does not have it
     */
    public OptionalDouble value(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
