package io.mlwb.drift.stats;

/**
 * Sample quantiles with linear interpolation, exactly as {@code numpy.quantile(a, q, method='linear')} (and so
 * {@code numpy.percentile}) computes them: virtual index {@code (n − 1)·q}, its floor {@code i} and fraction
 * {@code g}, then numpy's two-sided lerp: {@code a[i] + (a[i+1] − a[i])·g} when {@code g < 0.5}, else
 * {@code a[i+1] − (a[i+1] − a[i])·(1 − g)}; indices at or past the end give the maximum.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * @param sorted values sorted ascending, {@code sorted[0..n)}, no NaN
     * @param n      how many, at least 1
     * @param q      the quantile, in [0, 1]
     * @return the linearly interpolated quantile
     */
    public static double linear(double[] sorted, int n, double q) {
        if (n < 1) {
            throw new IllegalArgumentException("no values");
        }
        double virtual = (n - 1) * q;
        double prevIndex = Math.floor(virtual);
        int lo;
        int hi;
        if (virtual >= n - 1) {
            lo = n - 1;
            hi = n - 1;
            prevIndex = -1;
        } else if (virtual < 0) {
            lo = 0;
            hi = 0;
            prevIndex = 0;
        } else {
            lo = (int) prevIndex;
            hi = lo + 1;
        }
        double gamma = virtual - prevIndex;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }
}
