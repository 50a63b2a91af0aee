package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;
import java.util.Objects;

/**
 * A boolean column: 1 true, 0 false, -1 missing.
 *
 * @param name   the column's name
 * @param values one byte per row
 */
public record BooleanColumn(String name, byte[] values) implements Column {
    /** Validates the parts. */
    public BooleanColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public ColumnType type() {
        return ColumnType.BOOLEAN;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int i) {
        return values[i] < 0;
    }

    @Override
    public int missingCount() {
        int n = 0;
        for (byte b : values) {
            if (b < 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long memoryBytes() {
        return values.length;
    }
}
