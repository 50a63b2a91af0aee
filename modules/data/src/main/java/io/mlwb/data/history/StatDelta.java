package io.mlwb.data.history;

/**
 * One statistic of one column in two profiles.
 *
 * @param column         the column's name
 * @param stat           the statistic's JSON name, e.g. {@code mean}, {@code distinct}, {@code missingPct}
 * @param before         its value in the earlier profile
 * @param after          its value in the later profile
 * @param relativeChange {@code (after - before) / |before|}; 0 when both are 0, and positive or negative infinity
 *                       when only {@code before} is 0
 */
public record StatDelta(String column, String stat, double before, double after, double relativeChange) {
    /** @return true when the value changed */
    public boolean changed() {
        return Double.compare(before, after) != 0;
    }
}
