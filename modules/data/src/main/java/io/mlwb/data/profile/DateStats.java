package io.mlwb.data.profile;

import java.time.Instant;

/**
 * Range and gaps of a date or date-time column.
 *
 * @param min           earliest value
 * @param max           latest value
 * @param largestGapMillis largest difference between consecutive distinct values, in milliseconds (0 with fewer
 *                      than two distinct values)
 * @param missingDays   for a date-only column, the days in [min, max] that no row holds; -1 otherwise
 * @param dateOnly      whether the column holds dates without times
 */
public record DateStats(Instant min, Instant max, long largestGapMillis, long missingDays, boolean dateOnly) {
}
