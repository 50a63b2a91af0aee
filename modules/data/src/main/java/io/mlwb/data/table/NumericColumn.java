package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;
import java.util.BitSet;
import java.util.Objects;

/**
 * A numeric column: values as {@code double}, missing rows in a bit set. Infinities are values (they are counted,
 * not missing); a cell that the missing markers match (by default empty, NA, N/A, null, NaN) is missing.
 *
 * @param name    the column's name
 * @param values  one value per row (missing rows hold NaN)
 * @param missing set bits mark missing rows
 * @param integral true when every present value was written without a fraction (counts, ids)
 */
public record NumericColumn(String name, double[] values, BitSet missing, boolean integral) implements Column {
    /** Validates the parts. */
    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(missing, "missing");
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
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
        return 8L * values.length + missing.size() / 8;
    }
}
