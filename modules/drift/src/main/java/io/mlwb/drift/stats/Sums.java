package io.mlwb.drift.stats;

/** Compensated (Kahan) summation: sums of many terms to within a few ulps, whatever their order. */
final class Sums {
    private Sums() {
    }

    /** @return {@code Σ x[0..n)}, compensated */
    static double kahan(double[] x, int n) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double y = x[i] - c;
            double t = s + y;
            c = (t - s) - y;
            s = t;
        }
        return s;
    }
}
