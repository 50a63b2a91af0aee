package io.mlwb.app.dataset;

/** The outcome of a data-quality rule, as the Rules tab shows it. */
public enum RuleStatus {
    /** The rule holds. */
    PASS,
    /** The rule fails and its severity is error. */
    FAIL,
    /** The rule fails and its severity is warning. */
    WARN,
    /** The rule was not checked (no checker yet, or the profile failed). */
    NOT_CHECKED
}
