package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;
import java.util.BitSet;
import java.util.Objects;

/**
 * A date or date-time column: epoch milliseconds as its {@link DateStyle} defines them (the wall-clock time read as
 * UTC for dates and naive date-times, the instant for values with an offset), missing rows in a bit set. Turn a
 * value back into text with {@code style().format(millis()[i])}.
 *
 * @param name    the column's name
 * @param millis  one value per row
 * @param missing set bits mark missing rows
 * @param style   how the values were written: kind, offset, precision
 * @param format  the detected format, e.g. "yyyy-MM-dd" or "yyyy-MM-dd'T'HH:mm:ss"
 */
public record DateTimeColumn(String name, long[] millis, BitSet missing, DateStyle style, String format)
        implements Column {
    /** Validates the parts. */
    public DateTimeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(millis, "millis");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(format, "format");
    }

    /**
     * A column whose format is its style's pattern.
     *
     * @param name    the column's name
     * @param millis  one value per row, as {@code style} defines them
     * @param missing set bits mark missing rows
     * @param style   how the values were written
     */
    public DateTimeColumn(String name, long[] millis, BitSet missing, DateStyle style) {
        this(name, millis, missing, style, style.pattern());
    }

    /**
     * A column of dates ({@code dateOnly}) or of UTC instants ({@link DateStyle#UTC}), as columns were made before
     * they had a style.
     *
     * @param name     the column's name
     * @param millis   one value per row: epoch milliseconds (UTC; a date is its midnight)
     * @param missing  set bits mark missing rows
     * @param dateOnly true when every present value is a date without a time
     * @param format   the detected format
     */
    public DateTimeColumn(String name, long[] millis, BitSet missing, boolean dateOnly, String format) {
        this(name, millis, missing, dateOnly ? DateStyle.DATE : DateStyle.UTC, format);
    }

    /** @return true when every present value is a date without a time */
    public boolean dateOnly() {
        return style.dateOnly();
    }

    /** @return the text of row {@code i} in the column's style; empty when missing */
    public String text(int i) {
        return missing.get(i) ? "" : style.format(millis[i]);
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
