package io.mlwb.drift.stats;

import java.util.Arrays;

/**
 * Inner bin edges for numeric PSI and KL, and counting values into the bins they make. With inner edges
 * {@code e_1 < … < e_{k−1}} (equal edges allowed; the bin between them is empty) there are k bins: bin 0 is
 * {@code (−∞, e_1]}, bin i is {@code (e_i, e_{i+1}]}, bin k−1 is {@code (e_{k−1}, +∞)}. Bins are closed on the
 * right, so a value equal to an edge falls in the lower bin: the bin index is the number of edges strictly below the
 * value ({@code numpy.searchsorted(edges, v, side='left')}).
 */
public final class Bins {
    private Bins() {
    }

    /**
     * Quantile edges: the reference's {@code i/bins} quantiles for i = 1..bins−1 ({@code numpy.quantile(ref,
     * numpy.arange(1, bins)/bins)}, linear): the 10th…90th percentiles for 10 bins.
     *
     * @param sorted the reference, sorted, {@code sorted[0..n)}
     * @param n      its size, at least 1
     * @param bins   the number of bins, at least 1
     * @return {@code bins − 1} non-decreasing inner edges
     */
    public static double[] quantileEdges(double[] sorted, int n, int bins) {
        checkBins(bins);
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = Quantiles.linear(sorted, n, (double) i / bins);
        }
        return edges;
    }

    /**
     * Equal-width edges between the reference's minimum and maximum: {@code numpy.linspace(min, max, bins+1)[1:-1]},
     * that is {@code min + i·((max − min)/bins)}.
     *
     * @param min  the reference's minimum
     * @param max  the reference's maximum
     * @param bins the number of bins, at least 1
     * @return {@code bins − 1} non-decreasing inner edges
     */
    public static double[] equalWidthEdges(double min, double max, int bins) {
        checkBins(bins);
        double step = (max - min) / bins;
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = i * step + min;
        }
        return edges;
    }

    /**
     * Counts values into the bins of {@code edges}.
     *
     * @param values values {@code values[0..n)}, no NaN (any order)
     * @param n      how many
     * @param edges  non-decreasing inner edges
     * @return {@code edges.length + 1} counts
     */
    public static long[] counts(double[] values, int n, double[] edges) {
        long[] counts = new long[edges.length + 1];
        for (int i = 0; i < n; i++) {
            counts[binOf(values[i], edges)]++;
        }
        return counts;
    }

    /**
     * Counts sorted values into the bins of {@code edges}, as {@link #counts} does, with one binary search per edge
     * instead of one per value: bin i holds the values above edge i − 1 and at most edge i, so the counts are the
     * differences of {@code #{values ≤ edge}}.
     *
     * @param sorted values {@code sorted[0..n)}, ascending, no NaN
     * @param n      how many
     * @param edges  non-decreasing inner edges
     * @return {@code edges.length + 1} counts, the same as {@link #counts} gives
     */
    public static long[] countsSorted(double[] sorted, int n, double[] edges) {
        for (double e : edges) {
            if (Double.isNaN(e)) {
                // quantiles of a reference holding both infinities can be NaN: keep counts' per-value searches
                return counts(sorted, n, edges);
            }
        }
        long[] counts = new long[edges.length + 1];
        int below = 0;
        for (int i = 0; i < edges.length; i++) {
            int upTo = atMost(sorted, below, n, edges[i]);
            counts[i] = upTo - below;
            below = upTo;
        }
        counts[edges.length] = n - below;
        return counts;
    }

    /** @return the first index in {@code [from, n)} whose value is above {@code edge}, or {@code n} */
    private static int atMost(double[] sorted, int from, int n, double edge) {
        int lo = from;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= edge) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param v     a value, not NaN
     * @param edges non-decreasing inner edges
     * @return the number of edges strictly below {@code v}
     */
    public static int binOf(double v, double[] edges) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param edges custom inner edges
     * @return a copy, after checking they are finite and strictly increasing
     * @throws IllegalArgumentException otherwise
     */
    public static double[] checkedCustom(double[] edges) {
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException("custom bin edges must be finite and strictly increasing: "
                        + Arrays.toString(edges));
            }
        }
        return edges.clone();
    }

    private static void checkBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1: " + bins);
        }
    }
}
