package io.mlwb.data.quality;

import io.mlwb.core.project.QualityRule;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one data-quality rule on one table.
 *
 * @param rule       the rule as configured
 * @param label      a short readable form of the rule, e.g. {@code range(age, 18..100)}
 * @param status     pass, fail, or warn
 * @param violations how many values (or, for table-level rules, conditions) broke the rule; 0 when it held
 * @param observed   what was seen, e.g. {@code min 17, max 104}; empty when the rule could not be checked
 * @param message    one sentence for people: why it failed, or that it held
 * @param examples   up to {@link #MAX_EXAMPLES} offending values with their 1-based data row numbers,
 *                   e.g. {@code row 3: 17}
 */
public record RuleResult(QualityRule rule, String label, Status status, long violations, String observed,
                         String message, List<String> examples) {
    /** The most examples a result keeps. */
    public static final int MAX_EXAMPLES = 5;

    /** Copies the examples and rejects null parts. */
    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(message, "message");
        examples = List.copyOf(examples);
    }

    /** The outcome of a rule. */
    public enum Status {
        /** The rule held. */
        PASS,
        /** The rule failed and its severity is error, or it could not be checked (a configuration mistake). */
        FAIL,
        /** The rule failed but its severity is warning, or it cannot be judged yet (no approved schema). */
        WARN
    }
}
