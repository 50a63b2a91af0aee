package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.explain.Attribution;
import io.mlwb.training.explain.FeatureGroup;
import io.mlwb.training.explain.PartialDependence;
import io.mlwb.training.explain.PermutationImportance;
import io.mlwb.training.explain.Predictor;
import io.mlwb.training.explain.Scorer;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The explanations stored with a run for its model card ({@code explanation.json}): permutation importance per
 * source column on the validation split (all the one-hot inputs of a column shuffled together; ROC AUC or −RMSE,
 * 3 repeats, the spec's seed), partial-dependence curves of the five most important columns, and Shapley attributions
 * per source column for the test rows with the highest and lowest predictions (exact over the columns when there are
 * at most 12, else 64 sampled orders in antithetic pairs; against a background of at most 50 validation rows).
 */
final class Explanations {
    /** How many top columns get a partial-dependence curve. */
    static final int PDP_TOP = 5;
    /** How many of the highest and of the lowest test predictions get attributions. */
    static final int ROWS_EACH_END = 3;

    private Explanations() {
    }

    static ObjectNode of(TrainingSpec spec, PreparedData data, TrainLoop loop, Evaluation eval) {
        int d = data.width();
        Predictor model = rows -> {
            float[] flat = new float[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < d; j++) {
                    flat[i * d + j] = (float) rows[i][j];
                }
            }
            return loop.predict(flat, rows.length);
        };
        List<FeatureGroup> groups = groups(data.preprocessor());
        double[][] val = matrix(data.validation().x(), data.validation().size(), d);
        double[] yVal = Evaluation.doubles(data.validation().y());
        Scorer scorer = spec.task() == Task.REGRESSION ? Scorer.negativeRmse() : Scorer.rocAuc();
        ObjectNode out = TrainingService.json().createObjectNode();
        out.put("split", "validation");
        out.put("scorer", spec.task() == Task.REGRESSION ? "negative_rmse" : "roc_auc");
        PermutationImportance importance = PermutationImportance.compute(model, val, yVal, groups, scorer, 3,
                spec.seed());
        out.set("permutation_importance", TrainingService.json().valueToTree(importance));
        ArrayNode pdps = out.putArray("partial_dependence");
        // curves over at most 1,000 validation rows: the mean prediction settles well before that
        double[][] pdpRows = Arrays.copyOf(val, Math.min(val.length, 1000));
        for (int i = 0; i < Math.min(PDP_TOP, importance.importances().size()); i++) {
            String name = importance.importances().get(i).name();
            FeatureGroup g = groups.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Preprocessor.Feature f = data.preprocessor().features().stream().filter(x -> x.column().equals(name))
                    .findFirst().orElseThrow();
            PartialDependence pd = PartialDependence.compute(model, pdpRows, "one_hot".equals(f.kind()) ? g
                    : FeatureGroup.of(name, g.columns()[0]), 20);
            ObjectNode n = TrainingService.json().valueToTree(pd);
            if (!"one_hot".equals(f.kind())) {
                // the curve's x in the column's own units, not standardized
                for (var p : n.withArray("points")) {
                    ((ObjectNode) p).put("raw_value", p.get("value").asDouble() * f.scale() + f.mean());
                }
            }
            pdps.add(n);
        }
        double[][] background = Arrays.copyOf(val, Math.min(val.length, 200));
        int permutations = groups.size() <= Attribution.EXACT_MAX_GROUPS ? 0 : 64;
        double[] pred = eval.testPred();
        Integer[] order = new Integer[pred.length];
        for (int i = 0; i < pred.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -pred[i]));
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(ROWS_EACH_END, order.length); i++) {
            chosen.add(order[i]);
        }
        for (int i = Math.max(ROWS_EACH_END, order.length - ROWS_EACH_END); i < order.length; i++) {
            chosen.add(order[i]);
        }
        ArrayNode rows = out.putArray("attributions");
        double[][] test = matrix(data.test().x(), data.test().size(), d);
        for (int i : chosen) {
            Attribution a = Attribution.explain(model, background, test[i], groups, spec.seed(),
                    Math.max(permutations, 2));
            ObjectNode n = TrainingService.json().valueToTree(a);
            n.put("row", data.test().rows()[i] + 1);
            n.put("label", data.test().y()[i]);
            rows.add(n);
        }
        return out;
    }

    /** One group per source column: its model inputs, named by their output names. */
    static List<FeatureGroup> groups(Preprocessor pre) {
        List<FeatureGroup> out = new ArrayList<>();
        int[][] idx = pre.groups();
        for (int i = 0; i < idx.length; i++) {
            Preprocessor.Feature f = pre.features().get(i);
            out.add(new FeatureGroup(f.column(), idx[i], f.outputNames()));
        }
        return out;
    }

    private static double[][] matrix(float[] x, int rows, int d) {
        double[][] m = new double[rows][d];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = x[i * d + j];
            }
        }
        return m;
    }
}
