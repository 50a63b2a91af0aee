package io.mlwb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.RequestLogReader;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.data.table.Column;
import io.mlwb.training.engine.SavedModel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference server over a really trained model: every target's routes, the signature checks (400 naming the
 * field), queue (503), rate limit (429), API keys, traceparent, metrics text, the request log read back by the drift
 * side's {@link RequestLogReader}, predictions equal to the run's own, a port in use, graceful drain.
 */
class InferenceServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static TinyModel model;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private InferenceServer server;

    @BeforeAll
    static void train() throws Exception {
        model = TinyModel.train(shared);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InferenceServer start(ServerConfig.Builder b) {
        server = InferenceServer.start(b.build(), Predictor.load(model.model(), 2));
        return server;
    }

    private static ServerConfig.Builder config() {
        return ServerConfig.builder("churn", 3).port(0);
    }

    record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    private Reply call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            json = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body(), r);
    }

    private static String one() {
        return "{\"tenure\": 12.5, \"plan\": \"basic\", \"calls\": 3, \"member\": true}";
    }

    @Test
    void servesEveryTargetsRoutes() throws Exception {
        start(config().vertexRoutes("/v1/endpoints/7/deployedModels/9:predict", "/vertex/health"));
        assertEquals(200, call("GET", "/ping", null).status());
        Reply health = call("GET", "/health", null);
        assertEquals("churn", health.json().path("model").asText());
        assertEquals(3, health.json().path("version").asInt());
        assertEquals(4, health.json().path("signature").path("inputs").size(), health.body());
        assertEquals(200, call("GET", "/vertex/health", null).status());

        String batch = "{\"instances\": [" + one() + ", {\"tenure\": null, \"plan\": \"pro\", \"calls\": 0, "
                + "\"member\": false}]}";
        JsonNode sm = call("POST", "/invocations", batch).json();
        assertEquals(2, sm.path("predictions").size(), sm.toString());
        JsonNode p0 = sm.path("predictions").get(0);
        double prob = p0.path("probability").asDouble();
        assertTrue(prob > 0 && prob < 1, p0.toString());
        assertTrue(List.of("yes", "no").contains(p0.path("label").asText()), p0.toString());

        // the same instance through every contract gives the same prediction
        assertEquals(p0, call("POST", "/predict", one()).json().path("predictions").get(0));
        assertEquals(p0, call("POST", "/predict", "[" + one() + "]").json().path("predictions").get(0));
        assertEquals(p0, call("POST", "/v1/models/churn:predict", batch).json().path("predictions").get(0));
        Reply vertex = call("POST", "/v1/endpoints/7/deployedModels/9:predict",
                "{\"instances\": [[12.5, \"basic\", 3, true]], \"parameters\": {}}");
        assertEquals(200, vertex.status(), vertex.body());
        assertEquals(p0, vertex.json().path("predictions").get(0));

        Reply ready = call("GET", "/v1/models/churn", null);
        assertTrue(ready.json().path("ready").asBoolean(), ready.body());
        assertEquals("churn", ready.json().path("name").asText());
        Reply other = call("POST", "/v1/models/other:predict", batch);
        assertEquals(404, other.status());
        assertTrue(other.json().path("error").path("message").asText().contains("'churn'"), other.body());
        assertEquals(405, call("GET", "/invocations", null).status());
        assertEquals(404, call("GET", "/nope", null).status());
    }

    @Test
    void predictionsEqualTheRunsOwnOnTheTestSet() throws Exception {
        start(config());
        DataTable table = new TableReader().read(model.data(), ReadOptions.defaults(), Progress.NONE).table();
        List<String> lines = Files.readAllLines(model.predictions());
        List<String> head = List.of(lines.get(0).split(","));
        int rowCol = head.indexOf("row");
        int predCol = head.indexOf("prediction");
        int labelCol = head.indexOf("predicted_label");
        ArrayNode instances = JSON.createArrayNode();
        List<String[]> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int row = Integer.parseInt(f[rowCol]) - 1;
            instances.add(instance(table, row));
            expected.add(f);
        }
        assertTrue(instances.size() > 50, "a real test split");
        ObjectNode body = JSON.createObjectNode();
        body.set("instances", instances);
        Reply r = call("POST", "/invocations", body.toString());
        assertEquals(200, r.status(), r.body());
        JsonNode preds = r.json().path("predictions");
        assertEquals(expected.size(), preds.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.parseDouble(expected.get(i)[predCol]), preds.get(i).path("probability").asDouble(),
                    1e-6, "test row " + i);
            assertEquals(expected.get(i)[labelCol], preds.get(i).path("label").asText(), "test row " + i);
        }
        // and one at a time, as SavedModel scores it
        try (SavedModel m = SavedModel.load(model.model())) {
            SavedModel.Scores all = m.predict(table);
            for (int row = 0; row < 20; row++) {
                JsonNode p = call("POST", "/predict", instance(table, row).toString()).json().path("predictions")
                        .get(0);
                assertEquals(all.score()[row], p.path("probability").asDouble(), 1e-6, "row " + row);
            }
        }
    }

    /** A data row as a JSON instance, as a caller would send it. */
    static ObjectNode instance(DataTable table, int row) {
        ObjectNode o = JSON.createObjectNode();
        for (String name : List.of("tenure", "plan", "calls", "member")) {
            Column c = table.column(name).orElseThrow();
            if (c.isMissing(row)) {
                o.putNull(name);
            } else if (c instanceof NumericColumn n) {
                o.put(name, n.values()[row]);
            } else if (c instanceof BooleanColumn b) {
                o.put(name, b.values()[row] == 1);
            } else {
                o.put(name, ((CategoricalColumn) c).value(row));
            }
        }
        return o;
    }

    @Test
    void refusesBadInputWith400NamingTheField() throws Exception {
        start(config().requestLog(dir.resolve("logs"), true));
        Reply missing = call("POST", "/invocations", "{\"instances\": [" + one()
                + ", {\"tenure\": 3, \"plan\": \"pro\", \"member\": false}]}");
        assertEquals(400, missing.status());
        JsonNode err = missing.json().path("error");
        assertEquals("missing_field", err.path("code").asText());
        assertEquals("calls", err.path("field").asText());
        assertTrue(err.path("message").asText().contains("Instance 1"), err.toString());

        Reply type = call("POST", "/predict", "{\"tenure\": \"long\", \"plan\": \"pro\", \"calls\": 1, "
                + "\"member\": false}");
        assertEquals(400, type.status());
        assertEquals("wrong_type", type.json().path("error").path("code").asText());
        assertEquals("tenure", type.json().path("error").path("field").asText());
        assertTrue(type.json().path("error").path("message").asText().contains("a number"), type.body());

        Reply unknown = call("POST", "/predict", "{\"tenure\": 1, \"plan\": \"pro\", \"calls\": 1, "
                + "\"member\": false, \"tenur\": 5}");
        assertEquals(400, unknown.status());
        assertEquals("unknown_field", unknown.json().path("error").path("code").asText());
        assertEquals("tenur", unknown.json().path("error").path("field").asText());

        Reply notJson = call("POST", "/predict", "{\"tenure\": ");
        assertEquals(400, notJson.status());
        assertEquals("bad_json", notJson.json().path("error").path("code").asText());
        assertEquals(400, call("POST", "/predict", "{\"instances\": []}").status());
        Reply length = call("POST", "/predict", "{\"instances\": [[1, \"pro\"]]}");
        assertEquals(400, length.status());
        assertTrue(length.json().path("error").path("message").asText().contains("tenure, plan, calls, member"),
                length.body());
        server.close();
        // failed requests are logged with their error and field, and left out as rows by the reader
        List<String> lines = Files.readAllLines(dir.resolve("logs/requests.jsonl"));
        assertEquals(6, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(400, first.path("status").asInt());
        assertEquals("calls", first.path("error").path("field").asText());
        assertTrue(first.path("predictions").isNull());
    }

    /** POSTs a JSON Lines body (SageMaker Batch Transform's MultiRecord mini-batch) with the given content type. */
    private Reply lines(String path, String type, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", type).header("Accept", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                ? JSON.readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, r.body(), r);
    }

    @Test
    void jsonLinesBodiesAnswerOneLinePerRecordInOrder() throws Exception {
        // maxInstances 7: a JSON Lines body is bounded by its size only and scored in chunks, so 100 records pass
        start(config().maxInstances(7).requestLog(dir.resolve("logs"), false));
        DataTable table = new TableReader().read(model.data(), ReadOptions.defaults(), Progress.NONE).table();
        StringBuilder body = new StringBuilder();
        ArrayNode all = JSON.createArrayNode();
        for (int row = 0; row < 100; row++) {
            ObjectNode o = instance(table, row);
            all.add(o);
            body.append(row % 2 == 0 ? o.toString() : "[" + o.get("tenure") + ", " + o.get("plan") + ", "
                    + o.get("calls") + ", " + o.get("member") + "]").append(row % 3 == 0 ? "\r\n" : "\n");
        }
        Reply r = lines("/invocations", "application/jsonlines", body.toString());
        assertEquals(200, r.status(), r.body());
        assertEquals("application/jsonlines", r.raw().headers().firstValue("Content-Type").orElse(""));
        assertFalse(r.body().endsWith("\n"), "SageMaker's AssembleWith: Line adds the newline after a response");
        String[] out = r.body().split("\n", -1);
        assertEquals(100, out.length, "one answer line per input line");
        // the same predictions, in the same order, as JSON requests (which keep the 7-instance limit: 413)
        assertEquals(413, call("POST", "/invocations", "{\"instances\": " + all + "}").status());
        ArrayNode single = JSON.createArrayNode();
        for (int from = 0; from < 100; from += 7) {
            ArrayNode part = JSON.createArrayNode();
            for (int i = from; i < Math.min(100, from + 7); i++) {
                part.add(all.get(i));
            }
            single.addAll((ArrayNode) call("POST", "/invocations", "{\"instances\": " + part + "}").json()
                    .path("predictions"));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(single.get(i), JSON.readTree(out[i]), "line " + (i + 1));
        }
        // the older media type, parameters, and a body without a final newline
        Reply x = lines("/invocations", "application/x-jsonlines; charset=utf-8", one() + "\n" + one());
        assertEquals(200, x.status(), x.body());
        assertEquals(2, x.body().split("\n").length, x.body());
        // every contract reads JSON Lines the same way
        assertEquals(200, lines("/predict", "application/jsonlines", one()).status());
        assertEquals(200, lines("/v1/models/churn:predict", "application/jsonlines", one()).status());
    }

    @Test
    void jsonLinesRefusalsNameTheLineAndTheField() throws Exception {
        start(config());
        String bad = one() + "\n" + one() + "\n{\"tenure\": 3, \"plan\": \"pro\", \"member\": false}\n";
        Reply missing = lines("/invocations", "application/jsonlines", bad);
        assertEquals(400, missing.status(), missing.body());
        JsonNode err = missing.json().path("error");
        assertEquals("missing_field", err.path("code").asText());
        assertEquals("calls", err.path("field").asText());
        assertTrue(err.path("message").asText().startsWith("Line 3 "), err.toString());

        Reply type = lines("/invocations", "application/jsonlines", one() + "\n{\"tenure\": \"long\", \"plan\": "
                + "\"pro\", \"calls\": 1, \"member\": false}");
        assertEquals(400, type.status());
        assertEquals("tenure", type.json().path("error").path("field").asText());
        assertTrue(type.json().path("error").path("message").asText().startsWith("Line 2 field 'tenure'"),
                type.body());

        Reply json = lines("/invocations", "application/jsonlines", one() + "\n{\"tenure\": \n" + one());
        assertEquals(400, json.status());
        assertEquals("bad_json", json.json().path("error").path("code").asText());
        assertTrue(json.json().path("error").path("message").asText().startsWith("Line 2 "), json.body());

        Reply blank = lines("/invocations", "application/jsonlines", one() + "\n\n" + one());
        assertEquals(400, blank.status());
        assertTrue(blank.json().path("error").path("message").asText().contains("Line 2"), blank.body());

        Reply two = lines("/invocations", "application/jsonlines", one() + " " + one());
        assertEquals(400, two.status());
        assertTrue(two.json().path("error").path("message").asText().contains("Line 1"), two.body());

        assertEquals(400, lines("/invocations", "application/jsonlines", "\n").status());
        // the single JSON shapes are unchanged: a JSON document's newlines are whitespace
        Reply pretty = call("POST", "/invocations", "{\"instances\": [\n" + one() + ",\n" + one() + "\n]}");
        assertEquals(200, pretty.status(), pretty.body());
        assertEquals(2, pretty.json().path("predictions").size());
        // last: a 415 leaves the body unread and the connection closed
        assertEquals(415, lines("/invocations", "text/plain", one()).status());
    }

    @Test
    void ignoresUnknownFieldsWhenToldAndDropsThemFromTheLog() throws Exception {
        start(config().unknownFields(InputDecoder.UnknownFields.IGNORE).requestLog(dir.resolve("logs"), true));
        Reply r = call("POST", "/predict", "{\"tenure\": 1, \"plan\": \"pro\", \"calls\": 1, \"member\": false, "
                + "\"customer_id\": 77}");
        assertEquals(200, r.status(), r.body());
        server.close();
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("logs/requests.jsonl")).get(0));
        assertFalse(line.path("inputs").get(0).has("customer_id"), line.toString());
    }

    @Test
    void logsRequestsInTheFormatTheDriftReaderReads() throws Exception {
        Path logs = dir.resolve("logs");
        start(config().requestLog(logs, true).cacheSize(100));
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String batch = "{\"instances\": [" + one() + ", {\"tenure\": 40, \"plan\": \"pro\", \"calls\": 0, "
                + "\"member\": false}]}";
        Reply first = call("POST", "/invocations", batch, "traceparent", trace);
        assertEquals(200, first.status());
        String back = first.raw().headers().firstValue("traceparent").orElseThrow();
        assertTrue(back.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"), back);
        assertNotEquals(trace, back, "the server answers with its own span id");
        String id = first.raw().headers().firstValue("X-Request-Id").orElseThrow();
        Reply again = call("POST", "/invocations", batch); // no traceparent: the server starts one
        assertEquals(first.json(), again.json());
        String started = again.raw().headers().firstValue("traceparent").orElseThrow();
        assertTrue(started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), started);
        server.close();

        List<String> lines = Files.readAllLines(logs.resolve("requests.jsonl"));
        assertEquals(2, lines.size());
        JsonNode a = JSON.readTree(lines.get(0));
        assertEquals(1, a.path("v").asInt());
        assertTrue(a.path("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), a.toString());
        assertEquals("churn", a.path("model").asText());
        assertEquals(3, a.path("version").asInt());
        assertEquals(id, a.path("request_id").asText());
        assertEquals(trace, a.path("traceparent").asText());
        assertEquals("/invocations", a.path("route").asText());
        assertEquals(200, a.path("status").asInt());
        assertTrue(a.path("latency_ms").isNumber());
        assertFalse(a.path("cached").asBoolean());
        assertEquals(12.5, a.path("inputs").get(0).path("tenure").asDouble());
        assertTrue(a.path("error").isNull());
        JsonNode b = JSON.readTree(lines.get(1));
        assertTrue(b.path("cached").asBoolean(), "the repeated request came from the cache");
        assertEquals(started, b.path("traceparent").asText().replaceFirst("-[0-9a-f]{16}-", "-" + started
                .split("-")[2] + "-"));

        RequestLogReader.Result read = new RequestLogReader().read(logs, RequestLogReader.Options.all(),
                Progress.NONE);
        assertEquals(4, read.instances());
        assertEquals(0, read.malformed());
        DataTable t = read.read().table();
        NumericColumn pred = (NumericColumn) t.column(RequestLogReader.PREDICTION).orElseThrow();
        assertEquals(first.json().path("predictions").get(0).path("probability").asDouble(), pred.values()[0], 1e-12);
        assertTrue(t.column("plan").isPresent());
        assertEquals(Map.of("churn@3", 2L), read.versions());
    }

    @Test
    void rotatesTheLogWhenTheActiveFilePassesItsSize() throws Exception {
        Path logs = dir.resolve("logs");
        start(config().requestLog(logs, true).logRotation(1500, 2));
        for (int i = 0; i < 12; i++) {
            assertEquals(200, call("POST", "/predict", one()).status());
        }
        server.close();
        List<String> names;
        try (var s = Files.list(logs)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(names.contains("requests.jsonl"), names.toString());
        assertEquals(3, names.size(), "the active file and the two newest rotated ones: " + names);
        for (String n : names) {
            assertTrue(RequestLogReader.FILE.matcher(n).matches(), n);
            assertTrue(Files.size(logs.resolve(n)) <= 1500, n);
        }
    }

    @Test
    void servesPrometheusMetrics() throws Exception {
        start(config());
        call("POST", "/predict", one());
        call("POST", "/predict", "{}");
        Reply m = call("GET", "/metrics", null);
        assertEquals(200, m.status());
        assertTrue(m.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = m.body();
        assertTrue(text.contains("mlwb_requests_total{route=\"/predict\",code=\"200\"} 1"), text);
        assertTrue(text.contains("mlwb_requests_total{route=\"/predict\",code=\"400\"} 1"), text);
        assertTrue(text.contains("mlwb_request_errors_total{code=\"400\"} 1"), text);
        assertTrue(text.contains("# TYPE mlwb_request_duration_seconds histogram"), text);
        assertTrue(text.contains("mlwb_request_duration_seconds_bucket{le=\"+Inf\"} 2"), text);
        assertTrue(text.contains("mlwb_request_duration_seconds_count 2"), text);
        assertTrue(text.contains("mlwb_queue_depth 0"), text);
        assertTrue(text.contains("mlwb_predictions_total 1"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{[^}]*\\})? [0-9.eE+-]+"), line);
        }
    }

    @Test
    void answers503WhenTheQueueIsFullAndDrainsOnStop() throws Exception {
        start(config().queueCapacity(1).requestLog(dir.resolve("logs"), true));
        byte[] body = one().getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5); // the request is admitted and waits for the rest of its body
            out.flush();
            waitFor(() -> server.metrics().text().contains("mlwb_in_flight 1"));
            Reply full = call("POST", "/predict", one());
            assertEquals(503, full.status(), full.body());
            assertEquals("queue_full", full.json().path("error").path("code").asText());
            assertEquals("1", full.raw().headers().firstValue("Retry-After").orElse(""));

            // a stop now waits for the request in flight, which still gets its answer
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            assertFalse(stopping.isDone(), "stop drains the request in flight");
            out.write(body, 5, body.length - 5);
            out.flush();
            String response = new String(readSome(slow.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("\"probability\""), response);
            stopping.get(20, TimeUnit.SECONDS);
        }
        assertEquals(2, Files.readAllLines(dir.resolve("logs/requests.jsonl")).size());
    }

    private static byte[] readSome(InputStream in) throws Exception {
        byte[] buf = new byte[8192];
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (new String(buf, 0, n, StandardCharsets.UTF_8).contains("}]}")) {
                break;
            }
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    @Test
    void answers429PastTheRateLimit() throws Exception {
        start(config().rateLimit(0.01, 2));
        assertEquals(200, call("POST", "/predict", one()).status());
        assertEquals(200, call("POST", "/predict", one()).status());
        Reply limited = call("POST", "/predict", one());
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.json().path("error").path("code").asText());
        assertTrue(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(200, call("GET", "/ping", null).status(), "health checks are not rate limited");
    }

    @Test
    void needsAnApiKeyWhenKeysAreGiven() throws Exception {
        String key = "k-0123456789abcdef0123456789abcdef";
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "# serving keys\n" + key + "\n\nsecond-key-000000000000\n");
        start(config().apiKeys(ApiKeys.fromFile(keys)));
        Reply none = call("POST", "/predict", one());
        assertEquals(401, none.status());
        assertTrue(none.json().path("error").path("message").asText().contains("Authorization: Bearer"));
        assertEquals(401, call("POST", "/predict", one(), "Authorization", "Bearer wrong-key-000000000000").status());
        assertEquals(200, call("POST", "/predict", one(), "Authorization", "Bearer " + key).status());
        assertEquals(200, call("POST", "/predict", one(), "X-API-Key", "second-key-000000000000").status());
        assertEquals(401, call("GET", "/metrics", null).status());
        assertEquals(200, call("GET", "/ping", null).status(), "probes carry no key");
        assertEquals(200, call("GET", "/health", null).status());
        UserError shortKey = assertThrows(UserError.class, () -> ApiKeys.fromEnv("short"));
        assertTrue(shortKey.getMessage().contains("shorter than 16"), shortKey.getMessage());
    }

    @Test
    void aPortInUseIsAClearExit2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            UserError e = assertThrows(UserError.class, () -> InferenceServer.start(
                    ServerConfig.builder("churn", 3).port(taken.getLocalPort()).build(),
                    Predictor.load(model.model(), 1)));
            assertEquals(ExitCode.BAD_INPUT, e.exit());
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is in use"),
                    e.getMessage());
            assertTrue(e.whatToDo().contains("--port"), e.whatToDo());
        }
    }

    @Test
    void bindsLoopbackByDefaultAndReadsThePortFromTheEnvironment() {
        assertEquals("127.0.0.1", ServerConfig.builder("m", 1).build().host());
        assertEquals(8080, ServerConfig.portFromEnv(Map.of()));
        assertEquals(7070, ServerConfig.portFromEnv(Map.of("PORT", "7070")));
        assertEquals(9090, ServerConfig.portFromEnv(Map.of("PORT", "7070", "AIP_HTTP_PORT", "9090")));
        assertThrows(UserError.class, () -> ServerConfig.portFromEnv(Map.of("PORT", "http")));
    }

    @Test
    void traceContextParsesAndRefusesBadHeaders() {
        TraceContext ok = TraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertTrue(ok.received());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", ok.traceId());
        for (String bad : new String[] {null, "", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-"
                + "00f067aa0ba902b7-01", "garbage"}) {
            TraceContext t = TraceContext.of(bad);
            assertFalse(t.received(), bad);
            assertNotNull(t.traceId());
            assertTrue(t.logged().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), t.logged());
        }
    }
}
