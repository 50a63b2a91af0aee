package io.mlwb.data.profile;

/**
 * The one place where alert thresholds live. Defaults follow ydata-profiling's {@code config_default.yaml}
 * (cardinality 50, imbalance 0.5, skewness 20, duplicates and infinities above zero) except where the issue asks
 * for less noise: ydata flags missing values and zeros above 1 % of rows; we flag them above 20 % and 10 %, and we
 * flag correlations at |r| ≥ 0.9 where ydata's default is 0.5.
 *
 * @param missingFraction   HIGH_MISSING when missing / rows is greater than this
 * @param cardinality       HIGH_CARDINALITY when a categorical column has more distinct values than this
 * @param skewness          SKEWED when |skewness| is greater than this
 * @param imbalance         IMBALANCED when a categorical or boolean column's imbalance (1 − entropy / ln k) is
 *                          greater than this
 * @param correlation       HIGH_CORRELATION when |Pearson|, |Spearman| or Cramér's V is at least this
 * @param zerosFraction     ZEROS when zeros / rows is greater than this
 * @param infiniteFraction  INFINITE when infinities / rows is greater than this
 * @param duplicateRows     DUPLICATES when more rows than this repeat an earlier row
 */
public record AlertThresholds(double missingFraction, int cardinality, double skewness, double imbalance,
        double correlation, double zerosFraction, double infiniteFraction, long duplicateRows) {

    /** The defaults described above. */
    public static final AlertThresholds DEFAULTS = new AlertThresholds(0.2, 50, 20.0, 0.5, 0.9, 0.1, 0.0, 0);
}
