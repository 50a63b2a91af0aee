package io.mlwb.catalog.profile;

import java.util.List;
import java.util.Objects;

/**
 * One full correlation matrix of a stored profile, as the catalog keeps it: the upper triangle with the diagonal.
 *
 * @param profileId the profile
 * @param kind      which coefficient, e.g. {@code pearson}, {@code spearman} or {@code cramersV}
 * @param columns   the columns, in matrix order
 * @param upper     {@code values[i][j]} for {@code j >= i}, row by row: {@code k(k+1)/2} values for {@code k}
 *                  columns; the array is owned by the record
 */
public record ProfileMatrix(long profileId, String kind, List<String> columns, double[] upper) {
    /** Validates the parts and copies the column list. */
    public ProfileMatrix {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        Objects.requireNonNull(upper, "upper");
        long k = columns.size();
        if (upper.length != k * (k + 1) / 2) {
            throw new IllegalArgumentException("a matrix of " + k + " columns has " + k * (k + 1) / 2
                    + " values in its upper triangle, not " + upper.length);
        }
    }

    /**
     * @param profileId the profile
     * @param kind      which coefficient
     * @param columns   the columns
     * @param values    the square, symmetric matrix
     * @return its upper triangle
     */
    public static ProfileMatrix ofSquare(long profileId, String kind, List<String> columns, double[][] values) {
        int k = columns.size();
        double[] upper = new double[k * (k + 1) / 2];
        int at = 0;
        for (int i = 0; i < k; i++) {
            System.arraycopy(values[i], i, upper, at, k - i);
            at += k - i;
        }
        return new ProfileMatrix(profileId, kind, columns, upper);
    }

    /** @return the square, symmetric matrix */
    public double[][] toSquare() {
        int k = columns.size();
        double[][] values = new double[k][k];
        int at = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                values[i][j] = upper[at];
                values[j][i] = upper[at];
                at++;
            }
        }
        return values;
    }
}
