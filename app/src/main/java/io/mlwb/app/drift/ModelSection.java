package io.mlwb.app.drift;

import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.drift.service.DriftService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Drift pane's model section, read from the {@code "model"} map of {@link DriftService.Result} (docs/cli.md):
 * prediction (and decided label) drift, performance on each side with its bootstrap interval, and fairness per
 * sensitive attribute on each side. Where performance is missing, {@link #labels()} says which side lacks the target.
 *
 * @param version     {@code NAME@VERSION}
 * @param task        classification or regression
 * @param target      the model's target column
 * @param prediction  the score distributions' comparison
 * @param label       the decided labels' comparison, or null (regression)
 * @param labels      which side has no labels: {@code none} (both have), {@code current}, {@code reference} or
 *                    {@code both}
 * @param performance the metrics on both sides (empty without labels)
 * @param fairness    per sensitive attribute, both sides (empty without labels or sensitive attributes)
 */
public record ModelSection(String version, String task, String target, Shift prediction, Shift label, String labels,
                           List<Metric> performance, List<Fairness> fairness) {
    /** Copies the lists. */
    public ModelSection {
        performance = List.copyOf(performance);
        fairness = List.copyOf(fairness);
    }

    /**
     * A distribution comparison.
     *
     * @param test      the test's name
     * @param statistic its statistic, or null
     * @param pValue    its p-value, or null (distances)
     * @param psi       the PSI, or null
     * @param band      the PSI band's name, or null
     * @param drifted   whether it drifted
     */
    public record Shift(String test, Double statistic, Double pValue, Double psi, String band, boolean drifted) {
    }

    /**
     * A metric on all rows with its 95% bootstrap interval.
     *
     * @param value the value, or null
     * @param low   the interval's low end, or null
     * @param high  its high end, or null
     * @param rows  how many rows
     */
    public record Interval(Double value, Double low, Double high, long rows) {
    }

    /**
     * A metric on both sides.
     *
     * @param name      {@code roc_auc}, {@code accuracy}, {@code f1}, {@code brier}, {@code rmse}, {@code mae}
     * @param reference on the reference
     * @param current   on the current data
     */
    public record Metric(String name, Interval reference, Interval current) {
    }

    /**
     * A sensitive group's rates.
     *
     * @param group             its value
     * @param count             its rows
     * @param selectionRate     the share predicted positive, or null
     * @param recall            the true-positive rate, or null
     * @param falsePositiveRate the false-positive rate, or null
     */
    public record Group(String group, long count, Double selectionRate, Double recall, Double falsePositiveRate) {
    }

    /**
     * One side's fairness for one attribute.
     *
     * @param groups                      per group
     * @param demographicParityDifference the largest difference in selection rate, or null
     * @param disparateImpactRatio        the smallest over the largest selection rate, or null
     * @param fourFifthsViolated          whether the ratio is below 0.8
     */
    public record Side(List<Group> groups, Double demographicParityDifference, Double disparateImpactRatio,
                       boolean fourFifthsViolated) {
        /** Copies the list. */
        public Side {
            groups = List.copyOf(groups);
        }
    }

    /**
     * An attribute's fairness, side by side.
     *
     * @param attribute the sensitive attribute
     * @param reference on the reference
     * @param current   on the current data
     */
    public record Fairness(String attribute, Side reference, Side current) {
    }

    /**
     * @param result a comparison made with a model
     * @return its model section, or null when it was made without one
     */
    @SuppressWarnings("unchecked")
    public static ModelSection of(DriftService.Result result) {
        Map<String, Object> m = result.model();
        if (m == null) {
            return null;
        }
        String target = (String) m.get("target");
        List<Metric> metrics = new ArrayList<>();
        if (m.get("performance") instanceof Map<?, ?> perf) {
            ((Map<String, Object>) perf).forEach((name, v) -> {
                Map<String, Object> x = (Map<String, Object>) v;
                metrics.add(new Metric(name, interval(x.get("reference")), interval(x.get("current"))));
            });
        }
        List<Fairness> fair = new ArrayList<>();
        if (m.get("fairness") instanceof Map<?, ?> f) {
            ((Map<String, Object>) f).forEach((attr, v) -> {
                Map<String, Object> x = (Map<String, Object>) v;
                fair.add(new Fairness(attr, side(x.get("reference")), side(x.get("current"))));
            });
        }
        boolean refLabels = labelled(result.reference().table(), target);
        boolean curLabels = labelled(result.current().table(), target);
        String labels = refLabels && curLabels ? "none" : refLabels ? "current" : curLabels ? "reference" : "both";
        return new ModelSection((String) m.get("version"), (String) m.get("task"), target,
                shift(m.get("prediction_drift")), shift(m.get("label_drift")), labels, metrics, fair);
    }

    /** Whether a table holds the target with no missing value (what performance and fairness need). */
    private static boolean labelled(DataTable t, String target) {
        Column c = target == null ? null : t.column(target).orElse(null);
        return c != null && c.missingCount() == 0;
    }

    @SuppressWarnings("unchecked")
    private static Shift shift(Object o) {
        if (!(o instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        return new Shift((String) m.get("test"), number(m.get("statistic")), number(m.get("p_value")),
                number(m.get("psi")), (String) m.get("psi_band"), Boolean.TRUE.equals(m.get("drifted")));
    }

    @SuppressWarnings("unchecked")
    private static Interval interval(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return new Interval(number(m.get("value")), number(m.get("low")), number(m.get("high")),
                m.get("rows") instanceof Number n ? n.longValue() : 0);
    }

    @SuppressWarnings("unchecked")
    private static Side side(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        List<Group> groups = new ArrayList<>();
        for (Object g : (List<Object>) m.get("groups")) {
            Map<String, Object> x = (Map<String, Object>) g;
            groups.add(new Group(String.valueOf(x.get("group")), x.get("count") instanceof Number n ? n.longValue() : 0,
                    number(x.get("selection_rate")), number(x.get("recall")), number(x.get("false_positive_rate"))));
        }
        return new Side(groups, number(m.get("demographic_parity_difference")), number(m.get(
                "disparate_impact_ratio")), Boolean.TRUE.equals(m.get("four_fifths_violated")));
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
