package io.mlwb.training.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Permutation importance (Breiman 2001; scikit-learn's {@code permutation_importance}): how much the score drops
 * when one feature group's values are shuffled across rows, breaking its link to the target.
 *
 * <p>The columns of a group are shuffled with one permutation, so a one-hot group stays one-hot. Each group gets
 * its own random stream derived from the seed, so results do not depend on the other groups.
 *
 * @param baselineScore the score on the unshuffled data
 * @param repeats       shuffles per group
 * @param importances   one entry per group, by mean drop descending (ties keep the groups' order)
 */
public record PermutationImportance(double baselineScore, int repeats, List<Importance> importances) {

    /**
     * The importance of one group.
     *
     * @param name     the group's name
     * @param meanDrop mean of baseline − shuffled score over the repeats
     * @param std      population standard deviation of the drops
     */
    public record Importance(String name, double meanDrop, double std) {
    }

    /**
     * Importance of single columns, column {@code i} named {@code featureNames[i]}.
     *
     * @param model        the model
     * @param x            rows (e.g. validation data), preprocessed
     * @param y            targets per row
     * @param featureNames a name per column
     * @param scorer       higher-is-better score, e.g. {@link Scorer#rocAuc()} or {@link Scorer#negativeRmse()}
     * @param repeats      shuffles per column, at least 1
     * @param seed         random seed
     * @return the importances
     * @throws IllegalArgumentException on invalid input or a baseline score that is NaN
     */
    public static PermutationImportance compute(Predictor model, double[][] x, double[] y, String[] featureNames,
            Scorer scorer, int repeats, long seed) {
        return compute(model, x, y, FeatureGroup.singles(featureNames), scorer, repeats, seed);
    }

    /**
     * Importance of feature groups, e.g. one per source column with its one-hot columns together.
     *
     * @param model   the model
     * @param x       rows (e.g. validation data), preprocessed
     * @param y       targets per row
     * @param groups  feature groups; each column in at most one
     * @param scorer  higher-is-better score, e.g. {@link Scorer#rocAuc()} or {@link Scorer#negativeRmse()}
     * @param repeats shuffles per group, at least 1
     * @param seed    random seed
     * @return the importances
     * @throws IllegalArgumentException on invalid input or a baseline score that is NaN
     */
    public static PermutationImportance compute(Predictor model, double[][] x, double[] y, List<FeatureGroup> groups,
            Scorer scorer, int repeats, long seed) {
        if (model == null || scorer == null) {
            throw new IllegalArgumentException("model and scorer must not be null");
        }
        int width = Inputs.matrix(x, "X");
        Inputs.groups(groups, width);
        if (y == null || y.length != x.length) {
            throw new IllegalArgumentException("y must have one value per row of X (" + x.length + ")");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        int n = x.length;
        double baseline = scorer.score(y, Inputs.predict(model, x));
        if (Double.isNaN(baseline)) {
            throw new IllegalArgumentException("the score is undefined on these targets (e.g. ROC AUC with one class)");
        }
        double[][] work = Inputs.copy(x);
        List<Importance> out = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            FeatureGroup group = groups.get(g);
            int[] cols = group.columns();
            SplittableRandom rng = Inputs.random(seed, g);
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                int[] perm = Inputs.permutation(n, rng);
                for (int i = 0; i < n; i++) {
                    for (int c : cols) {
                        work[i][c] = x[perm[i]][c];
                    }
                }
                drops[r] = baseline - scorer.score(y, Inputs.predict(model, work));
            }
            for (int i = 0; i < n; i++) {
                for (int c : cols) {
                    work[i][c] = x[i][c];
                }
            }
            double mean = Inputs.mean(drops, 0, repeats);
            double ss = 0;
            for (double d : drops) {
                ss += (d - mean) * (d - mean);
            }
            out.add(new Importance(group.name(), mean, Math.sqrt(ss / repeats)));
        }
        out.sort(Comparator.comparingDouble(Importance::meanDrop).reversed());
        return new PermutationImportance(baseline, repeats, List.copyOf(out));
    }
}
