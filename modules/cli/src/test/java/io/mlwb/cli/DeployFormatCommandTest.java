package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private CliProject cli;

    /** A churn project with an MLP (churn@1) and a logistic model (churn@2) trained and registered. */
    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\n",
                "data/churn.csv", CliProject.churnWithPlans(400, 4, "churned")));
        for (String model : List.of("mlp", "logistic")) {
            cli.register(cli.train("--data", "data/churn.csv", "--target", "churned", "--model", model), "churn");
        }
    }

    private Result run(String... args) {
        return cli.run(args);
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
