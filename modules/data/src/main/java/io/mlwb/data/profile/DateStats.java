package io.mlwb.data.profile;

import io.mlwb.data.table.DateStyle;
import java.time.Instant;
import java.util.Objects;

/**
 * Range and gaps of a date or date-time column. {@code min} and {@code max} hold the column's epoch numbers as its
 * {@link DateStyle} defines them (for dates and naive date-times, the wall-clock time read as UTC, not a real
 * instant); write them as text with {@link #minText()} and {@link #maxText()}, which keep the column's kind.
 *
 * @param min              earliest value
 * @param max              latest value
 * @param largestGapMillis largest difference between consecutive distinct values, in milliseconds (0 with fewer
 *                         than two distinct values)
 * @param missingDays      for a date-only column, the days in [min, max] that no row holds; -1 otherwise
 * @param style            how the column's values were written: kind, offset, precision
 */
public record DateStats(Instant min, Instant max, long largestGapMillis, long missingDays, DateStyle style) {
    /** Validates the parts. */
    public DateStats {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(style, "style");
    }

    /**
     * Stats of a date column ({@code dateOnly}) or of UTC instants, as they were made before columns had a style.
     *
     * @param min              earliest value
     * @param max              latest value
     * @param largestGapMillis see {@link #largestGapMillis()}
     * @param missingDays      see {@link #missingDays()}
     * @param dateOnly         whether the column holds dates without times
     */
    public DateStats(Instant min, Instant max, long largestGapMillis, long missingDays, boolean dateOnly) {
        this(min, max, largestGapMillis, missingDays, dateOnly ? DateStyle.DATE : DateStyle.UTC);
    }

    /** @return whether the column holds dates without times */
    public boolean dateOnly() {
        return style.dateOnly();
    }

    /** @return the earliest value as the file wrote it, e.g. {@code 2023-01-21T06:58:37} */
    public String minText() {
        return style.format(min.toEpochMilli());
    }

    /** @return the latest value as the file wrote it */
    public String maxText() {
        return style.format(max.toEpochMilli());
    }
}
