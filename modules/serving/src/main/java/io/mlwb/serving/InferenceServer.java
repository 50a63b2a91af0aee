package io.mlwb.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.training.engine.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference server: one saved model behind Jetty 12's core Handler API, speaking every target's contract (see
 * docs/serving.md): SageMaker ({@code GET /ping}, {@code POST /invocations}), plain ({@code GET /health},
 * {@code POST /predict}), KServe v1 ({@code GET /v1/models/<name>}, {@code POST /v1/models/<name>:predict}) and
 * Vertex AI ({@code AIP_PREDICT_ROUTE}, {@code AIP_HEALTH_ROUTE}), plus Prometheus {@code GET /metrics}.
 *
 * <p>Per scoring request, in order: API key (401), rate limit (429), admission to the bounded queue (503), body
 * size (413), JSON and signature checks (400 naming the field), cache, scoring, response, request log line and
 * metrics. Every response carries {@code X-Request-Id} and a W3C {@code traceparent}. {@link #close} stops accepting,
 * drains the requests in flight (up to the drain timeout), then writes the rest of the request log.
 */
public final class InferenceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KSERVE = "/v1/models/";
    private static final String JSON_TYPE = "application/json";

    private final ServerConfig config;
    private final Predictor predictor;
    private final InputDecoder decoder;
    private final Metrics metrics;
    private final TokenBucket bucket;
    private final PredictionCache cache;
    private final RequestLog log;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger scoring = new AtomicInteger();
    private final byte[] healthBody;
    private volatile boolean closed;

    private InferenceServer(ServerConfig config, Predictor predictor) {
        this.config = config;
        this.predictor = predictor;
        this.decoder = new InputDecoder(predictor.signature(), config.unknownFields(), config.maxInstances());
        this.metrics = new Metrics(() -> Math.max(0, admitted.get() - scoring.get()), admitted::get,
                config.queueCapacity());
        this.bucket = config.rateLimit() > 0 ? new TokenBucket(config.rateLimit(), config.rateBurst()) : null;
        this.cache = config.cacheSize() > 0 ? new PredictionCache(config.cacheSize()) : null;
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("model", config.model());
        health.put("version", config.version());
        health.put("signature", predictor.signature().toJson());
        this.healthBody = bytes(health);

        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, config.queueCapacity() + 8), 4);
        threads.setName("mlwb-serve");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ConnectionFactory[] factories;
        if (config.tls()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(Pem.keyStore(config.tlsCert(), config.tlsKey()));
            ssl.setKeyStorePassword(new String(Pem.PASSWORD));
            if (config.clientCa() != null) {
                ssl.setTrustStore(Pem.trustStore(config.clientCa()));
                ssl.setNeedClientAuth(true);
            }
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // clients of a loopback or in-cluster server call it by IP
            http.addCustomizer(secure);
            http.setSecureScheme("https");
            factories = new ConnectionFactory[] {new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http)};
        } else {
            factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        connector = new ServerConnector(server, 1, -1, factories);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new Routes());
        server.setHandler(graceful);
        server.setStopTimeout(config.drainTimeout().toMillis());
        server.setStopAtShutdown(false);
        this.log = config.logDir() == null ? null
                : new RequestLog(config.logDir(), config.logMaxBytes(), config.logKeep());
    }

    /**
     * Starts serving.
     *
     * @param config    how to serve
     * @param predictor the loaded model (closed with the server)
     * @return the running server
     * @throws UserError (exit 2) when the port is in use or the TLS files cannot be used
     */
    public static InferenceServer start(ServerConfig config, Predictor predictor) {
        InferenceServer s = new InferenceServer(config, predictor);
        try {
            s.server.start();
        } catch (Exception e) {
            s.closeQuietly();
            if (e instanceof BindException || e.getCause() instanceof BindException
                    || e instanceof IOException && String.valueOf(e.getMessage()).contains("bind")) {
                throw new UserError("Port " + config.port() + " on " + config.host() + " is in use.",
                        "Stop what listens there, or choose another port with --port.", ExitCode.BAD_INPUT, e);
            }
            throw new UserError("The server could not start on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), "Check --host, --port and the TLS files.", ExitCode.BAD_INPUT, e);
        }
        LOG.info("Serving {}@{} at {} ({} replicas, queue {}, TLS {})", config.model(), config.version(), s.url(),
                predictor.replicas(), config.queueCapacity(), config.tls() ? "on" : "off");
        return s;
    }

    /** @return the port bound (the one picked when the configuration said 0) */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8080} */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls() ? "https" : "http") + "://" + host + ":" + port();
    }

    /** @return the metrics (for tests and the smoke test) */
    public Metrics metrics() {
        return metrics;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, drains requests in flight up to the drain timeout, closes the model and the log. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the server: {}", e.toString());
        }
        closeQuietly();
        LOG.info("Stopped serving {}@{}", config.model(), config.version());
    }

    private void closeQuietly() {
        if (log != null) {
            log.close();
        }
        predictor.close();
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new java.util.UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    /** The route table and the scoring pipeline. */
    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long t0 = System.nanoTime();
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            TraceContext trace = TraceContext.of(request.getHeaders().get("traceparent"));
            String id = requestId();
            response.getHeaders().put("X-Request-Id", id);
            response.getHeaders().put("traceparent", trace.response());
            boolean get = "GET".equals(method) || "HEAD".equals(method);
            boolean post = "POST".equals(method);
            try {
                if (path.equals("/ping") || path.equals("/health") || path.equals(config.vertexHealth())) {
                    requireMethod(get, path, "GET");
                    send(response, callback, 200, JSON_TYPE, healthBody);
                    metrics.request(path.equals(config.vertexHealth()) ? "vertex-health" : path, 200, -1);
                } else if (path.equals("/metrics")) {
                    requireMethod(get, path, "GET");
                    authorize(request);
                    send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.text().getBytes(StandardCharsets.UTF_8));
                    metrics.request(path, 200, -1);
                } else if (path.equals("/invocations") || path.equals("/predict")
                        || path.equals(config.vertexPredict())) {
                    requireMethod(post, path, "POST");
                    predict(request, response, callback, path.equals(config.vertexPredict()) ? "vertex-predict"
                            : path, path, trace, id, t0);
                } else if (path.startsWith(KSERVE)) {
                    String rest = path.substring(KSERVE.length());
                    boolean isPredict = rest.endsWith(":predict");
                    String name = isPredict ? rest.substring(0, rest.length() - ":predict".length()) : rest;
                    if (!name.equals(config.model())) {
                        throw new ServingError(404, "model_not_found", "This server serves the model '"
                                + config.model() + "', not '" + name + "'.", null);
                    }
                    if (isPredict) {
                        requireMethod(post, path, "POST");
                        predict(request, response, callback, "/v1/models/:predict", path, trace, id, t0);
                    } else {
                        requireMethod(get, path, "GET");
                        authorize(request);
                        Map<String, Object> ready = new LinkedHashMap<>();
                        ready.put("name", config.model());
                        ready.put("ready", !closed);
                        ready.put("version", config.version());
                        send(response, callback, 200, JSON_TYPE, bytes(ready));
                        metrics.request("/v1/models/", 200, -1);
                    }
                } else {
                    throw new ServingError(404, "not_found", "There is no route " + path + ". See docs/serving.md: "
                            + "/ping, /invocations, /health, /predict, /v1/models/" + config.model() + ":predict, "
                            + "/metrics.", null);
                }
            } catch (ServingError e) {
                sendError(response, callback, e);
                metrics.request("other", e.status(), -1);
            }
            return true;
        }

        private void requireMethod(boolean ok, String path, String allowed) {
            if (!ok) {
                throw new ServingError(405, "method_not_allowed", path + " takes " + allowed + ".", null);
            }
        }

        private void authorize(Request request) {
            if (config.apiKeys() == null) {
                return;
            }
            String key = request.getHeaders().get("X-API-Key");
            if (key == null) {
                String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    key = auth.substring(7);
                }
            }
            if (!config.apiKeys().accepts(key)) {
                throw new ServingError(401, "unauthorized", key == null
                        ? "This server needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'."
                        : "The API key is not accepted.", null);
            }
        }

        private void predict(Request request, Response response, Callback callback, String route, String path,
                             TraceContext trace, String id, long t0) {
            List<ObjectNode> instances = null;
            List<ObjectNode> predictions = null;
            ServingError error = null;
            boolean cached = false;
            int status = 200;
            boolean admittedHere = false;
            try {
                authorize(request);
                if (bucket != null && !bucket.tryTake()) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(bucket.secondsUntilToken()));
                    throw new ServingError(429, "rate_limited", "Too many requests: the server takes "
                            + config.rateLimit() + " per second. Retry after the Retry-After seconds.", null);
                }
                if (admitted.incrementAndGet() > config.queueCapacity()) {
                    admitted.decrementAndGet();
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                    throw new ServingError(503, "queue_full", "The server's request queue is full ("
                            + config.queueCapacity() + " requests). Retry shortly or add replicas.", null);
                }
                admittedHere = true;
                if (closed) {
                    throw new ServingError(503, "shutting_down", "The server is shutting down.", null);
                }
                Body body = readBody(request);
                instances = body.lines() != null ? decoder.records(body.lines()) : decoder.instances(body.json());
                ObjectNode[] out = new ObjectNode[instances.size()];
                // one scoring call per chunk of at most maxInstances: a JSON Lines body is bounded by its size only
                int chunk = Math.max(1, config.maxInstances());
                boolean allCached = true;
                for (int from = 0; from < out.length; from += chunk) {
                    allCached &= score(instances.subList(from, Math.min(out.length, from + chunk)), out, from);
                }
                cached = allCached;
                predictions = List.of(out);
                metrics.predictions(out.length);
                if (body.lines() != null) {
                    send(response, callback, 200, ServingContract.JSON_LINES, lines(out));
                } else {
                    ObjectNode doc = JSON.createObjectNode();
                    doc.putArray("predictions").addAll(predictions);
                    send(response, callback, 200, JSON_TYPE, bytes(doc));
                }
            } catch (ServingError e) {
                error = e;
                status = e.status();
                sendError(response, callback, e);
            } catch (UserError e) {
                error = new ServingError(500, "scoring_failed", e.getMessage(), null);
                status = 500;
                LOG.warn("Scoring failed for request {}: {}", id, e.describe());
                sendError(response, callback, error);
            } catch (RuntimeException e) {
                error = new ServingError(500, "internal", "The server failed: " + e, null);
                status = 500;
                LOG.error("Request {} failed", id, e);
                sendError(response, callback, error);
            } finally {
                if (admittedHere) {
                    admitted.decrementAndGet();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            metrics.request(route, status, seconds);
            if (log != null) {
                log.write(new RequestLog.Entry(Instant.now(), config.model(), config.version(), id, trace.logged(),
                        path, status, seconds * 1000, cached, config.logInputs() ? instances : null,
                        error == null ? predictions : null, error));
            }
        }

        /**
         * Scores checked instances into {@code out[offset...]}, through the cache when there is one.
         *
         * @return whether every prediction came from the cache
         */
        private boolean score(List<ObjectNode> instances, ObjectNode[] out, int offset) {
            int n = instances.size();
            String[] keys = null;
            List<Integer> misses = new ArrayList<>(n);
            if (cache != null) {
                keys = new String[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = key(instances.get(i));
                    out[offset + i] = cache.get(keys[i]);
                    if (out[offset + i] == null) {
                        misses.add(i);
                    }
                }
                metrics.cacheHits(n - misses.size());
            } else {
                for (int i = 0; i < n; i++) {
                    misses.add(i);
                }
            }
            if (misses.isEmpty()) {
                return true;
            }
            List<ObjectNode> todo = misses.size() == n ? instances : misses.stream().map(instances::get).toList();
            scoring.incrementAndGet();
            SavedModel.Scores s;
            try {
                s = predictor.score(decoder.table(todo));
            } finally {
                scoring.decrementAndGet();
            }
            for (int j = 0; j < misses.size(); j++) {
                int i = misses.get(j);
                out[offset + i] = predictor.prediction(s, j);
                if (cache != null) {
                    cache.put(keys[i], out[offset + i]);
                }
            }
            return false;
        }

        /**
         * One prediction per line, in the records' order, joined by a newline with none after the last: SageMaker's
         * {@code AssembleWith: Line} adds one after each response, so a trailing one would leave blank lines.
         */
        private static byte[] lines(ObjectNode[] out) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(out.length * 48);
            for (int i = 0; i < out.length; i++) {
                if (i > 0) {
                    b.write('\n');
                }
                b.writeBytes(bytes(out[i]));
            }
            return b.toByteArray();
        }

        /** A parsed body: a JSON document, or the records of a JSON Lines body (then {@code json} is null). */
        private record Body(JsonNode json, List<JsonNode> lines) {
        }

        private Body readBody(Request request) {
            long declared = request.getLength();
            if (declared > config.maxBodyBytes()) {
                throw tooLarge();
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            boolean jsonLines = ServingContract.JSON_LINES_TYPES.contains(base);
            if (!base.isEmpty() && !base.contains("json")) {
                throw new ServingError(415, "unsupported_media_type", "The body is " + type
                        + "; send application/json, or " + ServingContract.JSON_LINES + " (one instance per line).",
                        null);
            }
            byte[] bytes;
            try (InputStream in = Content.Source.asInputStream(request)) {
                bytes = in.readNBytes(config.maxBodyBytes() + 1);
            } catch (IOException e) {
                throw ServingError.badRequest("unreadable_body", "The body could not be read: " + e.getMessage(),
                        null);
            }
            if (bytes.length > config.maxBodyBytes()) {
                throw tooLarge();
            }
            if (jsonLines) {
                return new Body(null, records(bytes));
            }
            try {
                return new Body(JSON.readTree(bytes), null);
            } catch (JsonProcessingException e) {
                throw ServingError.badRequest("bad_json", "The body is not valid JSON: "
                        + e.getOriginalMessage(), null);
            } catch (IOException e) {
                throw ServingError.badRequest("bad_json", "The body is not valid JSON: " + e.getMessage(), null);
            }
        }

        /**
         * The records of a JSON Lines body, one JSON value per line ({@code \n} or {@code \r\n}); a final newline
         * ends the last line. A blank line or a line that is not one JSON value is a 400 naming the line, so every
         * answer line stays aligned with its input line.
         */
        private List<JsonNode> records(byte[] bytes) {
            List<JsonNode> out = new ArrayList<>();
            int start = 0;
            int line = 0;
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            if (end == 0) {
                throw ServingError.badRequest("empty_body", "The JSON Lines body is empty. Send one instance object "
                        + "per line.", null);
            }
            while (start <= end) {
                int nl = start;
                while (nl < end && bytes[nl] != '\n') {
                    nl++;
                }
                line++;
                int stop = nl > start && bytes[nl - 1] == '\r' ? nl - 1 : nl;
                String text = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    throw ServingError.badRequest("bad_json", "Line " + line + " of the JSON Lines body is blank; "
                            + "every line must hold one instance (the answer has one line per input line).", null);
                }
                try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(text)) {
                    JsonNode v = JSON.readTree(p);
                    if (p.nextToken() != null) {
                        throw ServingError.badRequest("bad_json", "Line " + line + " of the JSON Lines body holds "
                                + "more than one JSON value; put one instance per line.", null);
                    }
                    out.add(v);
                } catch (JsonProcessingException e) {
                    throw ServingError.badRequest("bad_json", "Line " + line + " of the JSON Lines body is not valid "
                            + "JSON: " + e.getOriginalMessage(), null);
                } catch (IOException e) {
                    throw ServingError.badRequest("bad_json", "Line " + line + " of the JSON Lines body is not valid "
                            + "JSON: " + e.getMessage(), null);
                }
                start = nl + 1;
            }
            return out;
        }

        private ServingError tooLarge() {
            return new ServingError(413, "body_too_large", "The body is larger than " + config.maxBodyBytes()
                    + " bytes. Split the batch.", null);
        }

        private String key(ObjectNode instance) {
            StringBuilder sb = new StringBuilder();
            for (Signature.Input in : predictor.signature().inputs()) {
                sb.append(instance.get(in.name())).append('\u0001');
            }
            return sb.toString();
        }

        private void sendError(Response response, Callback callback, ServingError e) {
            // Most errors (401, 429, 503, 404, 405, 413) answer before the body is read. Jetty then drops the
            // connection once it cannot drain the rest; said up front, the client does not send its next request on
            // a connection about to close (seen as "header parser received no bytes" by a keep-alive client).
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", e.code());
            err.put("message", e.getMessage());
            err.put("field", e.field());
            send(response, callback, e.status(), JSON_TYPE, bytes(Map.of("error", err)));
        }

        private void send(Response response, Callback callback, int status, String type, byte[] body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
