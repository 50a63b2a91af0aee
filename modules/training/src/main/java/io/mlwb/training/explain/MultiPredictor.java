package io.mlwb.training.explain;

/**
 * A model with several outputs per row as the explainers see it, e.g. the class probabilities of a multi-class
 * classifier: a batch of preprocessed feature vectors in, one vector of outputs per row out (all of one length).
 * Implementations must not keep or modify the rows they are given, and must return finite values.
 */
@FunctionalInterface
public interface MultiPredictor {

    /**
     * Predicts a batch.
     *
     * @param rows feature vectors, one per row
     * @return one output vector per row, in row order
     */
    double[][] predict(double[][] rows);

    /**
     * One output as a single-score model, e.g. the probability of one class.
     *
     * @param output the output's index
     * @return the predictor
     */
    default Predictor output(int output) {
        return rows -> {
            double[][] p = predict(rows);
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][output];
            }
            return out;
        };
    }

    /**
     * The index of the largest output of each row (the first on ties) as a double, e.g. the predicted class for
     * {@link Scorer#accuracy()}.
     *
     * @return the predictor
     */
    default Predictor argmax() {
        return rows -> {
            double[][] p = predict(rows);
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int j = 1; j < p[i].length; j++) {
                    if (p[i][j] > p[i][best]) {
                        best = j;
                    }
                }
                out[i] = best;
            }
            return out;
        };
    }
}
