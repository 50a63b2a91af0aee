package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.explain.Attribution;
import io.mlwb.training.explain.FeatureGroup;
import io.mlwb.training.explain.MultiPredictor;
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
 *
 * <p>For a multi-class model: permutation importance by accuracy of the predicted (most likely) class; one
 * partial-dependence curve per class and column, of that class's probability, for at most {@value #PDP_CLASSES}
 * classes (the most frequent in training); attributions of the probability of the predicted class for the test rows
 * predicted with the highest and the lowest confidence (probability of the predicted class).
 */
final class Explanations {
    /** How many top columns get a partial-dependence curve. */
    static final int PDP_TOP = 5;
    /** How many of the highest and of the lowest test predictions get attributions. */
    static final int ROWS_EACH_END = 3;
    /** The most classes of a multi-class model that get partial-dependence curves. */
    static final int PDP_CLASSES = 10;

    private Explanations() {
    }

    static ObjectNode of(TrainingSpec spec, PreparedData data, TrainLoop loop, Evaluation eval) {
        if (data.target().multiClass()) {
            return multiClass(spec, data, loop, eval);
        }
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
            PartialDependence pd = PartialDependence.compute(model, pdpRows, pdpFeature(g, f), 20);
            pdps.add(pdpJson(pd, f));
        }
        double[][] background = Arrays.copyOf(val, Math.min(val.length, 200));
        int permutations = groups.size() <= Attribution.EXACT_MAX_GROUPS ? 0 : 64;
        ArrayNode rows = out.putArray("attributions");
        double[][] test = matrix(data.test().x(), data.test().size(), d);
        for (int i : ends(eval.testPred())) {
            Attribution a = Attribution.explain(model, background, test[i], groups, spec.seed(),
                    Math.max(permutations, 2));
            ObjectNode n = TrainingService.json().valueToTree(a);
            n.put("row", data.test().rows()[i] + 1);
            n.put("label", data.test().y()[i]);
            rows.add(n);
        }
        return out;
    }

    /**
     * Explanations of a multi-class model: the same top-level shape, with {@code multi_class}, {@code classes}, a
     * {@code class} on each partial-dependence curve and each attribution, and the true label as text.
     */
    private static ObjectNode multiClass(TrainingSpec spec, PreparedData data, TrainLoop loop, Evaluation eval) {
        int d = data.width();
        int k = loop.classes();
        List<String> labels = data.target().classes();
        MultiPredictor model = rows -> {
            float[] flat = new float[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < d; j++) {
                    flat[i * d + j] = (float) rows[i][j];
                }
            }
            double[] p = loop.predictProba(flat, rows.length);
            double[][] out = new double[rows.length][k];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(p, i * k, out[i], 0, k);
            }
            return out;
        };
        List<FeatureGroup> groups = groups(data.preprocessor());
        double[][] val = matrix(data.validation().x(), data.validation().size(), d);
        double[] yVal = Evaluation.doubles(data.validation().y());
        ObjectNode out = TrainingService.json().createObjectNode();
        out.put("split", "validation");
        out.put("scorer", "accuracy");
        out.put("multi_class", true);
        out.set("classes", TrainingService.json().valueToTree(labels));
        PermutationImportance importance = PermutationImportance.compute(model.argmax(), val, yVal, groups,
                Scorer.accuracy(), 3, spec.seed());
        out.set("permutation_importance", TrainingService.json().valueToTree(importance));

        int[] curveClasses = mostFrequent(data.train().y(), k, PDP_CLASSES);
        List<String> curveLabels = new ArrayList<>();
        for (int c : curveClasses) {
            curveLabels.add(labels.get(c));
        }
        out.set("partial_dependence_classes", TrainingService.json().valueToTree(curveLabels));
        if (curveClasses.length < k) {
            out.put("partial_dependence_note", "curves for the " + curveClasses.length + " most frequent of " + k
                    + " classes in the training split");
        }
        ArrayNode pdps = out.putArray("partial_dependence");
        double[][] pdpRows = Arrays.copyOf(val, Math.min(val.length, 1000));
        for (int i = 0; i < Math.min(PDP_TOP, importance.importances().size()); i++) {
            String name = importance.importances().get(i).name();
            FeatureGroup g = groups.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Preprocessor.Feature f = data.preprocessor().features().stream().filter(x -> x.column().equals(name))
                    .findFirst().orElseThrow();
            List<PartialDependence> curves = PartialDependence.compute(model, pdpRows, pdpFeature(g, f), 20,
                    curveClasses);
            for (int c = 0; c < curveClasses.length; c++) {
                ObjectNode n = pdpJson(curves.get(c), f);
                n.put("class", labels.get(curveClasses[c]));
                pdps.add(n);
            }
        }

        double[][] background = Arrays.copyOf(val, Math.min(val.length, 200));
        int permutations = groups.size() <= Attribution.EXACT_MAX_GROUPS ? 0 : 64;
        ArrayNode rows = out.putArray("attributions");
        double[][] test = matrix(data.test().x(), data.test().size(), d);
        int[] predicted = eval.testClasses();
        for (int i : ends(eval.testPred())) {
            int c = predicted[i];
            Attribution a = Attribution.explain(model.output(c), background, test[i], groups, spec.seed(),
                    Math.max(permutations, 2));
            ObjectNode n = TrainingService.json().valueToTree(a);
            n.put("row", data.test().rows()[i] + 1);
            n.put("class", labels.get(c));
            n.put("label", labels.get((int) data.test().y()[i]));
            rows.add(n);
        }
        return out;
    }

    /** The classes with the most rows among {@code y} (ties: the lower index), at most {@code max}, index order. */
    static int[] mostFrequent(float[] y, int k, int max) {
        long[] counts = new long[k];
        for (float v : y) {
            counts[(int) v]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer c) -> -counts[c]));
        int[] out = new int[Math.min(k, max)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        Arrays.sort(out);
        return out;
    }

    /** The rows (indices) with the {@value #ROWS_EACH_END} highest, then the lowest, scores. */
    private static List<Integer> ends(double[] pred) {
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
        return chosen;
    }

    /** A one-hot column's whole group, else the single model input of the column. */
    private static FeatureGroup pdpFeature(FeatureGroup g, Preprocessor.Feature f) {
        return "one_hot".equals(f.kind()) ? g : FeatureGroup.of(g.name(), g.columns()[0]);
    }

    private static ObjectNode pdpJson(PartialDependence pd, Preprocessor.Feature f) {
        ObjectNode n = TrainingService.json().valueToTree(pd);
        if (!"one_hot".equals(f.kind())) {
            // the curve's x in the column's own units, not standardized
            for (var p : n.withArray("points")) {
                ((ObjectNode) p).put("raw_value", p.get("value").asDouble() * f.scale() + f.mean());
            }
        }
        return n;
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
