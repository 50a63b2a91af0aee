package io.mlwb.training.explain;

import java.util.List;
import java.util.SplittableRandom;

/** Checks and helpers shared by the explainers. */
final class Inputs {

    private Inputs() {
    }

    /** Requires a non-empty rectangular matrix of finite values; returns its width. */
    static int matrix(double[][] x, String name) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row");
        }
        int width = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                throw new IllegalArgumentException(name + " row " + i + " is null");
            }
            if (width < 0) {
                width = x[i].length;
            } else if (x[i].length != width) {
                throw new IllegalArgumentException(name + " row " + i + " has " + x[i].length + " columns, row 0 has "
                        + width);
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(x[i][c])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + c + "] is " + x[i][c]
                            + "; values must be finite");
                }
            }
        }
        return width;
    }

    /** Requires non-empty groups whose columns are inside the width and belong to one group each. */
    static void groups(List<FeatureGroup> groups, int width) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("at least one feature group is needed");
        }
        boolean[] seen = new boolean[width];
        for (FeatureGroup g : groups) {
            for (int c : g.columns()) {
                if (c >= width) {
                    throw new IllegalArgumentException("feature group '" + g.name() + "' names column " + c
                            + " but rows have " + width + " columns");
                }
                if (seen[c]) {
                    throw new IllegalArgumentException("column " + c + " is in more than one feature group");
                }
                seen[c] = true;
            }
        }
    }

    /** Calls the model and checks that it answered one finite value per row. */
    static double[] predict(Predictor model, double[][] rows) {
        double[] out = model.predict(rows);
        if (out == null || out.length != rows.length) {
            throw new IllegalArgumentException("the predictor returned " + (out == null ? "null" : out.length
                    + " values") + " for " + rows.length + " rows");
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("the predictor returned " + out[i] + " for row " + i);
            }
        }
        return out;
    }

    static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    /** A deep copy of the rows. */
    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }

    /** An independent random stream for stream number {@code k} of a seed. */
    static SplittableRandom random(long seed, int k) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (k + 1L));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
