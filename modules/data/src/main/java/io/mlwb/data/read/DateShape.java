package io.mlwb.data.read;

import io.mlwb.data.table.DateStyle;
import java.time.ZoneOffset;

/**
 * Gathers what the parsed values of one date column said about their layout (dates, naive or zoned date-times, the
 * offsets, the precision), cell by cell, and turns it into the column's {@link DateStyle}. Not thread-safe: one per
 * column builder.
 */
final class DateShape {
    private static final int DATE = 1;
    private static final int LOCAL = 2;
    private static final int ZONED = 4;

    private int kinds;
    private int offsetMinutes;
    private boolean mixedOffsets;
    private int fraction = -1;

    /** Notes the last successful parse of {@code p}. */
    void add(DateParser p) {
        if (p.dateOnly) {
            kinds |= DATE;
            return;
        }
        if (p.zoned) {
            if ((kinds & ZONED) == 0) {
                offsetMinutes = p.offsetMinutes;
            } else if (offsetMinutes != p.offsetMinutes) {
                mixedOffsets = true;
            }
            kinds |= ZONED;
        } else {
            kinds |= LOCAL;
        }
        if (p.fraction > fraction) {
            fraction = p.fraction;
        }
    }

    /** @return the style of the values added so far ({@link DateStyle#DATE} when none were) */
    DateStyle style() {
        if ((kinds & ZONED) != 0) {
            boolean one = kinds == ZONED && !mixedOffsets;
            return DateStyle.offset(one ? ZoneOffset.ofTotalSeconds(offsetMinutes * 60) : ZoneOffset.UTC, fraction);
        }
        return (kinds & LOCAL) != 0 ? DateStyle.local(fraction) : DateStyle.DATE;
    }
}
