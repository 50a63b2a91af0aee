package io.mlwb.core.project;

import java.util.Locale;

/** The kind of a data-quality rule. Written in lower case in mlwb.yaml. */
public enum RuleType {
    /** The column has no missing values. */
    NOT_NULL,
    /** The column has no duplicate values. */
    UNIQUE,
    /** Every value of the column lies within {@code min}..{@code max}. */
    RANGE,
    /** Every value of the column is one of {@code values}. */
    ALLOWED_VALUES,
    /** Every value of the column matches {@code pattern} in full. */
    REGEX,
    /** The dataset's row count lies within {@code min}..{@code max}. */
    ROW_COUNT,
    /** The newest value of the time column is no older than {@code max_age}. */
    FRESHNESS,
    /** The columns and their types equal the approved schema snapshot. */
    SCHEMA_EQUALS_APPROVED;

    /** @return the value as written in mlwb.yaml, e.g. {@code "not_null"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
