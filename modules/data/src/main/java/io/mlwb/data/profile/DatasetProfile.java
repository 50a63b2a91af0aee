package io.mlwb.data.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param approximate  which figures are approximate and how (a figure's name, e.g. {@code "quantiles"}, to its
 *                     method and error); empty for an exact profile
 */
public record DatasetProfile(long rows, int columnsCount, long missingCells, long duplicateRows, long memoryBytes,
        List<ColumnProfile> columns, Correlations correlations, List<TargetAssociation> target,
        List<Alert> alerts, Map<String, String> approximate) {
    /** Copies the lists and the map (keeping its order). */
    public DatasetProfile {
        columns = List.copyOf(columns);
        target = List.copyOf(target);
        alerts = List.copyOf(alerts);
        approximate = Collections.unmodifiableMap(new LinkedHashMap<>(approximate));
    }

    /** An exact profile: every figure computed from all the values. */
    public DatasetProfile(long rows, int columnsCount, long missingCells, long duplicateRows, long memoryBytes,
            List<ColumnProfile> columns, Correlations correlations, List<TargetAssociation> target,
            List<Alert> alerts) {
        this(rows, columnsCount, missingCells, duplicateRows, memoryBytes, columns, correlations, target, alerts,
                Map.of());
    }

    /** @return whether some figures are approximate (see {@link #approximate()}) */
    public boolean isApproximate() {
        return !approximate.isEmpty();
    }

    /** @return the profile of the named column */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
