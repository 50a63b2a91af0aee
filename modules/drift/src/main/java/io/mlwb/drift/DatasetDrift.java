package io.mlwb.drift;

import io.mlwb.core.project.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison of two tables: one {@link ColumnDrift} per column present in both (in the reference's order),
 * the schema differences, and the dataset verdict.
 *
 * @param columns    per-column results, reference order; ignored columns left out
 * @param added      columns only in the current data
 * @param removed    columns only in the reference
 * @param retyped    columns whose type changed
 * @param ignored    columns left out by an {@code ignore} override
 * @param compared   columns counted in the share (every result except free text on both sides)
 * @param drifted    counted columns that drifted
 * @param share      {@code drifted / compared}, 0 when nothing was compared
 * @param driftShare the share at or above which the dataset drifted
 * @param datasetDrift whether {@code compared > 0 && share ≥ driftShare}
 */
public record DatasetDrift(List<ColumnDrift> columns, List<String> added, List<String> removed,
                           List<Retyped> retyped, List<String> ignored, int compared, int drifted, double share,
                           double driftShare, boolean datasetDrift) {
    /** Copies the lists. */
    public DatasetDrift {
        columns = List.copyOf(columns);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retyped = List.copyOf(retyped);
        ignored = List.copyOf(ignored);
    }

    /**
     * A column whose type differs between the two tables.
     *
     * @param name      the column
     * @param reference its type in the reference
     * @param current   its type in the current data
     */
    public record Retyped(String name, ColumnType reference, ColumnType current) {
        /** Validates the parts. */
        public Retyped {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * @return the comparison as a JSON object: {@code dataset_drift, share, drift_share, drifted_columns,
     *         compared_columns, added, removed, retyped: [{name, reference, current}], ignored, columns: [...]}
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset_drift", datasetDrift);
        m.put("share", share);
        m.put("drift_share", driftShare);
        m.put("drifted_columns", drifted);
        m.put("compared_columns", compared);
        m.put("added", added);
        m.put("removed", removed);
        List<Map<String, Object>> r = new ArrayList<>();
        for (Retyped t : retyped) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", t.name());
            o.put("reference", t.reference().yamlName());
            o.put("current", t.current().yamlName());
            r.add(o);
        }
        m.put("retyped", r);
        m.put("ignored", ignored);
        m.put("columns", columns.stream().map(ColumnDrift::toJson).toList());
        return m;
    }
}
