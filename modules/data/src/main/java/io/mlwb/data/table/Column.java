package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;

/**
 * One column of a {@link DataTable}: values stored in primitive arrays, never one object per cell. Row {@code i}
 * is missing when {@link #isMissing(int)}; a missing row's stored value is meaningless.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, BooleanColumn, DateTimeColumn {
    /** @return the column's name as in the file's header */
    String name();

    /** @return the inferred (or configured) type */
    ColumnType type();

    /** @return the number of rows */
    int size();

    /** @return whether row {@code i} is missing */
    boolean isMissing(int i);

    /** @return how many rows are missing */
    int missingCount();

    /** @return approximate bytes held by this column's arrays (for the profile's memory figure) */
    long memoryBytes();
}
