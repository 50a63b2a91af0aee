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
 * {@code mlwb models export}: a model trained and registered through the CLI exported to ONNX with its int8 variant,
 * the comparison printed and as JSON; an unknown format or quantization is exit 2.
 */
class ExportCommandTest {
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
        Path json = dir.resolve("train.json");
        Result t = run("train", "--data", "data/churn.csv", "--target", "churned", "--model", "mlp", "--quiet",
                "--json", json.toString());
        assertEquals(0, t.code(), t.err());
        long runId = Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
        Result reg = run("models", "register", Long.toString(runId), "--name", "churn");
        assertEquals(0, reg.code(), reg.err());
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
