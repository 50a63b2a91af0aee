package io.mlwb.training.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Model-input columns explained together under one name: a numeric source column is one column; a categorical
 * source column is its one-hot columns, each named by its level.
 *
 * @param name    the source column's name
 * @param columns indices into the model's input vector, at least one, none repeated
 * @param levels  a label per column (for a one-hot group, the category of each column), same length as
 *                {@code columns}
 */
public record FeatureGroup(String name, int[] columns, List<String> levels) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException on a null or blank name, no columns, a negative or repeated column, or a
     *                                  level count that differs from the column count
     */
    public FeatureGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a feature group needs a name");
        }
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("feature group '" + name + "' has no columns");
        }
        columns = columns.clone();
        int[] sorted = columns.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("feature group '" + name + "' has a negative or repeated column "
                        + sorted[i]);
            }
        }
        if (levels == null || levels.size() != columns.length) {
            throw new IllegalArgumentException("feature group '" + name + "' needs one level label per column");
        }
        levels = List.copyOf(levels);
    }

    /**
     * A group of columns labelled {@code name[0]}, {@code name[1]}, …
     *
     * @param name    the group's name
     * @param columns the columns
     * @return the group
     */
    public static FeatureGroup of(String name, int... columns) {
        List<String> levels = new ArrayList<>(columns == null ? 0 : columns.length);
        for (int i = 0; columns != null && i < columns.length; i++) {
            levels.add(columns.length == 1 ? name : name + "[" + i + "]");
        }
        return new FeatureGroup(name, columns, levels);
    }

    /**
     * One single-column group per name, column {@code i} named {@code names[i]}: the trivial grouping.
     *
     * @param names a name per model-input column
     * @return the groups, in column order
     */
    public static List<FeatureGroup> singles(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("feature names must not be null");
        }
        List<FeatureGroup> groups = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            groups.add(of(names[i], i));
        }
        return List.copyOf(groups);
    }

    /**
     * Whether this is a one-hot group (more than one column).
     *
     * @return true for a one-hot group
     */
    public boolean categorical() {
        return columns.length > 1;
    }

    /**
     * The columns, copied.
     *
     * @return the column indices
     */
    @Override
    public int[] columns() {
        return columns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureGroup g && name.equals(g.name) && Arrays.equals(columns, g.columns)
                && levels.equals(g.levels);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + Arrays.hashCode(columns)) * 31 + levels.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureGroup[" + name + " " + Arrays.toString(columns) + "]";
    }
}
