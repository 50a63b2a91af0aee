package io.mlwb.data.profile;

import java.util.List;
import java.util.Optional;

/**
 * The profile of a table.
 *
 * @param rows         data rows
 * @param columnsCount columns
 * @param missingCells missing cells over all columns
 * @param duplicateRows rows equal to an earlier row in every column (missing equals missing), as pandas
 *                     {@code df.duplicated().sum()}
 * @param memoryBytes  approximate bytes held by the table's columns
 * @param columns      one profile per column, in table order
 * @param correlations the correlation matrices (empty when not requested)
 * @param target       each feature against the target, in table order (empty without a target)
 * @param alerts       alerts, dataset-level first, then by column order
 */
public record DatasetProfile(long rows, int columnsCount, long missingCells, long duplicateRows, long memoryBytes,
        List<ColumnProfile> columns, Correlations correlations, List<TargetAssociation> target,
        List<Alert> alerts) {
    /** Copies the lists. */
    public DatasetProfile {
        columns = List.copyOf(columns);
        target = List.copyOf(target);
        alerts = List.copyOf(alerts);
    }

    /** @return the profile of the named column */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
