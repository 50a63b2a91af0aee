package io.mlwb.data.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A symmetric matrix of coefficients between columns; NaN where undefined (a constant column, fewer than two
 * shared rows). The array is owned by the record; do not modify it.
 *
 * @param columns the columns, in table order
 * @param values  {@code values[i][j]} between {@code columns.get(i)} and {@code columns.get(j)}
 */
public record CorrelationMatrix(List<String> columns, double[][] values) {
    /** Copies the column list. */
    public CorrelationMatrix {
        columns = List.copyOf(columns);
    }

    /** @return an empty matrix */
    public static CorrelationMatrix empty() {
        return new CorrelationMatrix(List.of(), new double[0][0]);
    }

    /** @return the coefficient between two columns, NaN if either is not in the matrix */
    public double get(String a, String b) {
        int i = columns.indexOf(a);
        int j = columns.indexOf(b);
        return i < 0 || j < 0 ? Double.NaN : values[i][j];
    }

    /**
     * One pair of distinct columns and its coefficient.
     *
     * @param a     the column that comes first in the matrix
     * @param b     the other column
     * @param value the coefficient, never NaN
     */
    public record Pair(String a, String b, double value) {
    }

    /**
     * The pairs worth listing when the whole matrix is too large to show: every pair whose |coefficient| is at least
     * {@code threshold}, and the {@code top} strongest pairs. Each unordered pair of distinct columns counts once;
     * NaN coefficients never count.
     *
     * @param top       how many of the strongest pairs to list at least (0: only those above the threshold)
     * @param threshold pairs with |coefficient| at least this are all listed
     * @return the pairs, strongest (largest |coefficient|) first; ties in column order ({@code a}, then {@code b})
     */
    public List<Pair> strongestPairs(int top, double threshold) {
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative, not " + top);
        }
        int k = columns.size();
        List<int[]> above = new ArrayList<>();
        // the weakest of the kept pairs at the head, so a stronger one replaces it
        Comparator<int[]> strongestFirst = (p, q) -> compare(p, q);
        PriorityQueue<int[]> strongest = new PriorityQueue<>(Math.max(1, top + 1), strongestFirst.reversed());
        for (int i = 0; i < k; i++) {
            double[] row = values[i];
            for (int j = i + 1; j < k; j++) {
                double v = row[j];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Math.abs(v) >= threshold) {
                    above.add(new int[] {i, j});
                } else if (top > 0) {
                    if (strongest.size() < top) {
                        strongest.add(new int[] {i, j});
                    } else if (Math.abs(v) > Math.abs(values[strongest.peek()[0]][strongest.peek()[1]])) {
                        strongest.poll();
                        strongest.add(new int[] {i, j});
                    }
                }
            }
        }
        List<int[]> all = new ArrayList<>(above);
        // the strongest below the threshold fill up to {@code top}, when fewer pairs are above it
        List<int[]> below = new ArrayList<>(strongest);
        below.sort(strongestFirst);
        for (int[] p : below) {
            if (all.size() >= Math.max(top, above.size())) {
                break;
            }
            all.add(p);
        }
        all.sort(strongestFirst);
        List<Pair> pairs = new ArrayList<>(all.size());
        for (int[] p : all) {
            pairs.add(new Pair(columns.get(p[0]), columns.get(p[1]), values[p[0]][p[1]]));
        }
        return pairs;
    }

    /** Strongest first, then in column order. */
    private int compare(int[] p, int[] q) {
        int c = Double.compare(Math.abs(values[q[0]][q[1]]), Math.abs(values[p[0]][p[1]]));
        if (c != 0) {
            return c;
        }
        return p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]);
    }
}
