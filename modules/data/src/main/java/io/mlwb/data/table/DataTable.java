package io.mlwb.data.table;

import java.util.List;
import java.util.Optional;

/**
 * A table read from a file: columns of equal length, in file order.
 *
 * @param rowCount the number of data rows
 * @param columns  the columns, in file order (names unique)
 */
public record DataTable(int rowCount, List<Column> columns) {
    /** Checks that every column has {@code rowCount} rows. */
    public DataTable {
        columns = List.copyOf(columns);
        for (Column c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("Column " + c.name() + " has " + c.size() + " rows, not " + rowCount);
            }
        }
    }

    /** @return the column with this name */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return the column names, in order */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** @return approximate bytes held by the columns */
    public long memoryBytes() {
        return columns.stream().mapToLong(Column::memoryBytes).sum();
    }
}
