package io.mlwb.core.project;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A data-quality rule of a dataset. Which parameters a rule uses depends on its {@link RuleType}; the loader
 * has checked that the ones it needs are present and valid, and left the others null.
 *
 * @param type     what the rule checks
 * @param column   the column checked, or null for {@code row_count} and {@code schema_equals_approved}
 *                 (and for {@code freshness}, which then uses the dataset's {@code time_column})
 * @param min      lower bound for {@code range} and {@code row_count}, inclusive, or null for none
 * @param max      upper bound for {@code range} and {@code row_count}, inclusive, or null for none
 * @param values   the allowed values for {@code allowed_values} (as text), otherwise empty
 * @param pattern  a {@link java.util.regex.Pattern} that must match whole values, for {@code regex}, or null
 * @param maxAge   the greatest age of the newest row, for {@code freshness}, or null
 * @param severity what a failure does
 */
public record QualityRule(RuleType type, String column, Double min, Double max, List<String> values,
                          String pattern, Duration maxAge, Severity severity) {

    /** Copies {@code values}; a null severity means {@link Severity#ERROR}. */
    public QualityRule {
        Objects.requireNonNull(type, "type");
        values = values == null ? List.of() : List.copyOf(values);
        severity = severity == null ? Severity.ERROR : severity;
    }
}
