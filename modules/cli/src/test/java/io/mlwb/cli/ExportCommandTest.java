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
 * {@code mlwb models export}: a model trained and registered through the CLI exported to ONNX with its int8 variant,
 * the comparison printed and as JSON; an unknown format or quantization is exit 2.
 */
class ExportCommandTest {
    @TempDir
    Path dir;

    private CliProject cli;

    /** A churn project with an MLP trained and registered as churn@1. */
    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\n",
                "data/churn.csv", CliProject.churnWithPlans(400, 4, "churned")));
        cli.register(cli.train("--data", "data/churn.csv", "--target", "churned", "--model", "mlp"), "churn");
    }

    private Result run(String... args) {
        return cli.run(args);
    }

    @Test
    void exportsOnnxAndComparesTheInt8Variant() throws Exception {
        Path out = dir.resolve("export/churn.onnx");
        Result r = run("models", "export", "churn@1", "--format", "onnx", "--quantize", "int8", "--out",
                out.toString(), "--latency-runs", "50", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals("churn@1", doc.path("model").asText());
        assertEquals("onnx", doc.path("format").asText());
        assertTrue(doc.path("float32").path("max_abs_diff").asDouble() <= 1e-5, doc.toString());
        for (String key : List.of("size_bytes", "p50_ms_single", "p50_ms_batch", "roc_auc", "roc_auc_change")) {
            assertTrue(doc.path("int8").has(key), key + " in " + doc);
        }
        assertTrue(Files.isRegularFile(out));
        assertTrue(Files.isRegularFile(dir.resolve("export/churn-int8.onnx")));
        assertTrue(Files.isRegularFile(dir.resolve("export/churn-export.json")));

        Result text = run("models", "export", "churn@1", "--format", "onnx", "--quantize", "int8",
                "--latency-runs", "20");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Exported churn@1") && text.out().contains("int8 ")
                && text.out().contains("roc_auc"), text.out());
    }

    @Test
    void unknownFormatOrQuantizationIsExit2() {
        Result f = run("models", "export", "churn@1", "--format", "pmml");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("Unknown export format 'pmml'") && f.err().contains("--format onnx"), f.err());
        Result q = run("models", "export", "churn@1", "--format", "onnx", "--quantize", "int4");
        assertEquals(2, q.code());
        assertTrue(q.err().contains("Unknown quantization 'int4'"), q.err());
        Result v = run("models", "export", "churn@7", "--format", "onnx");
        assertEquals(2, v.code(), v.err());
    }

    @Test
    void serveOnnxNeedsACheckedExport() {
        Result none = run("serve", "churn@1", "--format", "onnx", "--port", "0");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("has no ONNX export") && none.err().contains("mlwb models export churn@1"),
                none.err());
        Result bad = run("serve", "churn@1", "--format", "pmml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("Unknown serving format 'pmml'"), bad.err());
        Result q = run("serve", "churn@1", "--quantize", "int8");
        assertEquals(2, q.code());
        assertTrue(q.err().contains("--format onnx --quantize int8"), q.err());
    }
}
