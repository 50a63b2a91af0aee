package io.mlwb.core.project;

import java.util.Locale;

/** The file format of a dataset. Written in lower case in mlwb.yaml. */
public enum DataFormat {
    /** Comma- (or {@code delimiter}-) separated values with a header row. */
    CSV,
    /** Tab-separated values with a header row. */
    TSV,
    /** One JSON object per line. */
    JSONL,
    /** Apache Parquet. */
    PARQUET,
    /** Decided from the file extension and content (the default). */
    AUTO;

    /** @return the value as written in mlwb.yaml, e.g. {@code "csv"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
