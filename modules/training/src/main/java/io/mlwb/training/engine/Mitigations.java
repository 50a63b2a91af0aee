package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.eval.ClassificationMetrics;
import io.mlwb.training.eval.FairnessReport;
import io.mlwb.training.eval.GroupThresholds;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Mitigation;
import java.util.function.Supplier;

/**
 * Fairness mitigation's before/after on the test split, stored in {@code evaluation.json} under {@code mitigation}:
 * for per-group thresholds (fitted on validation, for demographic parity or equal opportunity), the same model at
 * the one threshold against the per-group ones; for reweighing, a twin model trained without the row weights (same
 * spec, seed and data) against this one. Each side has the fairness report of the attribute and accuracy, precision,
 * recall and F1 of its decisions.
 */
final class Mitigations {
    private Mitigations() {
    }

    /**
     * @param spec       the spec (its {@code fairness:} section)
     * @param data       the prepared splits
     * @param eval       this model's evaluation
     * @param unweighted predictions of the test split by a twin trained without reweighing (called only then)
     * @return the report, or null without mitigation
     */
    static ObjectNode report(TrainingSpec spec, PreparedData data, Evaluation eval, Supplier<double[]> unweighted) {
        TrainingSpec.Fairness f = spec.fairness();
        if (f.mitigation() == Mitigation.NONE || data.target().multiClass()) {
            return null;
        }
        String attr = f.attribute();
        double[] yTest = Evaluation.doubles(data.test().y());
        String[] gTest = data.test().groups().get(attr);
        double t = eval.threshold();
        ObjectNode out = TrainingService.json().createObjectNode();
        out.put("method", f.mitigation().name().toLowerCase(java.util.Locale.ROOT));
        out.put("attribute", attr);
        out.put("split", "test");
        if (f.mitigation() == Mitigation.GROUP_THRESHOLDS) {
            GroupThresholds.Criterion c = f.criterion() == TrainingSpec.Criterion.EQUAL_OPPORTUNITY
                    ? GroupThresholds.Criterion.EQUAL_OPPORTUNITY : GroupThresholds.Criterion.DEMOGRAPHIC_PARITY;
            out.put("criterion", c.name().toLowerCase(java.util.Locale.ROOT));
            GroupThresholds fitted = GroupThresholds.fit(Evaluation.doubles(data.validation().y()), eval.valPred(),
                    data.validation().groups().get(attr), c, t);
            out.set("thresholds", TrainingService.json().valueToTree(fitted));
            out.set("before", side(FairnessReport.compute(yTest, eval.testPred(), gTest, t),
                    decisions(eval.testPred(), t), yTest));
            out.set("after", side(FairnessReport.compute(yTest, eval.testPred(), gTest, fitted),
                    fitted.apply(eval.testPred(), gTest), yTest));
        } else {
            double[] before = unweighted.get();
            out.set("before", side(FairnessReport.compute(yTest, before, gTest, t), decisions(before, t), yTest));
            out.set("after", side(FairnessReport.compute(yTest, eval.testPred(), gTest, t),
                    decisions(eval.testPred(), t), yTest));
        }
        return out;
    }

    private static boolean[] decisions(double[] p, double t) {
        boolean[] d = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i] >= t;
        }
        return d;
    }

    private static ObjectNode side(FairnessReport fairness, boolean[] decided, double[] y) {
        ObjectNode n = TrainingService.json().createObjectNode();
        ClassificationMetrics.Confusion c = ClassificationMetrics.Confusion.of(y, decided);
        ObjectNode perf = n.putObject("performance");
        perf.put("accuracy", c.accuracy());
        perf.put("precision", c.precision());
        perf.put("recall", c.recall());
        perf.put("f1", c.f1());
        n.set("fairness", TrainingService.json().valueToTree(fairness));
        return n;
    }
}
