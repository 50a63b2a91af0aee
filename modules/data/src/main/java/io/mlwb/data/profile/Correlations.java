package io.mlwb.data.profile;

/**
 * The correlation matrices of a profile. Pearson and Spearman cover numeric and boolean (as 0/1) columns and are
 * pairwise-complete as pandas {@code DataFrame.corr}: each pair uses the rows where both values are present and
 * finite, and Spearman ranks (average ranks for ties) within those rows. Cramér's V covers categorical and boolean
 * columns, without bias correction: {@code sqrt(chi2 / (n (min(r, c) − 1)))} over the pairwise-complete
 * contingency table (chi-square without Yates' correction).
 *
 * @param pearson  Pearson's r
 * @param spearman Spearman's rho
 * @param cramersV Cramér's V
 */
public record Correlations(CorrelationMatrix pearson, CorrelationMatrix spearman, CorrelationMatrix cramersV) {
    /** @return no matrices (correlations not requested) */
    public static Correlations empty() {
        return new Correlations(CorrelationMatrix.empty(), CorrelationMatrix.empty(), CorrelationMatrix.empty());
    }
}
