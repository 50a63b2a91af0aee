package io.mlwb.data.profile;

import java.util.Locale;

/** The kinds of alert a profile raises; see {@link AlertThresholds} for when. */
public enum AlertType {
    /** More rows repeat an earlier row than allowed. */
    DUPLICATES,
    /** A column has a large share of missing values. */
    HIGH_MISSING,
    /** A column has exactly one distinct value. */
    CONSTANT,
    /** A column has no missing values and every value is distinct (an id?). */
    UNIQUE,
    /** A categorical column has many distinct values. */
    HIGH_CARDINALITY,
    /** A numeric column's skewness is extreme. */
    SKEWED,
    /** A categorical or boolean column is dominated by few values. */
    IMBALANCED,
    /** A numeric column has many zeros. */
    ZEROS,
    /** A numeric column has infinite values. */
    INFINITE,
    /** Two columns are strongly correlated or associated. */
    HIGH_CORRELATION;

    /** @return the name written in JSON, e.g. {@code "high_missing"} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
