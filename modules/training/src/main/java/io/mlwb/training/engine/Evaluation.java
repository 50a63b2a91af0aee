package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final evaluation of a trained model on the validation and test splits.
 *
 * @param metrics   per split, metric name to value
 * @param threshold the decision threshold (classification) or NaN
 * @param details   the full evaluation as JSON (curves, confusion matrices, per-group figures)
 * @param testPred  the test split's predictions, in the split's row order
 * @param testRows  the test split's table rows
 * @param testY     the test split's labels
 */
record Evaluation(Map<String, Map<String, Double>> metrics, double threshold, ObjectNode details, double[] testPred,
                  int[] testRows, float[] testY) {

    static Evaluation of(TrainingSpec spec, PreparedData data, TrainLoop loop) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        ObjectNode details = TrainingService.json().createObjectNode();
        double threshold = spec.task() == Task.CLASSIFICATION ? spec.threshold().value() : Double.NaN;
        double[] testPred = null;
        for (PreparedData.Part part : new PreparedData.Part[] {data.validation(), data.test()}) {
            double[] pred = loop.predict(part.x(), part.size());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loop.lossOf(part.y(), pred));
            m.putAll(spec.task() == Task.REGRESSION ? QuickMetrics.regression(part.y(), pred)
                    : QuickMetrics.classification(part.y(), pred));
            m.remove("auc");
            m.put("rows", (double) part.size());
            metrics.put(part.name(), m);
            details.set(part.name(), TrainingService.json().valueToTree(m));
            if (part == data.test()) {
                testPred = pred;
            }
        }
        details.put("threshold", threshold);
        details.put("best_epoch", loop.bestEpoch());
        return new Evaluation(metrics, threshold, details, testPred, data.test().rows(), data.test().y());
    }

    String json() {
        return details.toPrettyString();
    }
}
