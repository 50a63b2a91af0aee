package io.mlwb.data.history;

import java.util.List;
import java.util.Optional;

/**
 * The difference between two profiles of a dataset.
 *
 * @param rowsBefore  rows in the earlier profile
 * @param rowsAfter   rows in the later profile
 * @param added       columns only in the later profile, in its order
 * @param removed     columns only in the earlier profile, in its order
 * @param typeChanges columns in both whose type differs
 * @param deltas      every numeric statistic present in both profiles for a column in both (changed or not), in
 *                    the later profile's column order
 */
public record DiffResult(long rowsBefore, long rowsAfter, List<String> added, List<String> removed,
                         List<TypeChange> typeChanges, List<StatDelta> deltas) {
    /** Copies the lists. */
    public DiffResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        typeChanges = List.copyOf(typeChanges);
        deltas = List.copyOf(deltas);
    }

    /** @return true when columns were added or removed or changed type */
    public boolean schemaChanged() {
        return !added.isEmpty() || !removed.isEmpty() || !typeChanges.isEmpty();
    }

    /**
     * @param column a column's name
     * @param stat   a statistic's JSON name
     * @return that statistic's delta, or empty when it is not in both profiles
     */
    public Optional<StatDelta> delta(String column, String stat) {
        return deltas.stream().filter(d -> d.column().equals(column) && d.stat().equals(stat)).findFirst();
    }

    /** @return the deltas whose value changed */
    public List<StatDelta> changed() {
        return deltas.stream().filter(StatDelta::changed).toList();
    }
}
