package io.mlwb.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance and fairness metrics per value of a sensitive attribute, at one decision threshold (a row is
 * selected, i.e. predicted positive, when {@code prob >= threshold}).
 *
 * <p>Group differences are taken over the groups where the rate is defined. Rows whose group is null or blank form
 * the group {@value #MISSING_GROUP}. Groups are listed by name.
 *
 * @param threshold                   the decision threshold
 * @param groups                      per-group metrics, sorted by group name
 * @param demographicParityDifference max − min selection rate over the groups
 * @param disparateImpactRatio        min / max selection rate; NaN when no group has a selected row
 * @param fourFifthsViolated          whether {@code disparateImpactRatio < 0.8} (the four-fifths rule); false when
 *                                    the ratio is NaN
 * @param equalOpportunityDifference  max − min true positive rate over the groups that have positive rows; NaN
 *                                    when none has
 * @param undefined                   snake_case metric name to the reason it is NaN
 */
public record FairnessReport(
        double threshold,
        List<GroupMetrics> groups,
        double demographicParityDifference,
        double disparateImpactRatio,
        boolean fourFifthsViolated,
        double equalOpportunityDifference,
        Map<String, String> undefined) {

    /** The group of rows whose sensitive value is null or blank. */
    public static final String MISSING_GROUP = "(missing)";
    /** The four-fifths rule: a disparate-impact ratio below this is flagged. */
    public static final double FOUR_FIFTHS = 0.8;

    /**
     * Metrics of one group.
     *
     * @param group             the group value
     * @param count             number of rows
     * @param positives         number of rows labelled 1
     * @param selectionRate     share of rows predicted positive (the positive rate)
     * @param truePositiveRate  share of positive rows predicted positive; NaN without positive rows
     * @param falsePositiveRate share of negative rows predicted positive; NaN without negative rows
     * @param accuracy          share of rows predicted correctly
     * @param rocAuc            ROC AUC within the group; NaN when the group has one class only
     */
    public record GroupMetrics(String group, int count, int positives, double selectionRate, double truePositiveRate,
            double falsePositiveRate, double accuracy, double rocAuc) {
    }

    /**
     * Computes the report.
     *
     * @param yTrue     labels, each 0 or 1
     * @param prob      predicted probability of class 1 per row, in [0, 1]
     * @param group     sensitive attribute value per row; null or blank means missing
     * @param threshold decision threshold in [0, 1]
     * @return the report; with no rows there are no groups and every difference is NaN
     * @throws IllegalArgumentException on null or invalid arrays, different lengths, or a threshold outside [0, 1]
     */
    public static FairnessReport compute(double[] yTrue, double[] prob, String[] group, double threshold) {
        Checks.threshold(threshold);
        return compute(yTrue, prob, group, threshold, null);
    }

    /**
     * Computes the report with per-group thresholds (after the {@link GroupThresholds} mitigation): a row is
     * selected when {@code prob >= thresholds.threshold(group)}. {@link #threshold()} is the base threshold.
     *
     * @param yTrue      labels, each 0 or 1
     * @param prob       predicted probability of class 1 per row, in [0, 1]
     * @param group      sensitive attribute value per row; null or blank means missing
     * @param thresholds fitted per-group thresholds
     * @return the report
     * @throws IllegalArgumentException on null or invalid arrays or different lengths
     */
    public static FairnessReport compute(double[] yTrue, double[] prob, String[] group, GroupThresholds thresholds) {
        Checks.notNull(thresholds, "thresholds");
        return compute(yTrue, prob, group, thresholds.baseThreshold(), thresholds);
    }

    private static FairnessReport compute(double[] yTrue, double[] prob, String[] group, double threshold,
            GroupThresholds perGroup) {
        Checks.labels01(yTrue, "yTrue");
        Checks.probabilities(prob, "prob");
        int n = yTrue.length;
        Checks.sameLength(n, prob.length, "prob", "yTrue");
        GroupIndex index = GroupIndex.of(group, n);

        List<GroupMetrics> groups = new ArrayList<>(index.names.length);
        double minSel = Double.POSITIVE_INFINITY;
        double maxSel = Double.NEGATIVE_INFINITY;
        double minTpr = Double.POSITIVE_INFINITY;
        double maxTpr = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < index.names.length; g++) {
            int[] rows = index.rows(g);
            double t = perGroup == null ? threshold : perGroup.threshold(index.names[g]);
            int pos = 0;
            int tp = 0;
            int fp = 0;
            int correct = 0;
            for (int i : rows) {
                boolean actual = yTrue[i] == 1.0;
                boolean predicted = prob[i] >= t;
                pos += actual ? 1 : 0;
                tp += actual && predicted ? 1 : 0;
                fp += !actual && predicted ? 1 : 0;
                correct += actual == predicted ? 1 : 0;
            }
            int count = rows.length;
            int neg = count - pos;
            double selection = (double) (tp + fp) / count;
            double tpr = pos > 0 ? (double) tp / pos : Double.NaN;
            double fpr = neg > 0 ? (double) fp / neg : Double.NaN;
            double auc = ClassificationMetrics.Ranked.of(GroupIndex.select(yTrue, rows), GroupIndex.select(prob, rows),
                    null).rocAuc();
            groups.add(new GroupMetrics(index.names[g], count, pos, selection, tpr, fpr, (double) correct / count,
                    auc));
            minSel = Math.min(minSel, selection);
            maxSel = Math.max(maxSel, selection);
            if (pos > 0) {
                minTpr = Math.min(minTpr, tpr);
                maxTpr = Math.max(maxTpr, tpr);
            }
        }

        Map<String, String> undefined = new LinkedHashMap<>();
        double dp = Double.NaN;
        double di = Double.NaN;
        double eo = Double.NaN;
        if (groups.isEmpty()) {
            undefined.put("demographic_parity_difference", "no rows");
            undefined.put("disparate_impact_ratio", "no rows");
            undefined.put("equal_opportunity_difference", "no rows");
        } else {
            dp = maxSel - minSel;
            if (maxSel > 0) {
                di = minSel / maxSel;
            } else {
                undefined.put("disparate_impact_ratio", "no group has a row predicted positive");
            }
            if (maxTpr >= minTpr) {
                eo = maxTpr - minTpr;
            } else {
                undefined.put("equal_opportunity_difference", "no group has a positive row");
            }
        }
        return new FairnessReport(threshold, List.copyOf(groups), dp, di, di < FOUR_FIFTHS, eo,
                Collections.unmodifiableMap(undefined));
    }

    /**
     * The defined group differences under flat snake_case names for JSON and the catalog:
     * {@code demographic_parity_difference}, {@code disparate_impact_ratio}, {@code equal_opportunity_difference}.
     *
     * @return an insertion-ordered map
     */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        ClassificationMetrics.putDefined(m, "demographic_parity_difference", demographicParityDifference);
        ClassificationMetrics.putDefined(m, "disparate_impact_ratio", disparateImpactRatio);
        ClassificationMetrics.putDefined(m, "equal_opportunity_difference", equalOpportunityDifference);
        return m;
    }
}
