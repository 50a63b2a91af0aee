package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.export.ModelExportService;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.serving.InferenceServer;
import io.mlwb.serving.ServingMain;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated Dockerfile runs: its ENTRYPOINT names a class with a main that accepts exactly its arguments, its
 * COPY lines put the jars and the model where the entry point looks, its ENV (plus what the platform adds, from the
 * generated manifests) gives a server that answers the target's routes. Fails if the Dockerfile and
 * {@link ServingMain} ever diverge.
 */
class DockerfileEntryPointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$");
    private static final Pattern ENV = Pattern.compile("(?m)^ENV (.*)$");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$");

    @TempDir
    static Path dir;
    private static Path modelDir;
    private static Path onnxDir;

    @BeforeAll
    static void trainAndUnzip() throws Exception {
        Project p = CreditRisk.copy(dir.resolve("project"));
        Path zip;
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            zip = CreditRisk.trainAndRegister(catalog, p, "logistic_baseline").model();
            // the ONNX Dockerfile header's `cp <project>/<export> model/model.onnx`
            Path onnx = new ModelExportService(p, catalog, "test", 10).export(new ModelExportService.Request(
                    "credit-risk@1", ModelExportService.Format.ONNX, false, null, "tester"), Progress.NONE)
                    .float32().file();
            onnxDir = dir.resolve("onnx-context/model");
            Files.createDirectories(onnxDir);
            Files.copy(onnx, onnxDir.resolve(ServingContract.ONNX_FILE));
        }
        // the Dockerfile header's `unzip -o <project>/<artifact> -d model/`
        modelDir = dir.resolve("context/model");
        Files.createDirectories(modelDir);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    Path f = modelDir.resolve(e.getName()).normalize();
                    Files.createDirectories(f.getParent());
                    Files.copy(z, f);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DeployTarget.class)
    void theGeneratedDockerfilesEntryPointServesTheTargetsRoutes(DeployTarget target) throws Exception {
        DeployPlan plan = Plans.plan(target, Strategy.ALL_AT_ONCE, false, false);
        List<String> args = serve(target, plan, modelDir);
        assertTrue(!args.contains("--format"), args.toString());
    }

    /** The same with {@code format: onnx}: the image carries the export as /model/model.onnx, the entry loads it. */
    @ParameterizedTest
    @EnumSource(DeployTarget.class)
    void anOnnxDeploymentsEntryPointServesTheExport(DeployTarget target) throws Exception {
        DeployPlan p = Plans.plan(target, Strategy.ALL_AT_ONCE, false, false);
        DeployPlan plan = new DeployPlan(p.model(), p.version(), ".mlwb/exports/Fraud.Model-v4/model.onnx", target,
                p.config().withFormat(ServingFormat.ONNX), p.endpoint(), p.image(), p.sequence(), p.previous(),
                p.traffic(), p.staging(), "ab12");
        String dockerfile = TargetFiles.of(target).deploy(plan).get("Dockerfile");
        assertTrue(dockerfile.contains("cp <project>/.mlwb/exports/Fraud.Model-v4/model.onnx model/model.onnx "
                + "(sha256 ab12)") && !dockerfile.contains("unzip"), dockerfile);
        List<String> args = serve(target, plan, onnxDir);
        assertEquals("onnx", args.get(args.indexOf("--format") + 1), args.toString());
    }

    /** Runs the plan's Dockerfile ENTRYPOINT on {@code context} (the image's model/) and calls its routes. */
    private static List<String> serve(DeployTarget target, DeployPlan plan, Path context) throws Exception {
        Map<String, String> files = TargetFiles.of(target).deploy(plan);
        String dockerfile = files.get("Dockerfile");

        Matcher m = ENTRYPOINT.matcher(dockerfile);
        assertTrue(m.find(), dockerfile);
        List<String> entry = new ArrayList<>();
        JSON.readTree(m.group(1)).forEach(n -> entry.add(n.asText()));
        assertEquals(List.of("java", "-cp"), entry.subList(0, 2), dockerfile);

        // the class the image runs has a public static main, and lives in the serving module the image's lib/ holds
        Class<?> main = Class.forName(entry.get(3));
        Method mainMethod = main.getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(mainMethod.getModifiers()) && Modifier.isPublic(mainMethod.getModifiers()));
        String location = main.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(location.contains("modules/serving/") || location.contains("mlwb-serving"), location);

        // the COPY lines put the jars on the -cp and the model where --model points
        Map<String, String> copies = new HashMap<>();
        for (Matcher c = COPY.matcher(dockerfile); c.find(); ) {
            copies.put(c.group(1), c.group(2).replaceAll("/$", ""));
        }
        assertEquals(copies.get("lib/") + "/*", entry.get(2), dockerfile);
        List<String> args = new ArrayList<>(entry.subList(4, entry.size()));
        int model = args.indexOf("--model") + 1;
        assertEquals(copies.get("model/"), args.get(model), dockerfile);
        assertTrue(dockerfile.contains("modules/serving/target/lib/*.jar") && dockerfile.contains(
                "mvn -B -q -pl modules/serving -am package"), "the header says how to fill lib/: " + dockerfile);

        // the environment: the Dockerfile's ENV, then what the platform sets from the generated manifests
        Map<String, String> env = new HashMap<>();
        Matcher e = ENV.matcher(dockerfile);
        assertTrue(e.find(), dockerfile);
        for (String kv : e.group(1).split(" ")) {
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        assertEquals(Integer.toString(ServingContract.PORT), env.get(ServingContract.PORT_ENV));
        assertEquals(target.id(), env.get(ServingContract.TARGET_ENV));
        String health;
        String predict;
        if (target == DeployTarget.VERTEX) {
            JsonNode spec = JSON.readTree(files.get("01-upload-model.json")).path("model").path("containerSpec");
            assertEquals(ServingContract.PORT, spec.path("ports").get(0).path("containerPort").asInt());
            health = spec.path("healthRoute").asText();
            predict = spec.path("predictRoute").asText();
            env.put(io.mlwb.serving.ServingContract.VERTEX_HEALTH_ENV, health);
            env.put(io.mlwb.serving.ServingContract.VERTEX_PREDICT_ENV, predict);
            env.put(io.mlwb.serving.ServingContract.VERTEX_PORT_ENV, "0");
        } else {
            ServingContract.Routes r = ServingContract.routes(target, plan.model());
            health = r.health();
            predict = r.predict();
        }
        env.put(ServingContract.PORT_ENV, "0");          // a free port instead of the container's 8080

        args.set(model, context.toString());
        args.addAll(List.of("--workers", "1"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (InferenceServer server = ServingMain.start(args, env)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(base + health)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, h.statusCode(), health + ": " + h.body());
            String body = "{\"instances\": [{\"age\": 33, \"region\": "
                    + "\"west\", \"employment_status\": \"employed\", \"employment_years\": 2.1, \"annual_income\": "
                    + "82000, \"home_ownership\": \"mortgage\", \"purpose\": \"debt_consolidation\", \"channel\": "
                    + "\"mobile_app\", \"loan_amount\": 19000, \"loan_term_months\": 24, \"interest_rate\": 6.93, "
                    + "\"credit_score\": 724, \"debt_to_income\": 0.227, \"num_open_accounts\": 2, "
                    + "\"num_delinquencies_2y\": 0, \"num_credit_inquiries_6m\": 0, \"has_coapplicant\": true}]}";
            HttpResponse<String> p = http.send(HttpRequest.newBuilder(URI.create(base + predict))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, p.statusCode(), predict + ": " + p.body());
            assertEquals(1, JSON.readTree(p.body()).path("predictions").size(), p.body());
        }
        return args;
    }

    /**
     * SageMaker Batch Transform as the generated {@code 08-create-transform-job.json} configures it, replayed against
     * the container's entry point: input split by line, packed into {@code MultiRecord} mini-batches of up to
     * {@code MaxPayloadInMB}, at most {@code MaxConcurrentTransforms} in flight, sent with the job's content type and
     * accept; every answer has one line per record, and joined as {@code AssembleWith: Line} joins them the output
     * has one line per input line, in order.
     */
    @Test
    void theGeneratedTransformJobsSettingsAreWhatTheServerAccepts() throws Exception {
        DeployPlan base = Plans.plan(DeployTarget.SAGEMAKER, Strategy.ALL_AT_ONCE, false, false);
        DeployPlan plan = new DeployPlan(base.model(), base.version(), base.artifactPath(), base.target(),
                base.config().withBatch(new DeployConfig.Batch("s3://b/in/", "s3://b/out/", "ml.m5.xlarge", 1)),
                base.endpoint(), base.image(), base.sequence(), base.previous(), base.traffic(), base.staging());
        Map<String, String> files = new SageMakerFiles().deploy(plan);
        JsonNode job = JSON.readTree(files.get(SageMakerFiles.TRANSFORM_JOB));
        assertEquals("MultiRecord", job.path("BatchStrategy").asText());
        assertEquals("Line", job.path("TransformInput").path("SplitType").asText());
        assertEquals("Line", job.path("TransformOutput").path("AssembleWith").asText());
        String contentType = job.path("TransformInput").path("ContentType").asText();
        String accept = job.path("TransformOutput").path("Accept").asText();
        int payloadMb = job.path("MaxPayloadInMB").asInt();
        int concurrent = job.path("MaxConcurrentTransforms").asInt();
        // what the server takes: the media type, a payload within its body limit, the requests within its queue
        assertTrue(io.mlwb.serving.ServingContract.JSON_LINES_TYPES.contains(contentType), contentType);
        assertEquals(contentType, accept);
        io.mlwb.serving.ServerConfig defaults = io.mlwb.serving.ServerConfig.builder("m", 1).build();
        assertTrue(payloadMb >= 1 && ((long) payloadMb << 20) <= defaults.maxBodyBytes(), "payload " + payloadMb);
        assertTrue(concurrent >= 1 && concurrent <= defaults.queueCapacity(), "concurrency " + concurrent);
        assertTrue(payloadMb * concurrent <= 100, "SageMaker: MaxConcurrentTransforms x MaxPayloadInMB <= 100 MB");

        // the container as the Dockerfile starts it, with the transform job's environment
        Matcher m = ENTRYPOINT.matcher(files.get("Dockerfile"));
        assertTrue(m.find());
        List<String> args = new ArrayList<>();
        JSON.readTree(m.group(1)).forEach(n -> args.add(n.asText()));
        args.subList(0, 4).clear();
        args.set(args.indexOf("--model") + 1, modelDir.toString());
        Map<String, String> env = new HashMap<>();
        job.path("Environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertEquals("sagemaker", env.get(ServingContract.TARGET_ENV));
        env.put(ServingContract.PORT_ENV, "0");

        // input: more than one full payload of records, in both instance shapes, so one mini-batch is full size
        String[] regions = {"west", "east", "north", "south"};
        List<String> records = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; bytes < (((long) payloadMb) << 20) * 3 / 2; i++) {
            String r = "{\"age\": " + (21 + i % 50) + ", \"region\": \"" + regions[i % 4] + "\", "
                    + "\"employment_status\": \"employed\", \"employment_years\": " + (i % 17) * 0.5 + ", "
                    + "\"annual_income\": " + (30000 + i % 997 * 100) + ", \"home_ownership\": \"mortgage\", "
                    + "\"purpose\": \"debt_consolidation\", \"channel\": \"mobile_app\", \"loan_amount\": "
                    + (1000 + i % 311 * 50) + ", \"loan_term_months\": 24, \"interest_rate\": 6.93, "
                    + "\"credit_score\": " + (560 + i % 250) + ", \"debt_to_income\": 0.227, "
                    + "\"num_open_accounts\": 2, \"num_delinquencies_2y\": 0, \"num_credit_inquiries_6m\": 0, "
                    + "\"has_coapplicant\": " + (i % 3 == 0) + "}";
            records.add(r);
            bytes += r.length() + 1;
        }
        // SageMaker's MultiRecord: as many whole records as fit in MaxPayloadInMB, joined by newlines
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long size = 0;
        for (String r : records) {
            if (!current.isEmpty() && size + r.length() + 1 > ((long) payloadMb) << 20) {
                batches.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(r);
            size += r.length() + 1;
        }
        batches.add(current);
        assertTrue(batches.size() >= 2 && batches.get(0).size() > 10_000, "a full payload holds more records than "
                + "one JSON request may: " + batches.get(0).size());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (InferenceServer server = ServingMain.start(args, env)) {
            URI invocations = URI.create("http://127.0.0.1:" + server.port() + "/invocations");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(concurrent);
            try {
                List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (List<String> b : batches) {
                    String body = String.join("\n", b);
                    answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(invocations)
                            .header("Content-Type", contentType).header("Accept", accept)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString())));
                }
                StringBuilder assembled = new StringBuilder();
                for (int i = 0; i < batches.size(); i++) {
                    HttpResponse<String> r = answers.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(500, r.body().length())));
                    assertEquals(accept, r.headers().firstValue("Content-Type").orElse(""));
                    String[] lines = r.body().split("\n", -1);
                    assertEquals(batches.get(i).size(), lines.length, "mini-batch " + i);
                    assertTrue(JSON.readTree(lines[0]).has("probability"), lines[0]);
                    assembled.append(r.body()).append('\n');              // AssembleWith: Line
                }
                assertEquals(records.size(), assembled.toString().split("\n").length);
                assertEquals(records.size(), assembled.chars().filter(c -> c == '\n').count(), "no blank lines");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
