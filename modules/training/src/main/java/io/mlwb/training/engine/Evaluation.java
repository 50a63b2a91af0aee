package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.eval.ClassificationMetrics;
import io.mlwb.training.eval.CostThreshold;
import io.mlwb.training.eval.FairnessReport;
import io.mlwb.training.eval.MultiClassFairnessReport;
import io.mlwb.training.eval.RegressionMetrics;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final evaluation of a trained model on the validation and test splits: every metric of
 * {@link ClassificationMetrics} (or {@link RegressionMetrics}) at the decision threshold, which is the spec's, or
 * the one that minimises expected cost under the spec's cost matrix (chosen on validation, applied to test); the
 * confusion matrix, ROC and PR curves and calibration; and per sensitive attribute the {@link FairnessReport}
 * (selection rate, TPR, FPR per group, demographic parity difference, disparate-impact ratio with the four-fifths
 * flag, equal-opportunity difference). A multi-class model gets accuracy, macro precision/recall/F1 and log loss,
 * the k × k confusion matrix, per class precision/recall/F1 and one-vs-rest ROC, PR and calibration of the class's
 * probability, and per sensitive attribute the {@link MultiClassFairnessReport}.
 *
 * @param metrics   per split, metric name to value (defined values only)
 * @param threshold the decision threshold (classification) or NaN
 * @param details   the full evaluation as JSON ({@code evaluation.json})
 * @param testPred  the test split's predictions, in the split's row order
 * @param valPred   the validation split's predictions
 * @param testClasses for a multi-class target, the predicted class of each test row; else null
 */
