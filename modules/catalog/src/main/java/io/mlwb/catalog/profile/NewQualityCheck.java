package io.mlwb.catalog.profile;

import java.util.Objects;

/**
 * A quality check result to store.
 *
 * @param rule        the rule, e.g. {@code range(age, 18..100)}
 * @param status      the outcome
 * @param detailsJson JSON details (observed values, examples), or null
 */
public record NewQualityCheck(String rule, CheckStatus status, String detailsJson) {
    /** Rejects a null rule or status. */
    public NewQualityCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
    }
}
