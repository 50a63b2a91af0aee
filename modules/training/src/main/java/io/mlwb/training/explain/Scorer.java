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

    /**
     * Accuracy of predicted class indices: the share of rows whose prediction equals the target (both class indices
     * as doubles, e.g. the argmax of a multi-class model's probabilities); NaN without rows.
     *
     * @return the scorer
     */
    static Scorer accuracy() {
        return (y, p) -> {
            if (y.length != p.length) {
                throw new IllegalArgumentException("predictions has " + p.length + " values but yTrue has "
                        + y.length);
            }
            int correct = 0;
            for (int i = 0; i < y.length; i++) {
                correct += Math.rint(p[i]) == y[i] ? 1 : 0;
            }
            return y.length == 0 ? Double.NaN : (double) correct / y.length;
        };
    }
}
