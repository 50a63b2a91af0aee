package io.mlwb.drift.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test, {@code scipy.stats.chisquare(f_obs, f_exp)} with ddof 0:
 * {@code χ² = Σ (obs − exp)² / exp} over the k categories, p-value {@code chi2.sf(χ², k − 1)} =
 * {@code Q((k − 1)/2, χ²/2)}, the regularized upper incomplete gamma function ({@code scipy.special.chdtrc}).
 *
 * <p>Expected counts of zero: a category expected 0 times but observed is an infinite term, so χ² = +∞ and the
 * p-value is 0, as in scipy (which warns); a category expected and observed 0 times adds 0/0 = NaN in scipy, so
 * callers pass only categories present on at least one side. One category (k = 1, no degrees of freedom): scipy
 * gives a NaN p-value; we return χ² = 0, p = 1 (nothing can differ).
 */
public final class ChiSquare {
    private ChiSquare() {
    }

    /**
     * The test's outcome.
     *
     * @param statistic χ², possibly +∞
     * @param pValue    {@code chi2.sf(statistic, df)}
     * @param df        degrees of freedom, k − 1
     */
    public record Result(double statistic, double pValue, int df) {
    }

    /**
     * @param observed observed counts per category
     * @param expected expected counts per category, same length, each ≥ 0
     * @return χ², its p-value and degrees of freedom
     */
    public static Result test(long[] observed, double[] expected) {
        if (observed.length != expected.length) {
            throw new IllegalArgumentException("observed and expected differ in length");
        }
        int k = observed.length;
        if (k <= 1) {
            return new Result(0.0, 1.0, 0);
        }
        double stat = 0;
        for (int i = 0; i < k; i++) {
            double diff = observed[i] - expected[i];
            stat += diff * diff / expected[i];
        }
        return new Result(stat, sf(stat, k - 1), k - 1);
    }

    /**
     * The chi-square survival function, {@code scipy.stats.chi2.sf(x, df)}.
     *
     * @param x  the statistic
     * @param df degrees of freedom, at least 1
     * @return {@code Q(df/2, x/2)}: 1 for x ≤ 0, 0 for x = +∞, NaN for NaN
     */
    public static double sf(double x, int df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }
}
