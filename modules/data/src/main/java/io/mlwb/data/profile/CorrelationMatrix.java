package io.mlwb.data.profile;

import java.util.List;

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
}
