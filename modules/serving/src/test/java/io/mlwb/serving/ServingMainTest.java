package io.mlwb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container entry point on a model trained from sample-projects/credit-risk, unzipped as the Dockerfile unzips it
 * into /model, with each target's environment as the Dockerfile and the platform set it.
 */
class ServingMainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** Unzips the run's model.zip into {@code dir/model}, as the Dockerfile's build context does. */
    static Path unzipped(Path zip, Path into) throws Exception {
        Path model = into.resolve("model");
        Files.createDirectories(model);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path f = model.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(f);
                } else {
                    Files.createDirectories(f.getParent());
                    Files.copy(z, f);
                }
            }
        }
        return model;
    }

    /** The environment the Dockerfile sets ({@code ENV PORT=8080 MLWB_SERVING_TARGET=...}), on a free port. */
    private static Map<String, String> env(String target) {
        Map<String, String> env = new HashMap<>(ServingContract.environment(target));
        env.put(ServingContract.PORT_ENV, "0");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sagemaker", "kserve", "azureml", "kubernetes", "vertex"})
    void servesEachTargetsContractFromTheUnzippedArtifact(String target) throws Exception {
        Path model = unzipped(SampleProjectModels.logistic().model(), dir);
        Map<String, String> env = env(target);
        ServingContract.Routes routes = ServingContract.routes(target, "credit-risk");
        if (target.equals("vertex")) {
            // Vertex sets these from the uploaded model's containerSpec; a real endpoint's default routes look so
            env.put(ServingContract.VERTEX_PORT_ENV, "0");
            env.put(ServingContract.VERTEX_HEALTH_ENV, "/v1/endpoints/7/deployedModels/9");
            env.put(ServingContract.VERTEX_PREDICT_ENV, "/v1/endpoints/7/deployedModels/9:predict");
            routes = new ServingContract.Routes(0, env.get(ServingContract.VERTEX_HEALTH_ENV),
                    env.get(ServingContract.VERTEX_PREDICT_ENV));
        }
        List<String> args = ServingContract.command("credit-risk", 3);
        assertEquals(List.of("java", "-cp", "/app/lib/*", ServingMain.class.getName()), args.subList(0, 4));
        List<String> mainArgs = new ArrayList<>(args.subList(4, args.size()));
        mainArgs.set(mainArgs.indexOf(ServingContract.MODEL_DIR), model.toString());
        mainArgs.addAll(List.of("--workers", "1"));
        try (InferenceServer server = ServingMain.start(mainArgs, env)) {
            assertTrue(server.url().startsWith("http://0.0.0.0:"), "a container binds every interface: " + server.url());
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> health = get(base + routes.health());
            assertEquals(200, health.statusCode(), health.body());
            if (!target.equals("kserve")) {
                JsonNode h = JSON.readTree(health.body());
                assertEquals("credit-risk", h.path("model").asText(), health.body());
                assertEquals(3, h.path("version").asInt());
            }
            HttpResponse<String> predict = post(base + routes.predict(), "{\"instances\": [" + instance(base) + "]}");
            assertEquals(200, predict.statusCode(), predict.body());
            JsonNode p = JSON.readTree(predict.body()).path("predictions");
            assertEquals(1, p.size(), predict.body());
            double probability = p.get(0).path("probability").asDouble(-1);
            assertTrue(probability >= 0 && probability <= 1, predict.body());
        }
    }

    @Test
    void acceptsTheZipItselfAndAPortFlag() throws Exception {
        Map<String, String> env = env("sagemaker");
        env.put(ServingContract.PORT_ENV, "not-used");     // --port wins over the environment
        try (InferenceServer server = ServingMain.start(List.of("--model", SampleProjectModels.logistic().model()
                .toString(), "--port", "0", "--host", "127.0.0.1", "--workers", "1"), env)) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
            assertEquals(200, get(server.url() + "/ping").statusCode());
            assertEquals("model", JSON.readTree(get(server.url() + "/health").body()).path("model").asText());
        }
    }

    @Test
    void badArgumentsAndEnvironmentAreUserErrors() throws Exception {
        Map<String, String> env = env("sagemaker");
        assertBad("--model is required", List.of(), env);
        assertBad("Unknown option '--modle'", List.of("--modle", "/model"), env);
        assertBad("--model needs a value", List.of("--model"), env);
        assertBad("--version is 'three'", List.of("--model", "/m", "--version", "three"), env);
        assertBad("There is no model at", List.of("--model", dir.resolve("absent").toString()), env);
        Files.createDirectories(dir.resolve("empty"));
        assertBad("holds no model.json", List.of("--model", dir.resolve("empty").toString()), env);
        Path model = unzipped(SampleProjectModels.logistic().model(), dir);
        Map<String, String> badTarget = new HashMap<>(env);
        badTarget.put(ServingContract.TARGET_ENV, "heroku");
        assertBad("MLWB_SERVING_TARGET is 'heroku'", List.of("--model", model.toString()), badTarget);
        Map<String, String> badPort = new HashMap<>(env);
        badPort.put(ServingContract.PORT_ENV, "eighty");
        assertBad("$PORT is 'eighty'", List.of("--model", model.toString()), badPort);
    }

    private static void assertBad(String message, List<String> args, Map<String, String> env) {
        UserError e = assertThrows(UserError.class, () -> ServingMain.start(args, env).close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(ExitCode.BAD_INPUT, e.exit());
    }

    /**
     * The entry point as the container runs it: its own JVM on this module's classpath, environment from the
     * Dockerfile, logs on stdout; SIGTERM (what every platform sends to stop a container) drains and stops it.
     */
    @Test
    void aChildJvmServesLogsToStdoutAndStopsOnSigterm() throws Exception {
        Path model = unzipped(SampleProjectModels.logistic().model(), dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String prop : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        List<String> entry = ServingContract.command("credit-risk", 3);
        cmd.addAll(entry.subList(3, entry.size()));      // the main class and its arguments, as the Dockerfile says
        cmd.set(cmd.indexOf(ServingContract.MODEL_DIR), model.toString());
        // stdout to a file: a pipe's last lines can be lost when the process exits under a blocked reader
        Path stdout = dir.resolve("stdout.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stdout.toFile());
        pb.environment().putAll(env("kserve"));
        Process p = pb.start();
        try {
            Pattern url = Pattern.compile("at http://0\\.0\\.0\\.0:(\\d+)");
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (port < 0 && System.nanoTime() < deadline) {
                Matcher m = url.matcher(Files.readString(stdout));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    assertTrue(p.isAlive(), "the server exited: " + Files.readString(stdout));
                    Thread.sleep(200);
                }
            }
            assertTrue(port > 0, "no start line on stdout: " + Files.readString(stdout));
            String base = "http://127.0.0.1:" + port;
            assertEquals(200, get(base + "/v1/models/credit-risk").statusCode());
            HttpResponse<String> predict = post(base + "/v1/models/credit-risk:predict",
                    "{\"instances\": [" + instance(base) + "]}");
            assertEquals(200, predict.statusCode(), predict.body());

            p.destroy();                                    // SIGTERM on Linux and macOS
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not stop the server");
            String log = Files.readString(stdout);
            assertEquals(143, p.exitValue(), "128 + SIGTERM: " + log);
            assertTrue(log.contains("Stop signal: draining"), log);
            assertTrue(log.contains("Stopped serving credit-risk@3"), log);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theFailedStartOfAChildJvmExitsTwoWithTheMessage() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServingContract.MAIN_CLASS, "--model",
                dir.resolve("absent").toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), text);
        assertTrue(text.contains("There is no model at"), text);
    }

    /** One applicant of the sample data, keyed by the signature's inputs (from the health route). */
    private String instance(String base) throws Exception {
        JsonNode inputs = JSON.readTree(get(base + "/health").body()).path("signature").path("inputs");
        List<String> lines = Files.readAllLines(SampleProjectModels.logistic().data()).subList(0, 3);
        List<String> head = List.of(lines.get(0).split(",", -1));
        String[] row = lines.get(2).split(",", -1);
        ObjectNode o = JSON.createObjectNode();
        for (JsonNode in : inputs) {
            String name = in.path("name").asText();
            String v = row[head.indexOf(name)];
            if (v.isEmpty()) {
                o.putNull(name);
            } else if (v.equals("true") || v.equals("false")) {
                o.put(name, Boolean.parseBoolean(v));
            } else {
                try {
                    o.put(name, Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    o.put(name, v);
                }
            }
        }
        assertTrue(o.size() > 5, "the sample's inputs: " + inputs);
        return o.toString();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
