package io.mlwb.core.project;

import java.util.Objects;

/**
 * How a dataset is split for training, under {@code training.split}.
 *
 * @param strategy           random, time or group
 * @param testFraction       share of rows held out for the final test, in (0, 1)
 * @param validationFraction share of rows used for validation (early stopping), in [0, 1)
 * @param timeColumn         column ordering rows for a time split, or null for the dataset's {@code time_column}
 * @param groupColumn        column grouping rows for a group split, or null for the dataset's {@code id_column}
 */
public record SplitConfig(SplitStrategy strategy, double testFraction, double validationFraction,
                          String timeColumn, String groupColumn) {

    /** Default test share. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Default validation share. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    /** Checks the strategy is set. */
    public SplitConfig {
        Objects.requireNonNull(strategy, "strategy");
    }

    /** @return a random 70/10/20 split */
    public static SplitConfig defaults() {
        return new SplitConfig(SplitStrategy.RANDOM, DEFAULT_TEST_FRACTION, DEFAULT_VALIDATION_FRACTION, null, null);
    }
}
