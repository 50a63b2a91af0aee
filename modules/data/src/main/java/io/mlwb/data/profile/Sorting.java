package io.mlwb.data.profile;

/**
 * Primitive sorting helpers. A least-significant-digit radix sort on 64-bit keys carries the original positions
 * along, so one pass gives both the sorted values (quantiles, distinct, top values) and the permutation (ranks for
 * Spearman), with no boxing. It is stable, so equal keys keep their original order.
 */
final class Sorting {
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;

    private Sorting() {
    }

    /** Maps a double (not NaN) to a key whose unsigned order is the numeric order; −0.0 and 0.0 share a key. */
    static long doubleKey(double v) {
        long bits = Double.doubleToRawLongBits(v + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** Inverse of {@link #doubleKey(double)}. */
    static double keyDouble(long key) {
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }

    /** Maps a signed long to a key whose unsigned order is the signed order. */
    static long longKey(long v) {
        return v ^ Long.MIN_VALUE;
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
        long[] src = keys;
        long[] dst = buffers == null ? new long[n] : buffers.keys2(n);
        int[] srcIdx = null;
        int[] dstIdx = null;
        if (withPerm) {
            srcIdx = buffers == null ? new int[n] : buffers.idx(n);
            dstIdx = buffers == null ? new int[n] : buffers.idx2(n);
            for (int i = 0; i < n; i++) {
                srcIdx[i] = i;
            }
        }
        int passes = (64 + BITS - 1) / BITS;
        int[][] counts = histograms(keys, n, passes);
        for (int p = 0; p < passes; p++) {
            int shift = p * BITS;
            int[] count = counts[p];
            if (n == 0 || count[(int) ((src[0] >>> shift) & MASK)] == n) {
                continue; // every key has the same digit here: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            if (withPerm) {
                scatter(src, srcIdx, dst, dstIdx, n, shift, count);
                int[] t = srcIdx;
                srcIdx = dstIdx;
                dstIdx = t;
            } else {
                scatter(src, dst, n, shift, count);
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) {
            System.arraycopy(src, 0, keys, 0, n);
        }
        return srcIdx;
    }

    /** The digit counts of every pass, in one read of the keys. */
    private static int[][] histograms(long[] keys, int n, int passes) {
        int[][] counts = new int[passes][RADIX];
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            for (int p = 0; p < passes; p++) {
                counts[p][(int) ((k >>> (p * BITS)) & MASK)]++;
            }
        }
        return counts;
    }

    private static void scatter(long[] src, int[] srcIdx, long[] dst, int[] dstIdx, int n, int shift, int[] pos) {
        for (int i = 0; i < n; i++) {
            long k = src[i];
            int q = pos[(int) ((k >>> shift) & MASK)]++;
            dst[q] = k;
            dstIdx[q] = srcIdx[i];
        }
    }

    private static void scatter(long[] src, long[] dst, int n, int shift, int[] pos) {
        for (int i = 0; i < n; i++) {
            long k = src[i];
            dst[pos[(int) ((k >>> shift) & MASK)]++] = k;
        }
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
