package io.mlwb.training.eval;

/** A stable merge sort of row indices by a double key, without boxing. */
final class IndexSort {

    private IndexSort() {
    }

    /**
     * Row indices ordered by {@code keys} descending; equal keys keep row order, so the result is deterministic.
     * Keys must not be NaN.
     */
    static int[] descending(double[] keys) {
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (keys[idx[mid - 1]] >= keys[idx[mid]]) {
                    continue; // already in order
                }
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = keys[idx[i]] >= keys[idx[j]] ? idx[i++] : idx[j++];
                }
                while (i < mid) {
                    tmp[k++] = idx[i++];
                }
                while (j < hi) {
                    tmp[k++] = idx[j++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }
}
