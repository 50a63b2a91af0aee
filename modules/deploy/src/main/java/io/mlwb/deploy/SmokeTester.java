package io.mlwb.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.serving.InferenceServer;
import io.mlwb.serving.Predictor;
import io.mlwb.serving.ServerConfig;
import io.mlwb.serving.Signature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smoke test's work, without the catalog: starts the inference server on loopback with a loaded model, replays
 * the target's contract (the port its environment gives, {@code GET} health route within
 * {@value #HEALTH_TIMEOUT_MS} ms, {@code POST} prediction route with {@code {"instances": [...]}} answered by
 * {@code {"predictions": [...]}}), sends the whole test set in batches and compares every prediction with the run's
 * recorded one, then times single-row requests from a few clients at once for latency percentiles and throughput.
 * Stops the server on every path.
 */
public final class SmokeTester {
    /** How long the health route may take (SageMaker's {@code /ping} contract). */
    public static final int HEALTH_TIMEOUT_MS = 2000;
    /** The largest allowed difference between a served and a recorded prediction. */
    public static final double TOLERANCE = 1e-6;
    /** Mismatching rows kept in the result. */
    public static final int KEEP_MISMATCHES = 10;
    private static final int BATCH = 256;
    private static final int MIN_TIMED = 200;
    private static final int MAX_TIMED = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmokeTester() {
    }

    /**
     * @param target the target
     * @param model  the model's name
     * @return the routes, port and body shape the target uses
     */
    public static SmokeTestResult.Contract contract(DeployTarget target, String model) {
        ServingContract.Routes r = ServingContract.routes(target, model);
        Map<String, String> env = new HashMap<>(ServingContract.environment(target));
        if (target == DeployTarget.VERTEX) {
            // Vertex sets these from the container spec's port and routes
            env.put(io.mlwb.serving.ServingContract.VERTEX_PORT_ENV, Integer.toString(r.port()));
            env.put(io.mlwb.serving.ServingContract.VERTEX_HEALTH_ENV, r.health());
            env.put(io.mlwb.serving.ServingContract.VERTEX_PREDICT_ENV, r.predict());
        }
        return new SmokeTestResult.Contract(r.health(), r.predict(), r.port(), ServerConfig.portFromEnv(env),
                "{\"instances\": [...]} -> {\"predictions\": [...]}");
    }

    /**
     * Runs the smoke test.
     *
     * @param predictor the model (closed with the server)
     * @param tests     the test set
     * @param target    the target whose contract to replay
     * @param model     the model's name
     * @param version   the version
     * @param port      the loopback port, or 0 for a free one
     * @param progress  progress; cancel stops between requests
     * @return the result (not recorded: id 0)
     * @throws UserError (exit 2) when the port is in use; {@link Cancelled} when cancelled
     */
    public static SmokeTestResult run(Predictor predictor, TestSet tests, DeployTarget target, String model,
                                      int version, int port, Progress progress) {
        return run(predictor, tests, target, model, version, port, Rule.EXACT, progress);
    }

    /**
     * What "match" means for the format served.
     *
     * @param format       the serving format's id (djl, onnx, onnx-int8)
     * @param tolerance    the largest allowed difference from a recorded prediction
     * @param labelsExact  whether a label must equal the recorded one; when false (int8) a label may flip where the
     *                     value is within {@code tolerance}, since such a flip is the quantization's own error
     * @param metric       the test metric the export measured (int8), or null
     * @param metricChange the metric's change against the run's, as the export measured it, or null
     */
    public record Rule(String format, double tolerance, boolean labelsExact, String metric, Double metricChange) {
        /** model.zip, and the ONNX float export: every value within {@link #TOLERANCE}, every label equal. */
        public static final Rule EXACT = new Rule("djl", TOLERANCE, true, null, null);
    }

