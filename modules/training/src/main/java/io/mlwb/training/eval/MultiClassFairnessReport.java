package io.mlwb.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fairness of a multi-class classifier per value of a sensitive attribute, from its decisions (the predicted class
 * of each row, e.g. the most likely one).
 *
 * <p>Each class is treated as the "selected" outcome in turn: a group's selection rate for class c is the share of
 * its rows predicted as c. Per class, the demographic parity difference is max − min selection rate over the groups
 * and the disparate impact ratio is min / max (flagged below {@value FairnessReport#FOUR_FIFTHS}, the four-fifths
 * rule); a class no row is predicted as has no ratio. A class some group never gets while another does has ratio
 * 0. The equal-opportunity difference of a class is max − min recall of that class over the groups that have rows
 * of it. The overall {@link #worstDisparateImpactRatio()} is the smallest defined ratio of any class.
 *
 * <p>Rows whose group is null or blank form the group {@value FairnessReport#MISSING_GROUP}. Groups are listed by
 * name, classes in their index order. With one group every defined difference is 0 and every ratio 1.
 *
 * @param classes                   the class labels, index order
 * @param groups                    per-group metrics, sorted by group name
 * @param perClass                  per-class disparities, in class order
 * @param worstDisparateImpactRatio the smallest defined disparate impact ratio over the classes; NaN when none is
 *                                  defined
 * @param worstClass                the class with that ratio (the first in class order on ties); null when none
 * @param fourFifthsViolated        whether any class's ratio is below {@value FairnessReport#FOUR_FIFTHS}
 * @param undefined                 snake_case name (with the class, e.g. {@code disparate_impact_ratio[gamma]}) to
 *                                  the reason it is NaN
 */
public record MultiClassFairnessReport(
        List<String> classes,
        List<GroupMetrics> groups,
        List<ClassDisparity> perClass,
        double worstDisparateImpactRatio,
        String worstClass,
        boolean fourFifthsViolated,
        Map<String, String> undefined) {

    /**
     * Metrics of one group.
     *
     * @param group          the group value
     * @param count          number of rows
     * @param accuracy       share of rows predicted as their class
     * @param macroF1        F1 averaged over the classes that occur among the group's labels (as the run's
     *                       {@code macro_f1}); NaN without rows
     * @param selectionRates per class label, the share of the group's rows predicted as that class
     * @param recall         per class label, the share of the group's rows of that class predicted as it; NaN when
     *                       the group has no row of the class
     */
    public record GroupMetrics(String group, int count, double accuracy, double macroF1,
            Map<String, Double> selectionRates, Map<String, Double> recall) {
    }

    /**
     * The disparities of one class over the groups.
     *
     * @param label                       the class label
     * @param demographicParityDifference max − min selection rate of the class over the groups
     * @param disparateImpactRatio        min / max selection rate; NaN when no row is predicted as the class
     * @param fourFifthsViolated          whether the ratio is below {@value FairnessReport#FOUR_FIFTHS}
     * @param equalOpportunityDifference  max − min recall of the class over the groups with rows of it; NaN when
     *                                    none has
     */
    public record ClassDisparity(String label, double demographicParityDifference, double disparateImpactRatio,
            boolean fourFifthsViolated, double equalOpportunityDifference) {
    }

    /**
     * Computes the report.
     *
     * @param yTrue     class index per row, in [0, classes.size())
     * @param predicted predicted class index per row, in [0, classes.size())
     * @param group     sensitive attribute value per row; null or blank means missing
     * @param classes   the class labels by index, at least two
     * @return the report; with no rows there are no groups and every disparity is NaN
     * @throws IllegalArgumentException on null arrays, different lengths or class indices out of range
     */
    public static MultiClassFairnessReport compute(int[] yTrue, int[] predicted, String[] group,
            List<String> classes) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(predicted, "predicted");
        Checks.notNull(classes, "classes");
        int k = classes.size();
        if (k < 2) {
            throw new IllegalArgumentException("a multi-class report needs at least two classes, got " + k);
        }
        int n = yTrue.length;
        Checks.sameLength(n, predicted.length, "predicted", "yTrue");
        for (int i = 0; i < n; i++) {
            if (yTrue[i] < 0 || yTrue[i] >= k) {
                throw new IllegalArgumentException("yTrue[" + i + "] is " + yTrue[i] + "; classes are 0.." + (k - 1));
            }
            if (predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("predicted[" + i + "] is " + predicted[i] + "; classes are 0.."
                        + (k - 1));
            }
        }
        GroupIndex index = GroupIndex.of(group, n);
        int gs = index.names.length;
        double[][] selection = new double[gs][k];
        double[][] recall = new double[gs][k];
        List<GroupMetrics> groups = new ArrayList<>(gs);
        for (int g = 0; g < gs; g++) {
            int[] rows = index.rows(g);
            long[][] confusion = new long[k][k];
            int correct = 0;
            for (int i : rows) {
                confusion[yTrue[i]][predicted[i]]++;
                correct += yTrue[i] == predicted[i] ? 1 : 0;
            }
            Map<String, Double> sel = new LinkedHashMap<>();
            Map<String, Double> rec = new LinkedHashMap<>();
            double f1Sum = 0;
            int seen = 0;
            for (int c = 0; c < k; c++) {
                long actual = 0;
                long chosen = 0;
                for (int j = 0; j < k; j++) {
                    actual += confusion[c][j];
                    chosen += confusion[j][c];
                }
                selection[g][c] = (double) chosen / rows.length;
                recall[g][c] = actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
                sel.put(classes.get(c), selection[g][c]);
                rec.put(classes.get(c), recall[g][c]);
                if (actual > 0) {
                    double p = chosen == 0 ? 0 : (double) confusion[c][c] / chosen;
                    double r = recall[g][c];
                    f1Sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
                    seen++;
                }
            }
            groups.add(new GroupMetrics(index.names[g], rows.length, (double) correct / rows.length,
                    seen == 0 ? Double.NaN : f1Sum / seen, Collections.unmodifiableMap(sel),
                    Collections.unmodifiableMap(rec)));
        }

        Map<String, String> undefined = new LinkedHashMap<>();
        List<ClassDisparity> perClass = new ArrayList<>(k);
        double worst = Double.NaN;
        String worstClass = null;
        boolean violated = false;
        for (int c = 0; c < k; c++) {
            String label = classes.get(c);
            if (gs == 0) {
                perClass.add(new ClassDisparity(label, Double.NaN, Double.NaN, false, Double.NaN));
                continue;
            }
            double minSel = Double.POSITIVE_INFINITY;
            double maxSel = Double.NEGATIVE_INFINITY;
            double minRec = Double.POSITIVE_INFINITY;
            double maxRec = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < gs; g++) {
                minSel = Math.min(minSel, selection[g][c]);
                maxSel = Math.max(maxSel, selection[g][c]);
                if (!Double.isNaN(recall[g][c])) {
                    minRec = Math.min(minRec, recall[g][c]);
                    maxRec = Math.max(maxRec, recall[g][c]);
                }
            }
            double di = Double.NaN;
            if (maxSel > 0) {
                di = minSel / maxSel;
            } else {
                undefined.put("disparate_impact_ratio[" + label + "]", "no row is predicted as " + label);
            }
            double eo = Double.NaN;
            if (maxRec >= minRec) {
                eo = maxRec - minRec;
            } else {
                undefined.put("equal_opportunity_difference[" + label + "]", "no group has a row of " + label);
            }
            boolean flag = di < FairnessReport.FOUR_FIFTHS;
            violated |= flag;
            if (!Double.isNaN(di) && (Double.isNaN(worst) || di < worst)) {
                worst = di;
                worstClass = label;
            }
            perClass.add(new ClassDisparity(label, maxSel - minSel, di, flag, eo));
        }
        if (gs == 0) {
            undefined.put("worst_disparate_impact_ratio", "no rows");
        } else if (worstClass == null) {
            undefined.put("worst_disparate_impact_ratio", "no class has a defined ratio");
        }
        return new MultiClassFairnessReport(List.copyOf(classes), List.copyOf(groups), List.copyOf(perClass), worst,
                worstClass, violated, Collections.unmodifiableMap(undefined));
    }

    /**
     * The disparity of a class.
     *
     * @param label the class label
     * @return its disparity
     * @throws IllegalArgumentException when the label is not a class
     */
    public ClassDisparity of(String label) {
        return perClass.stream().filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no class " + label));
    }
}
