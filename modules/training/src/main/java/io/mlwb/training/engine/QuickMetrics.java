package io.mlwb.training.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Temporary epoch metrics until the evaluation package lands (replaced by io.mlwb.training.eval). */
final class QuickMetrics {
    private QuickMetrics() {
    }

    static Map<String, Double> classification(float[] y, double[] p) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = y.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && p[idx[j]] == p[idx[i]]) {
                j++;
            }
            double rank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) {
                if (y[idx[k]] > 0.5) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = n - pos;
        m.put("roc_auc", pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg));
        m.put("auc", m.get("roc_auc"));
        double correct = 0;
        for (int k = 0; k < n; k++) {
            if ((p[k] >= 0.5) == (y[k] > 0.5)) {
                correct++;
            }
        }
        m.put("accuracy", correct / n);
        return m;
    }

    static Map<String, Double> regression(float[] y, double[] p) {
        double se = 0;
        double ae = 0;
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        double ss = 0;
        for (int k = 0; k < y.length; k++) {
            se += (p[k] - y[k]) * (p[k] - y[k]);
            ae += Math.abs(p[k] - y[k]);
            ss += (y[k] - mean) * (y[k] - mean);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", Math.sqrt(se / y.length));
        m.put("mae", ae / y.length);
        m.put("r2", ss == 0 ? Double.NaN : 1 - se / ss);
        return m;
    }
}
