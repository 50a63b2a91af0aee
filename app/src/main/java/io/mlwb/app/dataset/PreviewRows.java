package io.mlwb.app.dataset;

import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The rows of a table as a list of row indices, without one object per row: {@code get(i)} is {@code i} and cells
 * are rendered from the columns' arrays by index ({@link #cell(Column, int)}). Backs the virtualized preview, so
 * a million rows cost nothing until they scroll into view.
 */
public final class PreviewRows extends AbstractList<Integer> implements RandomAccess {
    private final int size;

    /** @param table the table whose rows are listed */
    public PreviewRows(DataTable table) {
        this.size = Objects.requireNonNull(table, "table").rowCount();
    }

    @Override
    public Integer get(int index) {
        Objects.checkIndex(index, size);
        return index;
    }

    @Override
    public int size() {
        return size;
    }

    /** @return the text of row {@code row} in {@code column}; empty when missing */
    public static String cell(Column column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof NumericColumn n) {
            double v = n.values()[row];
            return n.integral() && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (column instanceof CategoricalColumn c) {
            return c.value(row);
        }
        if (column instanceof BooleanColumn b) {
            return b.values()[row] > 0 ? "true" : "false";
        }
        // as the file wrote it: a date, a naive date-time, or one with its offset
        return ((DateTimeColumn) column).text(row);
    }
}
