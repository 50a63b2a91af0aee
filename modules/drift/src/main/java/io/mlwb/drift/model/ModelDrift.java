package io.mlwb.drift.model;

import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.core.project.ColumnType;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.eval.ClassificationMetrics;
import io.mlwb.training.eval.FairnessReport;
import io.mlwb.training.eval.RegressionMetrics;
import io.mlwb.training.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drift with a model (docs/drift.md): the model scores the reference and the current data, and the two are compared
 * three ways.
 * <ul>
 *   <li><b>prediction drift</b>: the score distributions (probability of the positive class, the most likely class's
 *       probability, or the predicted value) with the same tests as data columns, and for a classifier the
 *       distribution of decided labels;</li>
 *   <li><b>performance drift</b>, when both sides hold the target column: ROC AUC, accuracy, F1 and Brier score
 *       (binary), accuracy (multi-class), RMSE and MAE (regression) on each side, with 95% percentile bootstrap
 *       intervals ({@value #BOOTSTRAP} resamples, seeded, so the same data gives the same interval);</li>
 *   <li><b>fairness</b>, for a binary classifier with labels, per sensitive attribute: each group's selection rate,
 *       recall and false-positive rate, the demographic-parity difference and the disparate-impact ratio with the
 *       four-fifths rule, reference and current side by side.</li>
 * </ul>
 */
public final class ModelDrift {
    /** Bootstrap resamples of each interval. */
    public static final int BOOTSTRAP = 200;
    private static final long SEED = 20_241_204L;

    private ModelDrift() {
    }

    /**
     * @param model     the model
     * @param reference the reference data
     * @param current   the current data
     * @param sensitive sensitive attributes (the declared dataset's), possibly empty
     * @param options   the comparison's options
     * @return the model section as JSON-able maps (docs/cli.md, {@code "model"})
     */
    public static Map<String, Object> compute(SavedModel model, DataTable reference, DataTable current,
                                              List<String> sensitive, DriftOptions options) {
        SavedModel.Scores ref = model.predict(reference);
        SavedModel.Scores cur = model.predict(current);
        DriftEngine engine = new DriftEngine();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", model.task().name().toLowerCase(java.util.Locale.ROOT));
        m.put("target", model.target());
        m.put("prediction_drift", engine.compareColumn(numeric("prediction", ref.score()),
                numeric("prediction", cur.score()), options).toJson());
        if (ref.label() != null) {
            ColumnDrift labels = engine.compareColumn(categorical("predicted_label", ref.label()),
                    categorical("predicted_label", cur.label()), options);
            m.put("label_drift", labels.toJson());
        }
        double[] yRef = labels(reference, model);
        double[] yCur = labels(current, model);
        if (yRef == null || yCur == null) {
            m.put("performance", null);
            m.put("fairness", null);
            m.put("note", "performance and fairness need the target column '" + model.target() + "' on both sides");
            return m;
        }
        m.put("performance", performance(model, ref, yRef, cur, yCur));
        if (model.task() == TrainingSpec.Task.CLASSIFICATION && model.classes().isEmpty()) {
            Map<String, Object> fair = new LinkedHashMap<>();
            for (String attr : sensitive) {
                String[] gRef = groups(reference, attr);
                String[] gCur = groups(current, attr);
                if (gRef == null || gCur == null) {
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("reference", fairness(FairnessReport.compute(yRef, ref.score(), gRef, model.threshold())));
                f.put("current", fairness(FairnessReport.compute(yCur, cur.score(), gCur, model.threshold())));
                fair.put(attr, f);
            }
            m.put("fairness", fair);
        } else {
            m.put("fairness", null);
        }
        return m;
    }

    private static Map<String, Object> performance(SavedModel model, SavedModel.Scores ref, double[] yRef,
                                                   SavedModel.Scores cur, double[] yCur) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> names;
        if (model.task() == TrainingSpec.Task.REGRESSION) {
            names = List.of("rmse", "mae");
        } else if (!model.classes().isEmpty()) {
            names = List.of("accuracy");
        } else {
            names = List.of("roc_auc", "accuracy", "f1", "brier");
        }
        for (String name : names) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("reference", interval(name, model, ref, yRef));
            x.put("current", interval(name, model, cur, yCur));
            out.put(name, x);
        }
        return out;
    }

    /** The metric on all rows with its 95% percentile bootstrap interval. */
    private static Map<String, Object> interval(String name, SavedModel model, SavedModel.Scores s, double[] y) {
        int n = y.length;
        double value = metric(name, model, s, y, null);
        double[] boot = new double[BOOTSTRAP];
        SplittableRandom r = new SplittableRandom(SEED);
        int[] idx = new int[n];
        int k = 0;
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < n; i++) {
                idx[i] = r.nextInt(n);
            }
            double v = metric(name, model, s, y, idx);
            if (Double.isFinite(v)) {
                boot[k++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(boot, k);
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", finite(value));
        m.put("low", k == 0 ? null : finite(sorted[(int) Math.floor(0.025 * (k - 1))]));
        m.put("high", k == 0 ? null : finite(sorted[(int) Math.ceil(0.975 * (k - 1))]));
        m.put("rows", n);
        return m;
    }

    private static double metric(String name, SavedModel model, SavedModel.Scores s, double[] y, int[] idx) {
        int n = idx == null ? y.length : idx.length;
        double[] yy = new double[n];
        double[] p = new double[n];
        String[] lab = s.label() == null ? null : new String[n];
        for (int i = 0; i < n; i++) {
            int j = idx == null ? i : idx[i];
            yy[i] = y[j];
            p[i] = s.score()[j];
            if (lab != null) {
                lab[i] = s.label()[j];
            }
        }
        switch (name) {
            case "rmse" -> {
                return RegressionMetrics.compute(yy, p).rmse();
            }
            case "mae" -> {
                return RegressionMetrics.compute(yy, p).mae();
            }
            case "accuracy" -> {
                if (!model.classes().isEmpty()) {
                    int ok = 0;
                    for (int i = 0; i < n; i++) {
                        ok += model.classes().get((int) yy[i]).equals(lab[i]) ? 1 : 0;
                    }
                    return n == 0 ? Double.NaN : (double) ok / n;
                }
                return ClassificationMetrics.compute(yy, p, null, model.threshold()).accuracy();
            }
            case "roc_auc" -> {
                return ClassificationMetrics.rocAuc(yy, p, null);
            }
            case "f1" -> {
                return ClassificationMetrics.compute(yy, p, null, model.threshold()).f1();
            }
            default -> {
                return ClassificationMetrics.compute(yy, p, null, model.threshold()).brier();
            }
        }
    }

    private static Map<String, Object> fairness(FairnessReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (FairnessReport.GroupMetrics g : r.groups()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("group", g.group());
            x.put("count", g.count());
            x.put("selection_rate", finite(g.selectionRate()));
            x.put("recall", finite(g.truePositiveRate()));
            x.put("false_positive_rate", finite(g.falsePositiveRate()));
            groups.add(x);
        }
        m.put("groups", groups);
        m.put("demographic_parity_difference", finite(r.demographicParityDifference()));
        m.put("disparate_impact_ratio", finite(r.disparateImpactRatio()));
        m.put("four_fifths_violated", r.fourFifthsViolated());
        return m;
    }

    /** The target as numbers (0/1 for binary, class index for multi-class, the value for regression), or null. */
    private static double[] labels(DataTable t, SavedModel model) {
        Column c = t.column(model.target()).orElse(null);
        if (c == null || c.missingCount() > 0) {
            return null;
        }
        int n = t.rowCount();
        double[] y = new double[n];
        if (model.task() == TrainingSpec.Task.REGRESSION) {
            if (!(c instanceof NumericColumn num)) {
                return null;
            }
            return num.values().clone();
        }
        for (int i = 0; i < n; i++) {
            String v = text(c, i);
            if (!model.classes().isEmpty()) {
                int k = model.classes().indexOf(v);
                if (k < 0) {
                    return null;
                }
                y[i] = k;
            } else {
                y[i] = v.equals(model.positive()) ? 1 : 0;
            }
        }
        return y;
    }

    private static String[] groups(DataTable t, String attr) {
        Column c = t.column(attr).orElse(null);
        if (c == null) {
            return null;
        }
        String[] g = new String[t.rowCount()];
        for (int i = 0; i < g.length; i++) {
            g[i] = c.isMissing(i) ? null : text(c, i);
        }
        return g;
    }

    private static String text(Column c, int i) {
        if (c instanceof CategoricalColumn k) {
            return k.value(i);
        }
        if (c instanceof NumericColumn n) {
            double v = n.values()[i];
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[i] == 1 ? "true" : "false";
        }
        return String.valueOf(i);
    }

    private static NumericColumn numeric(String name, double[] v) {
        return new NumericColumn(name, v, new BitSet(), false);
    }

    private static CategoricalColumn categorical(String name, String[] values) {
        List<String> dict = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = index.computeIfAbsent(values[i], k -> {
                dict.add(k);
                return dict.size() - 1;
            });
        }
        return new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, dict);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
