package io.mlwb.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression metrics of predictions against targets.
 *
 * @param count     number of rows
 * @param rmse      root mean squared error
 * @param mae       mean absolute error
 * @param r2        coefficient of determination, 1 − SS_res / SS_tot; NaN when the targets are constant
 * @param undefined snake_case metric name to the reason it is NaN
 */
public record RegressionMetrics(int count, double rmse, double mae, double r2, Map<String, String> undefined) {

    /**
     * Computes the metrics.
     *
     * @param yTrue targets, finite
     * @param yPred predictions, finite, same length
     * @return the metrics; with no rows each is NaN with reason "no rows"
     * @throws IllegalArgumentException on null arrays, different lengths, NaN or infinite values
     */
    public static RegressionMetrics compute(double[] yTrue, double[] yPred) {
        Checks.finite(yTrue, "yTrue");
        Checks.finite(yPred, "yPred");
        int n = yTrue.length;
        Checks.sameLength(n, yPred.length, "yPred", "yTrue");
        Map<String, String> undefined = new LinkedHashMap<>();
        if (n == 0) {
            undefined.put("rmse", "no rows");
            undefined.put("mae", "no rows");
            undefined.put("r2", "no rows");
            return new RegressionMetrics(0, Double.NaN, Double.NaN, Double.NaN, Collections.unmodifiableMap(undefined));
        }
        double mean = 0;
        for (double y : yTrue) {
            mean += y;
        }
        mean /= n;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double e = yTrue[i] - yPred[i];
            sse += e * e;
            sae += Math.abs(e);
            double d = yTrue[i] - mean;
            sst += d * d;
        }
        double r2 = Double.NaN;
        if (sst > 0) {
            r2 = 1.0 - sse / sst;
        } else {
            undefined.put("r2", "the targets are constant");
        }
        return new RegressionMetrics(n, Math.sqrt(sse / n), sae / n, r2, Collections.unmodifiableMap(undefined));
    }

    /**
     * The defined metrics under flat names for JSON and the catalog: {@code rmse}, {@code mae}, {@code r2}.
     * Undefined (NaN) metrics are left out.
     *
     * @return an insertion-ordered map
     */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        ClassificationMetrics.putDefined(m, "rmse", rmse);
        ClassificationMetrics.putDefined(m, "mae", mae);
        ClassificationMetrics.putDefined(m, "r2", r2);
        return m;
    }
}
