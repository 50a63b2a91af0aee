package io.mlwb.data.profile;

/**
 * Equal-width bins as {@code numpy.histogram} makes them: {@code edges.length == counts.length + 1}, every bin
 * half-open {@code [e_i, e_i+1)} except the last, which is closed. When all values are equal the range is
 * {@code [v − 0.5, v + 0.5]}, as in numpy. The arrays are owned by the record; do not modify them.
 *
 * @param edges  bin edges, ascending
 * @param counts values per bin
 */
public record Histogram(double[] edges, long[] counts) {
}
