package io.mlwb.data.read;

import io.mlwb.data.table.DataTable;
import java.util.List;
import java.util.Objects;

/**
 * A table read from a file, what was detected, and the warnings a person should see (one sentence each).
 *
 * @param table    the columns
 * @param detected format, character set, delimiter, BOM and compression
 * @param warnings problems that did not stop the read, in the order found
 */
public record ReadResult(DataTable table, Detected detected, List<String> warnings) {
    /** Copies the warnings. */
    public ReadResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(detected, "detected");
        warnings = List.copyOf(warnings);
    }
}
