package io.mlwb.training.eval;

/** Argument checks shared by the metrics: each names the array and the first offending row. */
final class Checks {

    private Checks() {
    }

    /** Requires {@code a} to be non-null. */
    static void notNull(Object a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** Requires {@code a} to have {@code n} entries. */
    static void sameLength(int n, int actual, String name, String reference) {
        if (actual != n) {
            throw new IllegalArgumentException(name + " has " + actual + " values but " + reference + " has " + n);
        }
    }

    /** Requires every value to be 0 or 1. */
    static void labels01(double[] y, String name) {
        notNull(y, name);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0.0 && y[i] != 1.0) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + y[i] + "; labels must be 0 or 1");
            }
        }
    }

    /** Requires every value to be finite. */
    static void finite(double[] a, String name) {
        notNull(a, name);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + a[i] + "; values must be finite");
            }
        }
    }

    /** Requires every value to be a probability in [0, 1] (NaN rejected). */
    static void probabilities(double[] p, String name) {
        notNull(p, name);
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + p[i]
                        + "; probabilities must lie in [0, 1] (NaN is not allowed)");
            }
        }
    }

    /** Requires non-negative finite weights with a positive sum when there are rows; returns the sum. */
    static double weights(double[] w, int n) {
        if (w == null) {
            return n;
        }
        sameLength(n, w.length, "weights", "yTrue");
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0.0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("weights[" + i + "] is " + w[i]
                        + "; weights must be finite and non-negative");
            }
            sum += w[i];
        }
        if (n > 0 && !(sum > 0)) {
            throw new IllegalArgumentException("weights sum to " + sum + "; at least one weight must be positive");
        }
        return sum;
    }

    /** Requires a threshold in [0, 1]. */
    static void threshold(double t) {
        if (!(t >= 0.0 && t <= 1.0)) {
            throw new IllegalArgumentException("threshold is " + t + "; it must lie in [0, 1]");
        }
    }

    /** The group label of a row: {@code "(missing)"} for null or blank. */
    static String group(String g) {
        return g == null || g.isBlank() ? FairnessReport.MISSING_GROUP : g;
    }
}
