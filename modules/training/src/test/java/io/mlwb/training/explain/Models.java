package io.mlwb.training.explain;

import java.util.SplittableRandom;

/** Tiny known models and seeded data for the explainer tests. */
final class Models {

    private Models() {
    }

    /** f(x) = w · x + b. */
    static Predictor linear(double[] w, double b) {
        return rows -> {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                double s = b;
                for (int c = 0; c < w.length; c++) {
                    s += w[c] * rows[i][c];
                }
                out[i] = s;
            }
            return out;
        };
    }

    /** A model with interactions: sigmoid(x0 * x1 + x2² − x3 + sum of 0.1 · x_c for the other columns). */
    static Predictor nonlinear() {
        return rows -> {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                double[] r = rows[i];
                double z = r[0] * r[1] + r[2] * r[2] - r[3];
                for (int c = 4; c < r.length; c++) {
                    z += 0.1 * r[c] * (c % 2 == 0 ? 1 : -r[0]);
                }
                out[i] = 1 / (1 + Math.exp(-z));
            }
            return out;
        };
    }

    /** Rows of standard-normal-ish values, seeded. */
    static double[][] data(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        for (double[] r : x) {
            for (int c = 0; c < cols; c++) {
                r[c] = rng.nextDouble(-2, 2);
            }
        }
        return x;
    }

    static double[] columnMeans(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int c = 0; c < m.length; c++) {
                m[c] += r[c] / x.length;
            }
        }
        return m;
    }
}
