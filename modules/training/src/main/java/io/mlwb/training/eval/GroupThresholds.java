package io.mlwb.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-group decision thresholds, fitted on validation data, so that every group's selection rate (demographic
 * parity) or true positive rate (equal opportunity) comes as close as the data allows to the overall rate at the
 * base threshold. A post-processing mitigation: the model is unchanged, only its decisions move.
 *
 * <p>For each group the candidates are the group's distinct probabilities (for equal opportunity, those of its
 * positive rows) plus one just above the largest, which selects nothing; the candidate whose rate is closest to the
 * target wins, ties going to the one closer to the base threshold, then to the lower. A group without rows to fit
 * on (for equal opportunity: without positive rows), or a group unseen at fit time, uses the base threshold.
 *
 * @param criterion     the rate that is equalized
 * @param baseThreshold the threshold the target rate is measured at, and the fallback
 * @param targetRate    the overall selection rate (or true positive rate) at the base threshold
 * @param thresholds    group value to its threshold, sorted by group; a row is selected when
 *                      {@code prob >= threshold}
 */
public record GroupThresholds(
        Criterion criterion, double baseThreshold, double targetRate, Map<String, Double> thresholds) {

    /** What the per-group thresholds equalize. */
    public enum Criterion {
        /** Equal selection rates (share of rows predicted positive). */
        DEMOGRAPHIC_PARITY,
        /** Equal true positive rates (share of positive rows predicted positive). */
        EQUAL_OPPORTUNITY
    }

    /**
     * Fits the thresholds.
     *
     * @param yTrue         labels, each 0 or 1
     * @param prob          predicted probability of class 1 per row, in [0, 1]
     * @param group         sensitive attribute value per row; null or blank means missing
     * @param criterion     the rate to equalize
     * @param baseThreshold the threshold in [0, 1] the overall target rate is taken at
     * @return the fitted thresholds
     * @throws IllegalArgumentException on invalid input, no rows, or (for equal opportunity) no positive row
     */
    public static GroupThresholds fit(double[] yTrue, double[] prob, String[] group, Criterion criterion,
            double baseThreshold) {
        Checks.labels01(yTrue, "yTrue");
        Checks.probabilities(prob, "prob");
        int n = yTrue.length;
        Checks.sameLength(n, prob.length, "prob", "yTrue");
        Checks.threshold(baseThreshold);
        Checks.notNull(criterion, "criterion");
        GroupIndex index = GroupIndex.of(group, n);
        boolean eo = criterion == Criterion.EQUAL_OPPORTUNITY;

        int considered = 0;
        int selected = 0;
        for (int i = 0; i < n; i++) {
            if (!eo || yTrue[i] == 1.0) {
                considered++;
                selected += prob[i] >= baseThreshold ? 1 : 0;
            }
        }
        if (considered == 0) {
            throw new IllegalArgumentException(eo ? "no positive row to fit equal-opportunity thresholds on"
                    : "no rows to fit thresholds on");
        }
        double target = (double) selected / considered;

        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (int g = 0; g < index.names.length; g++) {
            int[] rows = index.rows(g);
            int m = 0;
            for (int i : rows) {
                m += !eo || yTrue[i] == 1.0 ? 1 : 0;
            }
            double[] p = new double[m];
            int k = 0;
            for (int i : rows) {
                if (!eo || yTrue[i] == 1.0) {
                    p[k++] = prob[i];
                }
            }
            thresholds.put(index.names[g], m == 0 ? baseThreshold : closest(p, target, baseThreshold));
        }
        return new GroupThresholds(criterion, baseThreshold, target, Collections.unmodifiableMap(thresholds));
    }

    private static double closest(double[] p, double target, double base) {
        int[] order = IndexSort.descending(p);
        int m = p.length;
        double best = Math.nextUp(p[order[0]]);
        double bestGap = target; // rate 0 selects nothing
        for (int k = 0; k < m; k++) {
            double t = p[order[k]];
            if (k < m - 1 && p[order[k + 1]] == t) {
                continue;
            }
            double gap = Math.abs((double) (k + 1) / m - target);
            double db = Math.abs(t - base);
            double dBest = Math.abs(best - base);
            if (gap < bestGap || gap == bestGap && (db < dBest || db == dBest && t < best)) {
                best = t;
                bestGap = gap;
            }
        }
        return best;
    }

    /**
     * The threshold of one group: its fitted one, or the base threshold for a group unseen at fit time.
     *
     * @param group the group value; null or blank means missing
     * @return the threshold
     */
    public double threshold(String group) {
        return thresholds.getOrDefault(Checks.group(group), baseThreshold);
    }

    /**
     * Decisions with the per-group thresholds.
     *
     * @param prob  predicted probability of class 1 per row, in [0, 1]
     * @param group group value per row
     * @return true where the row is selected (predicted positive)
     * @throws IllegalArgumentException on null or invalid arrays or different lengths
     */
    public boolean[] apply(double[] prob, String[] group) {
        Checks.probabilities(prob, "prob");
        Checks.notNull(group, "group");
        Checks.sameLength(prob.length, group.length, "group", "prob");
        boolean[] out = new boolean[prob.length];
        for (int i = 0; i < prob.length; i++) {
            out[i] = prob[i] >= threshold(group[i]);
        }
        return out;
    }
}
