package io.mlwb.data.profile;

import io.mlwb.core.project.ColumnType;
import java.util.List;

/**
 * What a profile knows about one column. Type-specific parts are null for other types.
 *
 * @param name       the column's name
 * @param type       its type
 * @param count      present (non-missing) rows
 * @param missing    missing rows
 * @param missingPct missing rows as a percentage of all rows (0 for an empty table)
 * @param distinct   distinct present values (infinities count as values; 0.0 and −0.0 are one value)
 * @param imbalance  for categorical and boolean columns, ydata's imbalance {@code 1 − H / ln k} (H the entropy of
 *                   the value frequencies, k the number of distinct values; 0 when k ≤ 1); NaN otherwise
 * @param numeric    numeric statistics, or null
 * @param top        the most frequent values: count descending, ties by value ascending (numeric order,
 *                   chronological, false before true, strings by code point)
 * @param histogram  equal-width histogram for numeric and date columns, or null (also when no finite value)
 * @param text       length statistics for text and categorical columns, or null
 * @param date       range and gaps for date columns, or null
 * @param bool       counts for boolean columns, or null
 */
public record ColumnProfile(String name, ColumnType type, long count, long missing, double missingPct,
        long distinct, double imbalance, NumericStats numeric, List<TopValue> top, Histogram histogram,
        TextStats text, DateStats date, BooleanStats bool) {
    /** Copies the top-value list. */
    public ColumnProfile {
        top = List.copyOf(top);
    }
}
