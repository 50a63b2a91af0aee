package io.mlwb.training.explain;

import io.mlwb.training.eval.ClassificationMetrics;
import io.mlwb.training.eval.RegressionMetrics;

/**
 * A quality score of predictions against targets where higher is better, as permutation importance needs.
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores predictions.
     *
     * @param yTrue       targets
     * @param predictions the model's outputs, same length
     * @return the score, higher is better; NaN when undefined
     */
    double score(double[] yTrue, double[] predictions);

    /**
     * ROC AUC (ties counted half) for 0/1 targets and any scores.
     *
     * @return the scorer
     */
    static Scorer rocAuc() {
        return (y, p) -> ClassificationMetrics.rocAuc(y, p, null);
    }

    /**
     * Negated root mean squared error, for regression.
     *
     * @return the scorer
     */
    static Scorer negativeRmse() {
        return (y, p) -> -RegressionMetrics.compute(y, p).rmse();
    }
}
