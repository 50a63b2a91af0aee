package io.mlwb.data.profile;

/**
 * How one feature relates to the target; NaN where a measure does not apply to the pair's types.
 *
 * @param column        the feature
 * @param pearson       Pearson's r (numeric or boolean feature and target)
 * @param spearman      Spearman's rho (numeric or boolean feature and target)
 * @param pointBiserial point-biserial r for a binary target (two distinct values, coded 0/1 in ascending order)
 *                      and a numeric or boolean feature: Pearson's r against the 0/1 coding
 * @param cramersV      Cramér's V (categorical or boolean feature and target)
 */
public record TargetAssociation(String column, double pearson, double spearman, double pointBiserial,
        double cramersV) {
}
