package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb deploy formats} and {@code mlwb deploy --format}: an MLP (churn@1) and a logistic model (churn@2)
 * trained and registered through the CLI; the formats measured side by side as JSON and text, an onnx deployment
 * recorded with its format and digest and smoke-tested in it; an unknown format and int8 for the logistic model are
 * exit 2.
 */
class DeployFormatCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: churn\n");
        Random r = new Random(4);
        StringBuilder sb = new StringBuilder("id,tenure,plan,calls,churned\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < 400; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int plan = r.nextInt(3);
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls + (plan == 0 ? 0.8 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',')
                    .append(plans[plan]).append(',').append(calls).append(',').append(y).append('\n');
        }
        Files.writeString(dir.resolve("data/churn.csv"), sb.toString());
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", "data/churn.csv", ".gitignore"), "data");
        }
        for (String model : List.of("mlp", "logistic")) {
            Path json = dir.resolve("train-" + model + ".json");
            Result t = run("train", "--data", "data/churn.csv", "--target", "churned", "--model", model, "--quiet",
                    "--json", json.toString());
            assertEquals(0, t.code(), t.err());
            long runId = Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
            Result reg = run("models", "register", Long.toString(runId), "--name", "churn");
            assertEquals(0, reg.code(), reg.err());
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--project";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void formatsAreMeasuredSideBySideAndAnOnnxDeploymentServesItsExport() throws Exception {
        Result f = run("deploy", "formats", "churn@1", "--latency-runs", "20", "--json");
        assertEquals(0, f.code(), f.err());
        JsonNode doc = Json.MAPPER.readTree(f.out());
        assertEquals("churn@1", doc.path("model").asText());
        assertEquals("roc_auc", doc.path("metric").asText());
        assertEquals(3, doc.path("formats").size());
        for (JsonNode row : doc.path("formats")) {
            assertTrue(row.path("available").asBoolean(), row.toString());
            assertTrue(row.path("size_bytes").asLong() > 0 && row.path("p50_ms_single").asDouble() > 0, row.toString());
            assertTrue(row.has("metric_value") && row.has("metric_change") && row.has("notable_loss"), row.toString());
        }
        assertEquals("onnx-int8", doc.path("formats").get(2).path("format").asText());

        Result logistic = run("deploy", "formats", "churn@2", "--latency-runs", "20");
        assertEquals(0, logistic.code(), logistic.err());
        assertTrue(logistic.out().contains("onnx-int8") && logistic.out().contains("not available: churn@2 is a "
                + "single-layer"), logistic.out());

        Result d = run("deploy", "local", "churn@1", "--format", "onnx", "--json");
        assertEquals(0, d.code(), d.err());
        JsonNode dep = Json.MAPPER.readTree(d.out());
        assertEquals("onnx", dep.path("serving").path("format").asText());
        assertEquals(".mlwb/exports/churn-v1/model.onnx", dep.path("serving").path("artifact").asText());
        assertEquals(64, dep.path("serving").path("sha256").asText().length());
        String dockerfile = Files.readString(dir.resolve(dep.path("folder").asText()).resolve("Dockerfile"));
        assertTrue(dockerfile.contains("\"--format\", \"onnx\"]"), dockerfile);

        Result sm = run("deploy", "smoke-test", dep.path("id").asText());
        assertEquals(0, sm.code(), sm.err() + sm.out());
        assertTrue(sm.out().contains("serving onnx"), sm.out());
        Result list = run("deploy", "list", "--json");
        assertEquals("onnx", Json.MAPPER.readTree(list.out()).path("deployments").get(0).path("serving")
                .path("format").asText());
    }

    @Test
    void anUnknownFormatOrInt8ForALogisticModelIsExit2() throws Exception {
        Result unknown = run("deploy", "local", "churn@1", "--format", "pmml");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'pmml' is not a serving format"), unknown.err());

        Path config = dir.resolve("deploy.yaml");
        Files.writeString(config, "format: onnx-int8\n");
        Result int8 = run("deploy", "local", "churn@2", "--config", config.toString());
        assertEquals(2, int8.code());
        assertTrue(int8.err().contains("single-layer"), int8.err());

        Files.writeString(config, "format: tflite\n");
        Result bad = run("deploy", "local", "churn@1", "--config", config.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("format in deploy.yaml is 'tflite', not djl, onnx or onnx-int8"), bad.err());
    }
}
