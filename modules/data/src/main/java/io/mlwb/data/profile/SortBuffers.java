package io.mlwb.data.profile;

/**
 * Work arrays that one thread reuses from column to column while profiling, so that sorting a column of a million
 * rows allocates nothing new: keys and their radix-sort twin, the two permutation arrays, the rows of present
 * values, and the sorted values. Each grows to the largest column it served; entries past what a caller asked for
 * hold stale data, so callers pass lengths explicitly. Not thread-safe: one per thread.
 */
final class SortBuffers {
    private long[] keys;
    private long[] keys2;
    private int[] idx;
    private int[] idx2;
    private int[] rows;
    private double[] sorted;

    long[] keys(int n) {
        if (keys == null || keys.length < n) {
            keys = new long[n];
        }
        return keys;
    }

    long[] keys2(int n) {
        if (keys2 == null || keys2.length < n) {
            keys2 = new long[n];
        }
        return keys2;
    }

    int[] idx(int n) {
        if (idx == null || idx.length < n) {
            idx = new int[n];
        }
        return idx;
    }

    int[] idx2(int n) {
        if (idx2 == null || idx2.length < n) {
            idx2 = new int[n];
        }
        return idx2;
    }

    int[] rows(int n) {
        if (rows == null || rows.length < n) {
            rows = new int[n];
        }
        return rows;
    }

    double[] sorted(int n) {
        if (sorted == null || sorted.length < n) {
            sorted = new double[n];
        }
        return sorted;
    }
}
