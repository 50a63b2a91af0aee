package io.mlwb.catalog.metrics;

import java.util.Locale;

/** What a metric series measures; stored as the lower-case name in {@code metric_key.kind}. */
public enum MetricKind {
    /** Logged by the training loop per step (loss, accuracy, learning rate). */
    TRAIN,
    /** Logged by evaluation (validation loss, F1). */
    EVAL,
    /** Sampled by telemetry about once a second (CPU %, GPU utilisation, memory). */
    SYSTEM;

    /** @return the value stored in the catalog: {@code train}, {@code eval} or {@code system} */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param sqlName a value of {@code metric_key.kind}
     * @return the matching kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static MetricKind fromSql(String sqlName) {
        return valueOf(sqlName.toUpperCase(Locale.ROOT));
    }
}
