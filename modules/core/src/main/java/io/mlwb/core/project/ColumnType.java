package io.mlwb.core.project;

import java.util.Locale;

/** The logical type of a column, overriding the type the profiler would infer. Written in lower case in mlwb.yaml. */
public enum ColumnType {
    /** Integer or real numbers. */
    NUMERIC,
    /** A small set of labels. */
    CATEGORICAL,
    /** True/false. */
    BOOLEAN,
    /** Dates or timestamps. */
    DATETIME,
    /** Free text. */
    TEXT;

    /** @return the value as written in mlwb.yaml, e.g. {@code "numeric"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
