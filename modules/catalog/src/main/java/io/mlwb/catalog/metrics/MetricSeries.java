package io.mlwb.catalog.metrics;

import java.util.Objects;

/**
 * One metric's points in step order, as parallel primitive arrays of equal length. Points with equal steps
 * are all kept, in the order they were logged. The arrays belong to the caller; equality is by identity.
 *
 * @param runId  the run
 * @param name   the metric name
 * @param kind   the metric kind
 * @param steps  steps, ascending (non-decreasing)
 * @param values values, bit for bit as logged (NaN and infinities included)
 * @param times  epoch milliseconds as logged
 */
public record MetricSeries(long runId, String name, MetricKind kind, long[] steps, double[] values, long[] times) {
    /** Checks that the arrays have equal lengths. */
    public MetricSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (steps.length != values.length || steps.length != times.length) {
            throw new IllegalArgumentException("steps, values and times differ in length");
        }
    }

    /** @return the number of points */
    public int size() {
        return steps.length;
    }
}