    /**
     * Runs the smoke test with a format's rule of what matches.
     *
     * @param predictor the model (closed with the server)
     * @param tests     the test set
     * @param target    the target whose contract to replay
     * @param model     the model's name
     * @param version   the version
     * @param port      the loopback port, or 0 for a free one
     * @param rule      what matches
     * @param progress  progress; cancel stops between requests
     * @return the result (not recorded: id 0)
     * @throws UserError (exit 2) when the port is in use; {@link Cancelled} when cancelled
     */
    public static SmokeTestResult run(Predictor predictor, TestSet tests, DeployTarget target, String model,
                                      int version, int port, Rule rule, Progress progress) {
        SmokeTestResult.Contract contract;
        int cores = Runtime.getRuntime().availableProcessors();
        int clients = Math.max(1, Math.min(4, cores));
        ServerConfig config;
        try {
            contract = contract(target, model);
            ServerConfig.Builder b = ServerConfig.builder(model, version).host(ServerConfig.LOOPBACK).port(port)
                    .workers(clients).queueCapacity(64).drainTimeout(Duration.ofSeconds(2));
            if (target == DeployTarget.VERTEX) {
                b.vertexRoutes(contract.predict(), contract.health());
            }
            config = b.build();
        } catch (RuntimeException e) {
            predictor.close();      // from here on the server owns it
            throw e;
        }
        progress.report(0.05, "starting the server (" + target.id() + " contract)");
        try (InferenceServer server = InferenceServer.start(config, predictor)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(HEALTH_TIMEOUT_MS))
                    .version(HttpClient.Version.HTTP_1_1).build();
            String base = server.url();
            progress.report(0.1, "GET " + contract.health());
            long h0 = System.nanoTime();
            boolean healthOk;
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + contract.health()))
                        .timeout(Duration.ofMillis(HEALTH_TIMEOUT_MS)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                healthOk = health.statusCode() == 200;
            } catch (HttpTimeoutException e) {
                healthOk = false;
            } catch (IOException e) {
                healthOk = false;      // refused or reset: the check fails, the result says so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
            double healthMs = (System.nanoTime() - h0) / 1e6;
            healthOk &= healthMs <= HEALTH_TIMEOUT_MS;

            // 1. every test row, in batches: the predictions must be the run's
            Signature.Output kind = predictor.signature().output();
            List<TestSet.Row> rows = tests.rows();
            Compare cmp = new Compare(rule);
            for (int from = 0; from < rows.size(); from += BATCH) {
                progress.checkCancelled();
                List<TestSet.Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                JsonNode predictions = predict(http, base + contract.predict(), batch);
                for (int i = 0; i < batch.size(); i++) {
                    cmp.check(batch.get(i), predictions.get(i), kind);
                }
                progress.report(0.1 + 0.4 * Math.min(rows.size(), from + BATCH) / rows.size(),
                        "compared " + Math.min(rows.size(), from + BATCH) + " of " + rows.size() + " rows");
            }

            // 2. single-row requests from a few clients at once: latency and throughput
            int timed = Math.min(MAX_TIMED, Math.max(MIN_TIMED, rows.size()));
            long[] latencies = new long[timed];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
                Thread t = new Thread(r, "mlwb-smoke-client");
                t.setDaemon(true);
                return t;
            });
            long t0 = System.nanoTime();
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < timed; i = next.getAndIncrement()) {
                            if (progress.cancelled()) {
                                return null;
                            }
                            TestSet.Row row = rows.get(i % rows.size());
                            long s = System.nanoTime();
                            JsonNode p = predict(http, base + contract.predict(), List.of(row));
                            latencies[i] = System.nanoTime() - s;
                            synchronized (cmp) {
                                cmp.check(row, p.get(0), kind);
                            }
                            if (i % 50 == 0) {
                                progress.report(0.5 + 0.5 * i / timed, "timed " + i + " of " + timed + " requests");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            } finally {
                pool.shutdownNow();
            }
            progress.checkCancelled();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            progress.report(1, cmp.mismatches == 0 ? "all " + rows.size() + " rows match"
                    : cmp.mismatches + " rows differ");
            return new SmokeTestResult(0, null, model + "@" + version, target.id(), contract, healthOk, healthMs,
                    rows.size(), cmp.mismatches, cmp.first, cmp.maxAbsDiff, rule.tolerance(), pct(sorted, 50),
                    pct(sorted, 95), pct(sorted, 99), timed / seconds, timed, clients, cores,
                    System.currentTimeMillis(), rule.format(), cmp.flips.size(), rule.metric(), rule.metricChange());
        }
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    private static JsonNode predict(HttpClient http, String url, List<TestSet.Row> rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        rows.forEach(r -> instances.add(r.instance()));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserError("The server did not answer POST " + url + ": " + e.getMessage(),
                    "See the log; the smoke test's server runs on loopback.", ExitCode.BAD_INPUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(response.body());
        } catch (IOException e) {
            doc = null;
        }
        if (response.statusCode() != 200 || doc == null || !doc.path("predictions").isArray()
                || doc.get("predictions").size() != rows.size()) {
            throw new UserError("POST " + URI.create(url).getPath() + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()), "The served model refused the test rows; check that the data the "
                    + "run read is unchanged.", ExitCode.BAD_INPUT, null);
        }
        return doc.get("predictions");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Counts the rows whose served prediction differs from the recorded one. */
    private static final class Compare {
        private int mismatches;
        private double maxAbsDiff;
        private final List<SmokeTestResult.Mismatch> first = new ArrayList<>();
        private final java.util.Set<Integer> counted = new java.util.HashSet<>();
        private final java.util.Set<Integer> flips = new java.util.HashSet<>();
        private final Rule rule;

        Compare(Rule rule) {
            this.rule = rule;
        }

        /** Compares one served prediction; a row counts once however often it is sent. */
        void check(TestSet.Row row, JsonNode p, Signature.Output kind) {
            double actual = switch (kind) {
                case BINARY -> p.path("probability").asDouble(Double.NaN);
                case REGRESSION -> p.path("value").asDouble(Double.NaN);
                case MULTICLASS -> {
                    double max = Double.NaN;
                    for (JsonNode v : p.path("probabilities")) {
                        max = Double.isNaN(max) ? v.asDouble() : Math.max(max, v.asDouble());
                    }
                    yield max;
                }
            };
            String label = p.hasNonNull("label") ? p.get("label").asText() : null;
            double diff = Math.abs(actual - row.expected());
            boolean flipped = row.label() != null && !row.label().isEmpty() && !row.label().equals(label);
            boolean bad = Double.isNaN(diff) || diff > rule.tolerance() || flipped && rule.labelsExact();
            if (flipped && !bad) {
                flips.add(row.row());
            }
            if (!Double.isNaN(diff)) {
                maxAbsDiff = Math.max(maxAbsDiff, diff);
            }
            if (bad && counted.add(row.row())) {
                mismatches++;
                if (first.size() < KEEP_MISMATCHES) {
                    first.add(new SmokeTestResult.Mismatch(row.row(), row.expected(), actual, row.label(), label));
                }
            }
        }
    }
}
