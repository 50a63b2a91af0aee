package io.mlwb.training.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-prediction attributions: Shapley values of feature groups for one row, which sum to the prediction minus
 * the baseline.
 *
 * <p>The value of a coalition S of groups is the mean prediction over a background sample in which the row keeps
 * its values for the groups in S and takes each background row's values for the others (interventional
 * Shapley values, as SHAP's {@code KernelExplainer} with a background set). Columns in no group keep the row's
 * value. The background is the given rows, or a seeded sample of {@value #MAX_BACKGROUND} of them. The baseline is
 * the value of the empty coalition.
 *
 * <p>With at most {@value #EXACT_MAX_GROUPS} groups the values are exact: all 2^k coalitions. With more, they are
 * estimated by permutation sampling (Štrumbelj and Kononenko 2014): each sampled order of the groups adds them one
 * by one and credits each group with the change it makes; orders come in antithetic pairs (an order and its
 * reverse), and the estimate is the mean over the orders. Each order's credits sum to prediction − baseline, so the
 * estimate does too, exactly up to rounding.
 *
 * @param prediction    the model's output for the row
 * @param baseline      the mean output over the background with every group taken from it
 * @param exact         whether the values are exact (false: sampled)
 * @param permutations  sampled orders (0 when exact)
 * @param contributions one per group, in the groups' order
 */
public record Attribution(
        double prediction, double baseline, boolean exact, int permutations, List<Contribution> contributions) {

    /** Up to this many groups the Shapley values are computed exactly. */
    public static final int EXACT_MAX_GROUPS = 12;
    /** The most background rows used; a larger background is sampled down to this. */
    public static final int MAX_BACKGROUND = 50;
    /** Sampled orders when there are more than {@value #EXACT_MAX_GROUPS} groups and no count is given. */
    public static final int DEFAULT_PERMUTATIONS = 200;
    /** The most rows sent to the model in one call. */
    static final int BATCH_ROWS = 8192;

    /**
     * The contribution of one feature group.
     *
     * @param name  the group's name
     * @param value its Shapley value, in the model's output units
     */
    public record Contribution(String name, double value) {
    }

    /**
     * Explains a row with seed 0 and {@value #DEFAULT_PERMUTATIONS} sampled orders when sampling is needed.
     *
     * @param model      the model
     * @param background reference rows (e.g. training rows), preprocessed
     * @param row        the row to explain, preprocessed
     * @param groups     feature groups; each column in at most one
     * @return the attributions
     * @throws IllegalArgumentException on invalid input
     */
    public static Attribution explain(Predictor model, double[][] background, double[] row, List<FeatureGroup> groups) {
        return explain(model, background, row, groups, 0L, DEFAULT_PERMUTATIONS);
    }

    /**
     * Explains a row.
     *
     * @param model        the model
     * @param background   reference rows (e.g. training rows), preprocessed
     * @param row          the row to explain, preprocessed
     * @param groups       feature groups; each column in at most one
     * @param seed         seeds the background sample and the sampled orders
     * @param permutations sampled orders when there are more than {@value #EXACT_MAX_GROUPS} groups, at least 2
     *                     (rounded up to even)
     * @return the attributions
     * @throws IllegalArgumentException on invalid input
     */
    public static Attribution explain(Predictor model, double[][] background, double[] row, List<FeatureGroup> groups,
            long seed, int permutations) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        int width = Inputs.matrix(background, "background");
        if (row == null || row.length != width) {
            throw new IllegalArgumentException("the row must have " + width + " columns like the background");
        }
        Inputs.matrix(new double[][] {row}, "row");
        Inputs.groups(groups, width);
        if (permutations < 2) {
            throw new IllegalArgumentException("permutations must be at least 2, got " + permutations);
        }
        int k = groups.size();
        int[][] cols = new int[k][];
        for (int g = 0; g < k; g++) {
            cols[g] = groups.get(g).columns();
        }
        Coalitions values = new Coalitions(model, sample(background, seed), row, cols);
        double prediction = Inputs.predict(model, new double[][] {row})[0];
        double[] phi;
        int used;
        double baseline;
        if (k <= EXACT_MAX_GROUPS) {
            double[] v = values.exact();
            v[(1 << k) - 1] = prediction;
            baseline = v[0];
            phi = shapley(v, k);
            used = 0;
        } else {
            used = permutations + (permutations & 1);
            baseline = values.value(new boolean[k]);
            phi = values.sampled(new SplittableRandom(seed), used, baseline, prediction);
        }
        List<Contribution> out = new ArrayList<>(k);
        for (int g = 0; g < k; g++) {
            out.add(new Contribution(groups.get(g).name(), phi[g]));
        }
        return new Attribution(prediction, baseline, k <= EXACT_MAX_GROUPS, used, List.copyOf(out));
    }

    /**
     * The contributions by absolute value, largest first (ties keep the groups' order).
     *
     * @return a new list
     */
    public List<Contribution> byMagnitude() {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparingDouble((Contribution c) -> Math.abs(c.value())).reversed());
        return sorted;
    }

    /** Shapley values from the values of all 2^k coalitions (bit g set: group g from the row). */
    static double[] shapley(double[] v, int k) {
        double[] weight = new double[k];
        for (int s = 0; s < k; s++) {
            weight[s] = factorial(s) * factorial(k - s - 1) / factorial(k);
        }
        double[] phi = new double[k];
        for (int mask = 0; mask < v.length; mask++) {
            int size = Integer.bitCount(mask);
            for (int g = 0; g < k; g++) {
                int bit = 1 << g;
                if ((mask & bit) == 0) {
                    phi[g] += weight[size] * (v[mask | bit] - v[mask]);
                }
            }
        }
        return phi;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    /** The background itself, or a seeded sample of {@value #MAX_BACKGROUND} of its rows in their original order. */
    private static double[][] sample(double[][] background, long seed) {
        if (background.length <= MAX_BACKGROUND) {
            return background;
        }
        int[] perm = Inputs.permutation(background.length, Inputs.random(seed, -1));
        int[] chosen = Arrays.copyOf(perm, MAX_BACKGROUND);
        Arrays.sort(chosen);
        double[][] out = new double[MAX_BACKGROUND][];
        for (int i = 0; i < MAX_BACKGROUND; i++) {
            out[i] = background[chosen[i]];
        }
        return out;
    }

    /** Evaluates coalition values in batches of at most {@link #BATCH_ROWS} rows. */
    private static final class Coalitions {
        private final Predictor model;
        private final double[][] background;
        private final double[] row;
        private final int[][] cols;

        Coalitions(Predictor model, double[][] background, double[] row, int[][] cols) {
            this.model = model;
            this.background = background;
            this.row = row;
            this.cols = cols;
        }

        /** Fills rows {@code at..} with the coalition: groups in it from the row, the others from each background. */
        private void fill(double[][] rows, int at, boolean[] inCoalition) {
            for (int b = 0; b < background.length; b++) {
                double[] r = row.clone();
                for (int g = 0; g < cols.length; g++) {
                    if (!inCoalition[g]) {
                        for (int c : cols[g]) {
                            r[c] = background[b][c];
                        }
                    }
                }
                rows[at + b] = r;
            }
        }

        /** The values of a list of coalitions, batching the model calls. */
        private double[] values(List<boolean[]> coalitions) {
            int m = background.length;
            int perBatch = Math.max(1, BATCH_ROWS / m);
            double[] v = new double[coalitions.size()];
            for (int from = 0; from < coalitions.size(); from += perBatch) {
                int to = Math.min(from + perBatch, coalitions.size());
                double[][] rows = new double[(to - from) * m][];
                for (int s = from; s < to; s++) {
                    fill(rows, (s - from) * m, coalitions.get(s));
                }
                double[] p = Inputs.predict(model, rows);
                for (int s = from; s < to; s++) {
                    v[s] = Inputs.mean(p, (s - from) * m, (s - from + 1) * m);
                }
            }
            return v;
        }

        double value(boolean[] coalition) {
            return values(List.of(coalition))[0];
        }

        double[] exact() {
            int k = cols.length;
            List<boolean[]> all = new ArrayList<>(1 << k);
            for (int mask = 0; mask < 1 << k; mask++) {
                boolean[] in = new boolean[k];
                for (int g = 0; g < k; g++) {
                    in[g] = (mask & (1 << g)) != 0;
                }
                all.add(in);
            }
            return values(all);
        }

        double[] sampled(SplittableRandom rng, int permutations, double empty, double full) {
            int k = cols.length;
            double[] phi = new double[k];
            int[] order = null;
            for (int p = 0; p < permutations; p++) {
                if (p % 2 == 0) {
                    order = Inputs.permutation(k, rng);
                } else {
                    for (int i = 0, j = k - 1; i < j; i++, j--) {
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                }
                // The k − 1 proper, non-empty prefixes of the order; the empty and full values are known.
                List<boolean[]> prefixes = new ArrayList<>(k - 1);
                boolean[] in = new boolean[k];
                for (int j = 0; j < k - 1; j++) {
                    in[order[j]] = true;
                    prefixes.add(in.clone());
                }
                double[] v = values(prefixes);
                double previous = empty;
                for (int j = 0; j < k; j++) {
                    double current = j < k - 1 ? v[j] : full;
                    phi[order[j]] += current - previous;
                    previous = current;
                }
            }
            for (int g = 0; g < k; g++) {
                phi[g] /= permutations;
            }
            return phi;
        }
    }
}
