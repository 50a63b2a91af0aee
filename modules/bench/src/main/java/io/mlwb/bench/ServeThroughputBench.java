package io.mlwb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.serving.InferenceServer;
import io.mlwb.serving.InputDecoder;
import io.mlwb.serving.Predictor;
import io.mlwb.serving.onnx.OnnxExport;
import io.mlwb.serving.ServerConfig;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests per second and p50/p99 latency of the inference server on loopback, for single-row and batched
 * requests, with the load generator ({@link LoadGenerator}) in a second JVM; then the same model behind the JDK's
 * built-in {@code com.sun.net.httpserver} (same JSON checks and scorer, no metrics, log, queue or auth) measured the
 * same way. The model is an MLP trained here on generated data (12 inputs, one categorical). The server runs as
 * {@code mlwb serve} does: request log, metrics and admission queue on. Target: at least 5,000 single-row
 * predictions/s with p99 under 10 ms on 2 cores.
 */
final class ServeThroughputBench implements Benchmark {
    static final double TARGET_RPS = 5000;
    static final double TARGET_P99_MS = 10;
    private static final int BATCH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "serve-throughput";
    }

    @Override
    public String description() {
        return "inference server on loopback, load from a second JVM: single-row and 32-row requests, vs the JDK "
                + "HttpServer, and the same model as ONNX (float32, int8) in ONNX Runtime; target >= 5,000 single-row "
                + "predictions/s, p99 < 10 ms";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        double seconds = size > 0 ? size : 10;
        // as `mlwb serve` runs: one PyTorch thread per replica (the engine starts here, in training)
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        // the JDK server otherwise waits on Nagle + delayed ACK (about 40 ms per keep-alive response)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path zip = train(workDir);
        List<ObjectNode> rows = rows(workDir, zip);
        Path single = workDir.resolve("single.json");
        Files.writeString(single, rows.get(0).toString());
        ArrayNode batch = JSON.createArrayNode();
        rows.subList(0, BATCH).forEach(batch::add);
        ObjectNode batchBody = JSON.createObjectNode();
        batchBody.set("instances", batch);
        Path batched = workDir.resolve("batch.json");
        Files.writeString(batched, batchBody.toString());
        int connections = 8;
        out.line("cores", Runtime.getRuntime().availableProcessors(), "cores");
        out.line("connections", connections, "connections");

        ServerConfig config = ServerConfig.builder("bench", 1).port(0).queueCapacity(256)
                .requestLog(workDir.resolve("logs"), true).build();
        // the cost of the request log: the same server without it (after an untimed
        // warm-up run, so no configuration pays the JIT's compilation on two cores while it is measured)
        Result jettyNoLog;
        ServerConfig noLog = ServerConfig.builder("bench", 1).port(0).queueCapacity(256).build();
        try (InferenceServer server = InferenceServer.start(noLog, Predictor.load(zip, noLog.workers()))) {
            load(server.port(), "/invocations", batched, connections, seconds); // untimed: JIT warm-up
            jettyNoLog = load(server.port(), "/invocations", single, connections, seconds);
        }
        Result jettySingle;
        Result jettyBatch;
        try (InferenceServer server = InferenceServer.start(config, Predictor.load(zip, config.workers()))) {
            jettySingle = load(server.port(), "/invocations", single, connections, seconds);
            jettyBatch = load(server.port(), "/invocations", batched, connections, seconds);
        }
        // the same model exported to ONNX and served through ONNX Runtime (float32, then the int8 variant)
        Path onnx = workDir.resolve("model.onnx");
        Path onnxInt8 = workDir.resolve("model-int8.onnx");
        try (SavedModel m = SavedModel.load(zip)) {
            Files.write(onnx, OnnxExport.write(m, OnnxExport.Precision.FLOAT32, "bench"));
            Files.write(onnxInt8, OnnxExport.write(m, OnnxExport.Precision.INT8, "bench"));
        }
        Result onnxSingle;
        Result onnxBatch;
        try (InferenceServer server = InferenceServer.start(config, Predictor.loadOnnx(onnx, config.workers()))) {
            load(server.port(), "/invocations", batched, connections, seconds); // untimed: JIT warm-up
            onnxSingle = load(server.port(), "/invocations", single, connections, seconds);
            onnxBatch = load(server.port(), "/invocations", batched, connections, seconds);
        }
        Result int8Single;
        Result int8Batch;
        try (InferenceServer server = InferenceServer.start(config, Predictor.loadOnnx(onnxInt8,
                config.workers()))) {
            int8Single = load(server.port(), "/invocations", single, connections, seconds);
            int8Batch = load(server.port(), "/invocations", batched, connections, seconds);
        }
        Result refSingle;
        Result refBatch;
        try (Predictor p = Predictor.load(zip, config.workers())) {
            HttpServer ref = reference(p, config.workers());
            try {
                refSingle = load(ref.getAddress().getPort(), "/invocations", single, connections, seconds);
                refBatch = load(ref.getAddress().getPort(), "/invocations", batched, connections, seconds);
            } finally {
                ref.stop(0);
                ((ExecutorService) ref.getExecutor()).shutdownNow();
            }
        }
        report(out, "jdk_single", refSingle, 1);
        report(out, "jdk_batch" + BATCH, refBatch, BATCH);
        report(out, "jetty_batch" + BATCH, jettyBatch, BATCH);
        report(out, "jetty_single_no_request_log", jettyNoLog, 1);
        report(out, "jetty_onnx_single", onnxSingle, 1);
        report(out, "jetty_onnx_batch" + BATCH, onnxBatch, BATCH);
        report(out, "jetty_onnx_int8_single", int8Single, 1);
        report(out, "jetty_onnx_int8_batch" + BATCH, int8Batch, BATCH);
        report(out, "jetty_single", jettySingle, 1);
        out.line("target_rps", TARGET_RPS, "predictions/s");
        out.line("target_p99_ms", TARGET_P99_MS, "ms");
        out.flag("target_met", jettySingle.rps() >= TARGET_RPS && jettySingle.p99() < TARGET_P99_MS
                && jettySingle.errors() == 0);
        out.line("single_row_predictions_per_s", jettySingle.rps(), "predictions/s");
    }

    private record Result(double rps, double p50, double p99, long errors) {
    }

    private static void report(BenchOutput out, String what, Result r, int perRequest) {
        out.line(what + "_requests_per_s", r.rps(), "req/s");
        if (perRequest > 1) {
            out.line(what + "_predictions_per_s", r.rps() * perRequest, "predictions/s");
        }
        out.line(what + "_p50_ms", r.p50(), "ms");
        out.line(what + "_p99_ms", r.p99(), "ms");
        out.line(what + "_errors", r.errors(), "requests");
    }

    /** Runs the load generator in a second JVM against a port and parses its RESULT line. */
    private static Result load(int port, String path, Path body, int connections, double seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), "127.0.0.1", Integer.toString(port), path, body.toString(),
                Integer.toString(connections), "3", Double.toString(seconds))
                .redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the load generator failed:\n" + all);
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : result.substring(7).split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Result(Long.parseLong(kv.get("requests")) / Double.parseDouble(kv.get("seconds")),
                Double.parseDouble(kv.get("p50_ms")), Double.parseDouble(kv.get("p99_ms")),
                Long.parseLong(kv.get("errors")));
    }

    /** The plain reference: the JDK's HttpServer, the same decoding and scorer, nothing else. */
    private static HttpServer reference(Predictor p, int workers) throws Exception {
        InputDecoder decoder = new InputDecoder(p.signature(), InputDecoder.UnknownFields.REJECT, 10_000);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, workers * 2));
        server.setExecutor(pool);
        server.createContext("/invocations", ex -> {
            byte[] reply;
            int status = 200;
            try {
                JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
                List<ObjectNode> instances = decoder.instances(body);
                SavedModel.Scores s = p.score(decoder.table(instances));
                ObjectNode doc = JSON.createObjectNode();
                ArrayNode preds = doc.putArray("predictions");
                for (int i = 0; i < instances.size(); i++) {
                    preds.add(p.prediction(s, i));
                }
                reply = JSON.writeValueAsBytes(doc);
            } catch (RuntimeException e) {
                status = 400;
                reply = ("{\"error\": \"" + e.getMessage().replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, reply.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(reply);
            }
        });
        server.start();
        return server;
    }

    private static Path train(Path workDir) throws Exception {
        Files.createDirectories(workDir.resolve("data"));
        Files.createDirectories(workDir.resolve("training"));
        Files.writeString(workDir.resolve("data/train.csv"), TrainOverheadBench.data(5_000));
        Files.writeString(workDir.resolve("training/mlp.yaml"), """
                dataset: {name: train, path: data/train.csv}
                target: y
                split: {strategy: random, stratified: true, validation_fraction: 0.1, test_fraction: 0.2}
                model: {type: mlp, layers: [64, 32], dropout: 0.1, batch_norm: true}
                optimizer: {type: adamw, learning_rate: 0.001}
                batch_size: 256
                epochs: 3
                early_stopping: false
                seed: 42
                device: cpu
                """);
        Project project = new Project(workDir, ProjectConfig.named("bench"), List.of());
        TrainingSettings base = TrainingSettings.current();
        TrainResult r = new TrainingService(project, null, null,
                new TrainingSettings(base.cpuHourUsd(), base.gpuHourUsd(), 0, false), Clock.systemUTC())
                .train(TrainRequest.spec(Path.of("training/mlp.yaml"), List.of()), null, null, Progress.NONE);
        return r.model();
    }

    /** The first rows of the data as JSON instances, typed as the signature says. */
    private static List<ObjectNode> rows(Path workDir, Path zip) throws Exception {
        List<String> lines = Files.readAllLines(workDir.resolve("data/train.csv"));
        String[] head = lines.get(0).split(",");
        List<ObjectNode> out = new ArrayList<>();
        try (Predictor p = Predictor.load(zip, 1)) {
            Map<String, io.mlwb.serving.Signature.Kind> kinds = new HashMap<>();
            p.signature().inputs().forEach(in -> kinds.put(in.name(), in.kind()));
            for (String line : lines.subList(1, 1 + BATCH)) {
                String[] f = line.split(",");
                ObjectNode o = JSON.createObjectNode();
                for (int i = 0; i < head.length; i++) {
                    var kind = kinds.get(head[i]);
                    if (kind == io.mlwb.serving.Signature.Kind.NUMBER) {
                        o.put(head[i], Double.parseDouble(f[i]));
                    } else if (kind != null) {
                        o.put(head[i], f[i]);
                    }
                }
                out.add(o);
            }
        }
        if (out.get(0).size() == 0) {
            throw new IllegalStateException("no inputs: " + String.format(Locale.ROOT, "%s", out.get(0)));
        }
        return out;
    }
}
