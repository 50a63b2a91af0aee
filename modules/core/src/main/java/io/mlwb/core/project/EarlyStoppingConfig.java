package io.mlwb.core.project;

import java.util.Objects;

/**
 * Stop training when a validation metric has not improved for {@code patience} epochs.
 *
 * @param metric   the metric watched, e.g. {@code val_loss}
 * @param patience epochs without improvement before stopping, at least 1
 * @param mode     whether smaller or larger is better
 */
public record EarlyStoppingConfig(String metric, int patience, MetricMode mode) {

    /** Metric watched when none is named. */
    public static final String DEFAULT_METRIC = "val_loss";
    /** Patience when none is given. */
    public static final int DEFAULT_PATIENCE = 5;

    /** Checks metric and mode are set. */
    public EarlyStoppingConfig {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mode, "mode");
    }
}
