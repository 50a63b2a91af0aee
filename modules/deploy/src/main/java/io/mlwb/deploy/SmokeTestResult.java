package io.mlwb.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a smoke test found: whether the server answered the target's health route in time and whether its predictions
 * equal the run's recorded test predictions, with the latency and throughput measured. The element of
 * {@code mlwb deploy smoke-test --json} (docs/cli.md).
 *
 * @param id            {@code deployment_smoke_test.id}, or 0 before it is recorded
 * @param deploymentId  the deployment tested, or null for a version tested before any deployment
 * @param ref           {@code NAME@VERSION}
 * @param target        the target whose contract was replayed
 * @param contract      the routes, port and body shape used
 * @param healthOk      whether the health route answered 200 within {@link SmokeTester#HEALTH_TIMEOUT_MS}
 * @param healthMs      how long the health route took
 * @param rows          test rows checked
 * @param mismatches    rows whose prediction differs from the recorded one by more than the tolerance (or whose
 *                      label differs)
 * @param firstMismatches the first few of them
 * @param maxAbsDiff    the largest absolute difference seen
 * @param tolerance     the tolerance: 1e-6 for djl and onnx; for onnx-int8 the int8 export's own measured largest
 *                      difference on the test split, plus 1e-6
 * @param p50Ms         median single-row latency, in milliseconds (client side, loopback)
 * @param p95Ms         95th percentile
 * @param p99Ms         99th percentile
 * @param throughputRps single-row predictions per second with {@code concurrency} clients
 * @param requests      single-row requests timed
 * @param concurrency   clients sending at once
 * @param cores         this machine's cores (the cost estimate scales the throughput by them)
 * @param createdAtMs   when
 * @param format        the serving format served: djl, onnx or onnx-int8
 * @param labelFlips    onnx-int8: rows whose label differs while the value is within the tolerance (the
 *                      quantization moved it across the threshold); 0 otherwise, where a flipped label is a mismatch
 * @param metric        onnx-int8: the test metric its export measured (roc_auc, accuracy, rmse), else null
 * @param metricChange  onnx-int8: that metric's change against the run's, else null
 */
public record SmokeTestResult(long id, Long deploymentId, String ref, String target, Contract contract,
                              boolean healthOk, double healthMs, int rows, int mismatches,
                              List<Mismatch> firstMismatches, double maxAbsDiff, double tolerance, double p50Ms,
                              double p95Ms, double p99Ms, double throughputRps, int requests, int concurrency,
                              int cores, long createdAtMs, String format, int labelFlips, String metric,
                              Double metricChange) {

    /** Copies the list. */
    public SmokeTestResult {
        firstMismatches = List.copyOf(firstMismatches);
        format = format == null ? "djl" : format;
    }

    /**
     * The target's contract as replayed.
     *
     * @param health      the health route (GET)
     * @param predict     the prediction route (POST)
     * @param port        the port the target's environment gives the container
     * @param portFromEnv the port the server reads from that environment (must equal {@code port})
     * @param body        the request body's shape
     */
    public record Contract(String health, String predict, int port, int portFromEnv, String body) {
        /** @return whether the server would listen where the target calls */
        public boolean portOk() {
            return port == portFromEnv;
        }
    }

    /**
     * One row whose prediction differs.
     *
     * @param row           the data row (1-based, as in predictions-test.csv)
     * @param expected      the run's recorded prediction
     * @param actual        the server's
     * @param expectedLabel the run's recorded label, or null
     * @param actualLabel   the server's label, or null
     */
    public record Mismatch(int row, double expected, double actual, String expectedLabel, String actualLabel) {
        /** @return {@code row 17: expected 0.31 (no), got 0.29 (no)} */
        public String describe() {
            return "row " + row + ": expected " + expected + (expectedLabel == null ? "" : " (" + expectedLabel + ")")
                    + ", got " + (Double.isNaN(actual) ? "no prediction" : Double.toString(actual))
                    + (actualLabel == null ? "" : " (" + actualLabel + ")");
        }
    }

    /**
     * @param newId           the recorded id
     * @param newDeploymentId the deployment tested, or null
     * @return this result with them
     */
    public SmokeTestResult with(long newId, Long newDeploymentId) {
        return new SmokeTestResult(newId, newDeploymentId, ref, target, contract, healthOk, healthMs, rows, mismatches,
                firstMismatches, maxAbsDiff, tolerance, p50Ms, p95Ms, p99Ms, throughputRps, requests, concurrency,
                cores, createdAtMs, format, labelFlips, metric, metricChange);
    }

    /** @return whether the server answered its health route in time, on the target's port, and every row matched */
    public boolean passed() {
        return healthOk && contract.portOk() && mismatches == 0 && rows > 0;
    }

    /** @return the JSON of {@code mlwb deploy smoke-test --json} (docs/cli.md) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("deployment_id", deploymentId);
        m.put("ref", ref);
        m.put("target", target);
        m.put("format", format);
        m.put("passed", passed());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("health_route", contract.health());
        c.put("predict_route", contract.predict());
        c.put("port", contract.port());
        c.put("port_from_env", contract.portFromEnv());
        c.put("body", contract.body());
        m.put("contract", c);
        m.put("health_ok", healthOk);
        m.put("health_ms", healthMs);
        m.put("rows", rows);
        m.put("mismatches", mismatches);
        m.put("first_mismatches", firstMismatches.stream().map(x -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", x.row());
            r.put("expected", x.expected());
            r.put("actual", Double.isNaN(x.actual()) ? null : x.actual());
            r.put("expected_label", x.expectedLabel());
            r.put("actual_label", x.actualLabel());
            return r;
        }).toList());
        m.put("max_abs_diff", maxAbsDiff);
        m.put("tolerance", tolerance);
        m.put("label_flips", labelFlips);
        m.put("metric", metric);
        m.put("metric_change", metricChange);
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", p50Ms);
        lat.put("p95", p95Ms);
        lat.put("p99", p99Ms);
        m.put("latency_ms", lat);
        m.put("throughput_rps", throughputRps);
        m.put("requests", requests);
        m.put("concurrency", concurrency);
        m.put("cores", cores);
        m.put("created_ms", createdAtMs);
        return m;
    }
}
