package io.mlwb.training.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Rows mapped to group ids; groups sorted by name, null or blank as {@code "(missing)"}. */
final class GroupIndex {
    final String[] names;
    final int[] ids;

    private GroupIndex(String[] names, int[] ids) {
        this.names = names;
        this.ids = ids;
    }

    static GroupIndex of(String[] group, int n) {
        Checks.notNull(group, "group");
        Checks.sameLength(n, group.length, "group", "yTrue");
        TreeSet<String> sorted = new TreeSet<>();
        for (String g : group) {
            sorted.add(Checks.group(g));
        }
        String[] names = sorted.toArray(new String[0]);
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            id.put(names[i], i);
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = id.get(Checks.group(group[i]));
        }
        return new GroupIndex(names, ids);
    }

    /** Row indices of group {@code g}, in row order. */
    int[] rows(int g) {
        int count = 0;
        for (int id : ids) {
            count += id == g ? 1 : 0;
        }
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == g) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    static double[] select(double[] a, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = a[rows[k]];
        }
        return out;
    }
}