record Evaluation(Map<String, Map<String, Double>> metrics, double threshold, ObjectNode details, double[] testPred,
                  double[] valPred, int[] testClasses) {

    Evaluation(Map<String, Map<String, Double>> metrics, double threshold, ObjectNode details, double[] testPred,
               double[] valPred) {
        this(metrics, threshold, details, testPred, valPred, null);
    }

    static Evaluation of(TrainingSpec spec, PreparedData data, TrainLoop loop) {
        if (data.target().multiClass()) {
            return multiClass(data, loop);
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        ObjectNode details = TrainingService.json().createObjectNode();
        double[] valPred = loop.predict(data.validation().x(), data.validation().size());
        double[] testPred = loop.predict(data.test().x(), data.test().size());
        double threshold = Double.NaN;
        if (spec.task() == Task.CLASSIFICATION) {
            threshold = Double.isFinite(spec.threshold().value()) ? spec.threshold().value() : 0.5;
            if (spec.costs() != null) {
                CostThreshold best = CostThreshold.best(doubles(data.validation().y()), valPred,
                        spec.costs().falsePositiveCost(), spec.costs().falseNegativeCost());
                details.set("cost_threshold", TrainingService.json().valueToTree(best));
                if (spec.threshold().byCost()) {
                    threshold = best.threshold();
                }
            }
        }
        for (PreparedData.Part part : new PreparedData.Part[] {data.validation(), data.test()}) {
            double[] pred = part == data.test() ? testPred : valPred;
            double[] y = doubles(part.y());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loop.lossOf(part.y(), pred));
            ObjectNode split = details.putObject(part.name());
            if (spec.task() == Task.REGRESSION) {
                RegressionMetrics r = RegressionMetrics.compute(y, pred);
                m.putAll(r.toMap());
                split.set("metrics", TrainingService.json().valueToTree(r));
            } else {
                ClassificationMetrics c = ClassificationMetrics.compute(y, pred, null, threshold);
                m.putAll(c.toMap());
                split.set("metrics", TrainingService.json().valueToTree(c));
                ObjectNode fairness = split.putObject("fairness");
                for (String attr : data.sensitive()) {
                    fairness.set(attr, TrainingService.json().valueToTree(FairnessReport.compute(y, pred,
                            part.groups().get(attr), threshold)));
                }
            }
            m.put("rows", (double) part.size());
            metrics.put(part.name(), m);
        }
        details.put("threshold", threshold);
        details.put("threshold_rule", spec.task() != Task.CLASSIFICATION ? "none"
                : spec.threshold().byCost() ? "minimum expected cost on validation" : "spec");
        details.put("best_epoch", loop.bestEpoch());
        return new Evaluation(metrics, threshold, details, testPred, valPred);
    }

    /** Accuracy, macro precision/recall/F1 and log loss per split, with the confusion matrix over the classes. */
    private static Evaluation multiClass(PreparedData data, TrainLoop loop) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        ObjectNode details = TrainingService.json().createObjectNode();
        int k = loop.classes();
        double[] valBest = null;
        double[] testBest = null;
        int[] testClass = null;
        for (PreparedData.Part part : new PreparedData.Part[] {data.validation(), data.test()}) {
            double[] proba = loop.predictProba(part.x(), part.size());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loop.multiLoss(part.y(), proba));
            m.putAll(MultiClass.metrics(part.y(), proba, k));
            m.put("rows", (double) part.size());
            metrics.put(part.name(), m);
            ObjectNode split = details.putObject(part.name());
            split.set("metrics", TrainingService.json().valueToTree(m));
            split.set("classes", TrainingService.json().valueToTree(data.target().classes()));
            long[][] confusion = MultiClass.confusion(part.y(), proba, k);
            split.set("confusion", TrainingService.json().valueToTree(confusion));
            split.set("per_class", MultiClass.perClass(confusion, data.target().classes()));
            split.set("one_vs_rest", oneVsRest(part.y(), proba, k, data.target().classes()));
            int[] predicted = MultiClass.argmax(proba, part.size(), k);
            int[] yInt = new int[part.size()];
            for (int i = 0; i < yInt.length; i++) {
                yInt[i] = (int) part.y()[i];
            }
            ObjectNode fairness = split.putObject("fairness");
            for (String attr : data.sensitive()) {
                fairness.set(attr, TrainingService.json().valueToTree(MultiClassFairnessReport.compute(yInt,
                        predicted, part.groups().get(attr), data.target().classes())));
            }
            double[] best = loop.predict(part.x(), part.size());
            if (part == data.test()) {
                testBest = best;
                testClass = predicted;
            } else {
                valBest = best;
            }
        }
        details.put("best_epoch", loop.bestEpoch());
        details.put("multi_class", true);
        return new Evaluation(metrics, Double.NaN, details, testBest, valBest, testClass);
    }

    /**
     * Per class, the class against the rest by its probability: positives, ROC AUC, PR AUC, and the ROC, PR and
     * calibration curves (downsampled as the binary ones); for at most {@value Explanations#PDP_CLASSES} classes
     * (the most frequent in the split).
     */
    private static com.fasterxml.jackson.databind.node.ArrayNode oneVsRest(float[] y, double[] proba, int k,
            java.util.List<String> labels) {
        com.fasterxml.jackson.databind.node.ArrayNode out = TrainingService.json().createArrayNode();
        for (int c : Explanations.mostFrequent(y, k, Explanations.PDP_CLASSES)) {
            double[] y01 = new double[y.length];
            double[] p = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                y01[i] = y[i] == c ? 1 : 0;
                p[i] = Math.min(1, Math.max(0, proba[i * k + c]));
            }
            ClassificationMetrics m = ClassificationMetrics.compute(y01, p, null, 0.5);
            ObjectNode n = out.addObject();
            n.put("class", labels.get(c));
            n.put("positives", m.positives());
            n.put("count", m.count());
            n.put("roc_auc", m.rocAuc());
            n.put("pr_auc", m.prAuc());
            n.set("roc", TrainingService.json().valueToTree(m.roc()));
            n.set("pr", TrainingService.json().valueToTree(m.pr()));
            n.set("calibration", TrainingService.json().valueToTree(m.calibration()));
        }
        return out;
    }

    /**
     * Validation metrics of one epoch, without the {@code val_} prefix; {@code auc} is kept as another name of
     * {@code roc_auc} (the name specs and sweeps often use).
     */
    static Map<String, Double> epoch(TrainingSpec spec, float[] y, double[] p) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (spec.task() == Task.REGRESSION) {
            m.putAll(RegressionMetrics.compute(doubles(y), p).toMap());
        } else {
            double t = Double.isFinite(spec.threshold().value()) ? spec.threshold().value() : 0.5;
            ClassificationMetrics c = ClassificationMetrics.compute(doubles(y), p, null, t);
            m.putAll(c.toMap());
            if (m.containsKey("roc_auc")) {
                m.put("auc", m.get("roc_auc"));
            }
        }
        return m;
    }

    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    String json() {
        return details.toPrettyString();
    }
}
