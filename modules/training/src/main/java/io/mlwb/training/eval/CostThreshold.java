package io.mlwb.training.eval;

/**
 * The decision threshold that minimizes the expected misclassification cost under a cost matrix (what a false
 * approval and a false decline cost), next to the cost at the conventional 0.5.
 *
 * <p>Candidates are every distinct probability (a row is predicted positive when {@code prob >= threshold}) plus
 * one just above the largest probability, where nothing is predicted positive. Among equally cheap candidates the
 * one closest to 0.5 wins, then the lower one, so the result is deterministic.
 *
 * @param threshold          the cost-minimizing threshold
 * @param expectedCost       mean cost per row at {@code threshold}
 * @param expectedCostAtHalf mean cost per row at threshold 0.5
 * @param falsePositives     false positives at {@code threshold}
 * @param falseNegatives     false negatives at {@code threshold}
 */
public record CostThreshold(
        double threshold, double expectedCost, double expectedCostAtHalf, int falsePositives, int falseNegatives) {

    /**
     * Finds the cost-minimizing threshold.
     *
     * @param yTrue             labels, each 0 or 1
     * @param prob              predicted probability of class 1 per row, in [0, 1]
     * @param falsePositiveCost cost of predicting 1 for a 0 row (finite, non-negative)
     * @param falseNegativeCost cost of predicting 0 for a 1 row (finite, non-negative)
     * @return the best threshold and its cost
     * @throws IllegalArgumentException on invalid arrays or costs, or when there are no rows
     */
    public static CostThreshold best(double[] yTrue, double[] prob, double falsePositiveCost,
            double falseNegativeCost) {
        Checks.labels01(yTrue, "yTrue");
        Checks.probabilities(prob, "prob");
        int n = yTrue.length;
        Checks.sameLength(n, prob.length, "prob", "yTrue");
        if (n == 0) {
            throw new IllegalArgumentException("no rows to choose a threshold on");
        }
        for (double c : new double[] {falsePositiveCost, falseNegativeCost}) {
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("costs must be finite and non-negative, got " + c);
            }
        }
        int[] order = IndexSort.descending(prob);
        int totalPos = 0;
        for (double y : yTrue) {
            totalPos += y == 1.0 ? 1 : 0;
        }
        // Nothing predicted positive: every positive row is a false negative.
        double bestThreshold = Math.nextUp(prob[order[0]]);
        int bestFp = 0;
        int bestFn = totalPos;
        double bestCost = falseNegativeCost * totalPos;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (yTrue[i] == 1.0) {
                tp++;
            } else {
                fp++;
            }
            if (k < n - 1 && prob[order[k + 1]] == prob[i]) {
                continue;
            }
            double t = prob[i];
            int fn = totalPos - tp;
            double cost = falsePositiveCost * fp + falseNegativeCost * fn;
            if (cost < bestCost || cost == bestCost && closerToHalf(t, bestThreshold)) {
                bestCost = cost;
                bestThreshold = t;
                bestFp = fp;
                bestFn = fn;
            }
        }
        double atHalf = 0;
        for (int i = 0; i < n; i++) {
            boolean predicted = prob[i] >= 0.5;
            if (predicted && yTrue[i] == 0.0) {
                atHalf += falsePositiveCost;
            } else if (!predicted && yTrue[i] == 1.0) {
                atHalf += falseNegativeCost;
            }
        }
        return new CostThreshold(bestThreshold, bestCost / n, atHalf / n, bestFp, bestFn);
    }

    private static boolean closerToHalf(double candidate, double current) {
        double dc = Math.abs(candidate - 0.5);
        double dk = Math.abs(current - 0.5);
        return dc < dk || dc == dk && candidate < current;
    }
}
