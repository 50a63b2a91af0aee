package io.mlwb.data.profile;

/**
 * Statistics of a numeric column. Everything except the counts of infinities, zeros and negatives is computed over
 * the finite values only: pandas would return inf or NaN for the mean, std and moments as soon as one infinity is
 * present, which hides the information; we report infinities separately instead. NaN means undefined (for
 * example the skewness of fewer than three values) and is written as null in JSON.
 *
 * @param finiteCount        present values that are finite (the n of every statistic below)
 * @param sum                sum of the finite values (compensated summation)
 * @param mean               arithmetic mean
 * @param std                sample standard deviation (ddof = 1); NaN for fewer than two values
 * @param min                smallest finite value
 * @param max                largest finite value
 * @param p5                 5th percentile, linear interpolation as numpy/pandas
 * @param p25                25th percentile
 * @param p50                median
 * @param p75                75th percentile
 * @param p95                95th percentile
 * @param skewness           adjusted Fisher–Pearson skewness as pandas {@code Series.skew()} (NaN below three
 *                           values; 0 when the sum of squared deviations is below 1e-14, as pandas)
 * @param kurtosis           bias-adjusted excess kurtosis as pandas {@code Series.kurt()} (NaN below four values;
 *                           0 when its denominator is below 1e-14, as pandas)
 * @param zeros              values equal to zero
 * @param negatives          values below zero, negative infinity included
 * @param positiveInfinities values equal to +∞
 * @param negativeInfinities values equal to −∞
 */
public record NumericStats(long finiteCount, double sum, double mean, double std, double min, double max,
        double p5, double p25, double p50, double p75, double p95, double skewness, double kurtosis,
        long zeros, long negatives, long positiveInfinities, long negativeInfinities) {

    /** @return infinities of either sign */
    public long infinities() {
        return positiveInfinities + negativeInfinities;
    }
}
