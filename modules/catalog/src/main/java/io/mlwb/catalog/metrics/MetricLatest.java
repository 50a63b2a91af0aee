package io.mlwb.catalog.metrics;

/**
 * The latest point of one metric series: the one with the highest step; among equal steps, the last
 * logged. Read without touching the series, for the runs table.
 *
 * @param runId      the run
 * @param name       the metric name
 * @param kind       the metric kind
 * @param step       the step of the point
 * @param value      its value (NaN when NaN was logged)
 * @param timeMillis its time, epoch milliseconds
 */
public record MetricLatest(long runId, String name, MetricKind kind, long step, double value, long timeMillis) {
}
