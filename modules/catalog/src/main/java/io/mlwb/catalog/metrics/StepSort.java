package io.mlwb.catalog.metrics;

/**
 * Stable sort of parallel arrays by step: points with equal steps keep their order, so "log order among
 * equal steps" survives. A merge sort over an index permutation; used only when steps arrive out of order.
 */
final class StepSort {
    private StepSort() {
    }

    /** Sorts the first {@code n} entries of the arrays by {@code steps}, stably. */
    static void sort(long[] steps, double[] values, long[] times, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (steps[idx[mid - 1]] <= steps[idx[mid]]) {
                    continue; // already in order
                }
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = steps[idx[j]] < steps[idx[i]] ? idx[j++] : idx[i++];
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
        long[] s = steps.clone();
        double[] v = values.clone();
        long[] t = times.clone();
        for (int i = 0; i < n; i++) {
            steps[i] = s[idx[i]];
            values[i] = v[idx[i]];
            times[i] = t[idx[i]];
        }
    }
}
