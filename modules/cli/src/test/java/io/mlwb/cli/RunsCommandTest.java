package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlwb runs` against a real project catalog: the JSON contract, the filter's errors, soft delete. */
class RunsCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listShowFilterAndDelete() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: runs\n");
        long id;
        try (Catalog c = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            id = new RunRepository(c).create(NewRun.named("first").withStartedAt(Instant.ofEpochMilli(5))
                    .withDetails(Map.of("optimizer", "adam"), Map.of(), List.of())).id();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "--project", dir.toString(), "runs", "list", "--json"), err.toString());
        JsonNode r = Json.MAPPER.readTree(out.toString()).path("runs").get(0);
        for (String key : List.of("id", "name", "experiment", "status", "start_ms", "end_ms", "deleted", "parent_id",
                "params", "tags", "latest", "source")) {
            assertTrue(r.has(key), key + " in " + r);
        }
        assertEquals("running", r.path("status").asText());
        assertEquals(5, r.path("start_ms").asLong());
        assertTrue(r.path("end_ms").isNull() && r.path("source").isNull());
        StringWriter bad = new StringWriter();
        assertEquals(2, run(new StringWriter(), bad, "--project", dir.toString(), "runs", "list", "--filter",
                "params.optimizer ="));
        assertTrue(bad.toString().contains("filter error at"), bad.toString());
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "delete",
                Long.toString(id)));
        StringWriter after = new StringWriter();
        run(after, err, "--project", dir.toString(), "runs", "list", "--json");
        assertEquals(0, Json.MAPPER.readTree(after.toString()).path("runs").size());
        StringWriter all = new StringWriter();
        run(all, err, "--project", dir.toString(), "runs", "list", "--all", "--json");
        assertTrue(Json.MAPPER.readTree(all.toString()).path("runs").get(0).path("deleted").asBoolean());
        StringWriter shown = new StringWriter();
        assertEquals(0, run(shown, err, "--project", dir.toString(), "runs", "show", Long.toString(id), "--json"));
        assertTrue(Json.MAPPER.readTree(shown.toString()).has("series"));
        assertEquals(2, run(new StringWriter(), new StringWriter(), "--project", dir.toString(), "runs", "show",
                "999"));
    }

    @Test
    void importReadsDvcliveOnceAndRejectsBadSources() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: runs\n");
        Path live = Files.createDirectories(dir.resolve("outside/dvclive/plots/metrics/train"));
        Files.writeString(live.resolve("loss.tsv"), "timestamp\tstep\tloss\n1000\t0\t0.5\n2000\t1\tnan\n");
        Files.writeString(dir.resolve("outside/dvclive/metrics.json"), "{\"train\": {\"loss\": NaN}, \"step\": 1}");
        Files.writeString(dir.resolve("outside/dvclive/params.yaml"), "lr: 0.1\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String src = dir.resolve("outside/dvclive").toString();
        assertEquals(0, run(out, err, "--project", dir.toString(), "runs", "import", "dvclive", src, "--json"),
                err.toString());
        JsonNode rep = Json.MAPPER.readTree(out.toString());
        assertEquals(1, rep.path("imported").size());
        assertEquals(2, rep.path("points").asLong());
        StringWriter shown = new StringWriter();
        assertEquals(0, run(shown, err, "--project", dir.toString(), "runs", "show",
                rep.path("imported").get(0).asText(), "--json"));
        JsonNode r = Json.MAPPER.readTree(shown.toString());
        assertEquals("dvclive", r.path("source").path("kind").asText());
        assertEquals(".", r.path("source").path("id").asText());
        assertEquals("NaN", r.path("latest").path("train/loss").asText());
        assertEquals("[[0,1000,0.5],[1,2000,\"NaN\"]]", r.path("series").path("train/loss").toString());
        assertEquals("0.1", r.path("params").path("lr").asText());
        StringWriter again = new StringWriter();
        assertEquals(0, run(again, err, "--project", dir.toString(), "runs", "import", "dvclive", src));
        assertTrue(again.toString().contains("imported 0 runs") && again.toString().contains("1 already imported"),
                again.toString());
        StringWriter bad = new StringWriter();
        assertEquals(2, run(new StringWriter(), bad, "--project", dir.toString(), "runs", "import", "wandb", src));
        assertTrue(bad.toString().contains("wandb") && !bad.toString().contains("Exception"), bad.toString());
        StringWriter missing = new StringWriter();
        assertEquals(2, run(new StringWriter(), missing, "--project", dir.toString(), "runs", "import", "dvclive",
                dir.resolve("nowhere").toString()));
        assertTrue(missing.toString().contains("nowhere"), missing.toString());
    }

    @Test
    void importMlflowKeepsStatusesDeletedRunsAndParents() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: runs\n");
        Path db = Files.copy(Path.of("../tracking/src/test/resources/imports/mlflow/mlflow.db"),
                dir.resolve("mlflow.db"));
        byte[] before = Files.readAllBytes(db);
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "import", "mlflow",
                db.toString(), "--json"), err.toString());
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, err, "--project", dir.toString(), "runs", "list", "--all", "--json"));
        JsonNode runs = Json.MAPPER.readTree(out.toString()).path("runs");
        assertEquals(7, runs.size());
        Map<String, JsonNode> bySource = new java.util.HashMap<>();
        runs.forEach(r -> bySource.put(r.path("source").path("id").asText(), r));
        assertEquals("stopped", bySource.get("b2".repeat(16)).path("status").asText());
        assertEquals("created", bySource.get("d0".repeat(16)).path("status").asText());
        assertTrue(bySource.get("d0".repeat(16)).path("deleted").asBoolean());
        assertEquals(bySource.get("b0".repeat(16)).path("id").asLong(),
                bySource.get("b1".repeat(16)).path("parent_id").asLong());
        StringWriter active = new StringWriter();
        run(active, err, "--project", dir.toString(), "runs", "list", "--json");
        assertEquals(6, Json.MAPPER.readTree(active.toString()).path("runs").size());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the store is unchanged");
    }

    @Test
    void compareMarksDifferencesAndExportWritesRunsAndSeries() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: runs\n");
        long a;
        long b;
        try (Catalog c = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            RunRepository runs = new RunRepository(c);
            a = runs.create(NewRun.named("a").withDetails(Map.of("lr", "0.1", "seed", "1"), Map.of(), List.of())).id();
            b = runs.create(NewRun.named("b").withDetails(Map.of("lr", "0.01", "seed", "1"), Map.of(), List.of())).id();
            try (io.mlwb.catalog.metrics.MetricWriter w = new io.mlwb.catalog.metrics.MetricWriter(c,
                    io.mlwb.catalog.metrics.MetricWriter.Options.defaults())) {
                w.log(a, "val_auc", io.mlwb.catalog.metrics.MetricKind.EVAL, 1, 0.7, 1);
                w.log(b, "val_auc", io.mlwb.catalog.metrics.MetricKind.EVAL, 1, 0.8, 1);
                w.log(b, "val_auc", io.mlwb.catalog.metrics.MetricKind.EVAL, 2, 0.82, 2);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "--project", dir.toString(), "runs", "compare", Long.toString(a),
                Long.toString(b), "--json"), err.toString());
        JsonNode cmp = Json.MAPPER.readTree(out.toString());
        assertTrue(cmp.path("params").path("lr").path("differs").asBoolean());
        assertTrue(!cmp.path("params").path("seed").path("differs").asBoolean());
        assertEquals(0.82, cmp.path("metrics").path("val_auc").path("values").get(1).asDouble(), 1e-12);
        assertEquals(2, run(new StringWriter(), new StringWriter(), "--project", dir.toString(), "runs", "compare",
                Long.toString(a)), "one run is not a comparison");
        Path outDir = dir.resolve("export");
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "export", "--out",
                outDir.toString()), err.toString());
        List<String> rows = Files.readAllLines(outDir.resolve("runs.csv"));
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).contains("params.lr") && rows.get(0).contains("metrics.val_auc"), rows.get(0));
        assertEquals(4, Files.readAllLines(outDir.resolve("series.csv")).size(), "a header and three points");
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "export", "--out",
                outDir.toString(), "--format", "json"));
        assertEquals(2, Json.MAPPER.readTree(outDir.resolve("runs.json").toFile()).path("runs").size());
        Path chosen = dir.resolve("chosen");
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "export", "--out",
                chosen.toString(), "--format", "json", "--ids", b + "," + a), err.toString());
        JsonNode picked = Json.MAPPER.readTree(chosen.resolve("runs.json").toFile()).path("runs");
        assertEquals(List.of(b, a), List.of(picked.get(0).path("id").asLong(), picked.get(1).path("id").asLong()),
                "the selection, in its order");
        assertEquals(2, picked.get(0).path("series").path("val_auc").size());
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "runs", "export", "--out",
                chosen.toString(), "--ids", Long.toString(b)));
        assertEquals(2, Files.readAllLines(chosen.resolve("runs.csv")).size(), "a header and the one run");
        StringWriter unknown = new StringWriter();
        assertEquals(2, run(new StringWriter(), unknown, "--project", dir.toString(), "runs", "export", "--out",
                chosen.toString(), "--ids", "999"));
        assertTrue(unknown.toString().contains("there is no run 999"), unknown.toString());
        assertEquals(2, run(new StringWriter(), new StringWriter(), "--project", dir.toString(), "runs", "export",
                "--out", chosen.toString(), "--ids", "1", "--all"));
    }
}
