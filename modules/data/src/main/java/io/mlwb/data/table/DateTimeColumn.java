package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;
import java.util.BitSet;
import java.util.Objects;

/**
 * A date or date-time column: epoch milliseconds (UTC; a date is its midnight), missing rows in a bit set.
 *
 * @param name     the column's name
 * @param millis   one instant per row
 * @param missing  set bits mark missing rows
 * @param dateOnly true when every present value was a date without a time
 * @param format   the detected format, e.g. "yyyy-MM-dd" or "ISO-8601 date-time"
 */
public record DateTimeColumn(String name, long[] millis, BitSet missing, boolean dateOnly, String format) implements Column {
    /** Validates the parts. */
    public DateTimeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(millis, "millis");
        Objects.requireNonNull(missing, "missing");
    }

    @Override
    public ColumnType type() {
        return ColumnType.DATETIME;
    }

    @Override
    public int size() {
        return millis.length;
    }

    @Override
    public boolean isMissing(int i) {
        return missing.get(i);
    }

    @Override
    public int missingCount() {
        return missing.cardinality();
    }

    @Override
    public long memoryBytes() {
        return 8L * millis.length + missing.size() / 8;
    }
}
