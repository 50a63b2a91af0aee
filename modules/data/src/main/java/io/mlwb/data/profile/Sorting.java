package io.mlwb.data.profile;

import io.mlwb.data.sort.RadixSort;

/**
 * Primitive sorting helpers of the profiler: {@link RadixSort} with the work arrays of a thread's {@link SortBuffers}
 * (one sort gives both the sorted values and the permutation, ranks for Spearman), and Python's string order.
 */
final class Sorting {
    private Sorting() {
    }

    /** Maps a double (not NaN) to a key whose unsigned order is the numeric order; −0.0 and 0.0 share a key. */
    static long doubleKey(double v) {
        return RadixSort.doubleKey(v);
    }

    /** Inverse of {@link #doubleKey(double)}. */
    static double keyDouble(long key) {
        return RadixSort.keyDouble(key);
    }

    /** Maps a signed long to a key whose unsigned order is the signed order. */
    static long longKey(long v) {
        return RadixSort.longKey(v);
    }

    /**
     * Sorts {@code keys[0..n)} in unsigned order, in place.
     *
     * @param withPerm whether to return the permutation
     * @return {@code perm} with {@code sorted[i] == original[perm[i]]}, or null when not asked for
     */
    static int[] sortUnsigned(long[] keys, int n, boolean withPerm) {
        return sortUnsigned(keys, n, withPerm, null);
    }

    /**
     * As {@link #sortUnsigned(long[], int, boolean)}, taking its work arrays from {@code buffers} (when not null);
     * the permutation returned is then one of those buffers, valid until they are used again.
     */
    static int[] sortUnsigned(long[] keys, int n, boolean withPerm, SortBuffers buffers) {
        long[] scratch = buffers == null ? new long[n] : buffers.keys2(n);
        int[] idx = !withPerm ? null : buffers == null ? new int[n] : buffers.idx(n);
        int[] idx2 = !withPerm ? null : buffers == null ? new int[n] : buffers.idx2(n);
        return RadixSort.sortUnsigned(keys, n, scratch, idx, idx2);
    }

    /**
     * Compares strings by Unicode code point, as Python does ({@link String#compareTo} compares UTF-16 units,
     * which orders U+E000..U+FFFF after supplementary characters).
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixup(x) - fixup(y);
            }
        }
        return a.length() - b.length();
    }

    private static int fixup(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }
}
