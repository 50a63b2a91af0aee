package io.mlwb.training.explain;

/**
 * A model as the explainers see it: a batch of preprocessed feature vectors in, one score per row out.
 *
 * <p>Rows are the model's input after preprocessing (scaled numbers, one-hot columns), all of the same length.
 * The output is a probability of class 1 for classification or the prediction for regression; for a multi-class
 * model it is one class's probability or the predicted class index (see {@link MultiPredictor}). Implementations
 * must not keep or modify the rows they are given, and must return finite values.
 */
@FunctionalInterface
public interface Predictor {

    /**
     * Predicts a batch.
     *
     * @param rows feature vectors, one per row
     * @return one score per row, in row order
     */
    double[] predict(double[][] rows);
}
