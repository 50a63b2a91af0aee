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
        long[] src = keys;
        long[] dst = new long[n];
        int[] srcIdx = null;
        int[] dstIdx = null;
        if (withPerm) {
            srcIdx = new int[n];
            dstIdx = new int[n];
            for (int i = 0; i < n; i++) {
                srcIdx[i] = i;
            }
        }
        int[] count = new int[RADIX];
        for (int shift = 0; shift < 64; shift += BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((src[i] >>> shift) & MASK)]++;
            }
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
                for (int i = 0; i < n; i++) {
                    long k = src[i];
                    int p = count[(int) ((k >>> shift) & MASK)]++;
                    dst[p] = k;
                    dstIdx[p] = srcIdx[i];
                }
                int[] t = srcIdx;
                srcIdx = dstIdx;
                dstIdx = t;
            } else {
                for (int i = 0; i < n; i++) {
                    long k = src[i];
                    dst[count[(int) ((k >>> shift) & MASK)]++] = k;
                }
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

    /**
     * Average ranks, doubled so they are integers: tied values get {@code first + last} (1-based positions).
     *
     * @param values the values (none NaN)
     * @param n      how many of them to rank
     */
    static int[] doubledRanks(double[] values, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = doubleKey(values[i]);
        }
        int[] perm = sortUnsigned(keys, n, true);
        int[] rank2 = new int[n];
        assignRanks(keys, perm, n, rank2);
        return rank2;
    }

    /** Writes doubled average ranks from sorted keys and their permutation. */
    static void assignRanks(long[] sortedKeys, int[] perm, int n, int[] rank2) {
        int i = 0;
        while (i < n) {
            int j = i;
            long k = sortedKeys[i];
            while (j + 1 < n && sortedKeys[j + 1] == k) {
                j++;
            }
            int r = i + j + 2;
            for (int t = i; t <= j; t++) {
                rank2[perm[t]] = r;
            }
            i = j + 1;
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
