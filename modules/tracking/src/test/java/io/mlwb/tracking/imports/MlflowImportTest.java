package io.mlwb.tracking.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MLflow stores (made as MLflow writes them, see src/test/fixtures/make_mlflow_fixtures.py) come out of
 * {@code runs list/show} JSON value by value: statuses mapped, deleted and nested runs, NaN in the middle of a
 * series, the SQL store's ±1.797e308 kept, repeated steps, keys with {@code /}; the source is byte-for-byte
 * unchanged; a second import skips; damaged and foreign stores are refused with what is not understood.
 */
class MlflowImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path fixture() throws IOException {
        return ImportServiceTest.copyTree(Path.of("src/test/resources/imports/mlflow"), dir.resolve("src"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql", "files"})
    void everyRunComesOutAsMlflowStoresIt(String store) throws Exception {
        Path src = fixture();
        Path path = store.equals("sql") ? src.resolve("mlflow.db") : src.resolve("mlruns");
        Map<String, String> before = ImportServiceTest.hashes(src);
        JsonNode expected = JSON.readTree(src.resolve("expected.json").toFile()).get(store);
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService.Report r = new ImportService(catalog, CLOCK).importFrom("mlflow", path, "me", Progress.NONE);
            assertEquals(expected.size(), r.imported().size(), r.toString());
            assertEquals(List.of(), r.warnings());
            TrackingService t = new TrackingService(catalog);
            List<TrackedRun> all = t.list("", true);
            assertEquals(expected.size(), all.size());
            assertEquals(expected.size() - 1, t.list("", false).size(), "one run is deleted in the source");
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode want = e.getValue();
                TrackedRun run = all.stream().filter(x -> x.source().id().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError("no run for " + e.getKey()));
                ObjectNode shown = (ObjectNode) JSON.readTree(JSON.writeValueAsString(t.show(run.id()).toJson()));
                String at = store + " " + e.getKey();
                assertEquals("mlflow", shown.get("source").get("kind").asText(), at);
                assertEquals(path.toAbsolutePath().normalize().toString(), shown.get("source").get("path").asText());
                assertEquals(want.get("name"), shown.get("name"), at);
                assertEquals(want.get("experiment"), shown.get("experiment"), at);
                assertEquals(want.get("status"), shown.get("status"), at);
                assertEquals(want.get("start_ms"), shown.get("start_ms"), at);
                assertEquals(want.get("end_ms"), shown.get("end_ms"), at);
                assertEquals(want.get("deleted"), shown.get("deleted"), at);
                assertEquals(want.get("params"), shown.get("params"), at);
                assertEquals(want.get("tags"), shown.get("tags"), at);
                assertEquals(want.get("latest"), shown.get("latest"), at);
                assertEquals(want.get("series"), shown.get("series"), at);
                if (want.get("parent").isNull()) {
                    assertTrue(shown.get("parent_id").isNull(), at);
                } else {
                    long parent = all.stream().filter(x -> x.source().id().equals(want.get("parent").asText()))
                            .findFirst().orElseThrow().id();
                    assertEquals(parent, shown.get("parent_id").asLong(), at);
                }
            }
            if (store.equals("sql")) {
                TrackedRun a = all.stream().filter(x -> x.name().equals("baseline")).findFirst().orElseThrow();
                JsonNode grad = JSON.readTree(JSON.writeValueAsString(t.show(a.id()).toJson()))
                        .get("series").get("grad_norm");
                assertEquals(1.7976931348623157e308, grad.get(1).get(2).asDouble(), "MLflow's +inf stays its value");
                assertEquals(-1.7976931348623157e308, grad.get(2).get(2).asDouble());
            }
            ImportService.Report again = new ImportService(catalog, CLOCK).importFrom("mlflow", path, "me",
                    Progress.NONE);
            assertEquals(List.of(), again.imported());
            assertEquals(expected.size(), t.list("", true).size(), "no duplicates");
        }
        assertEquals(before, ImportServiceTest.hashes(src), "the source is byte-for-byte unchanged");
    }

    @Test
    void theFileStoreListsItsArtifactsAndFolderNamesFindTheStore() throws Exception {
        Path src = fixture();
        MlflowReader reader = new MlflowReader();
        List<ImportedRun> runs = reader.read(src); // a folder holding mlflow.db is that database
        assertEquals(7, runs.size());
        assertTrue(runs.get(0).artifacts().get(0).startsWith("mlflow-artifacts:/"), "remote: by reference");
        List<ImportedRun> files = new MlflowReader().read(src.resolve("mlruns"));
        ImportedRun baseline = files.stream().filter(r -> r.name().equals("baseline")).findFirst().orElseThrow();
        assertEquals(1, baseline.artifacts().size());
        assertTrue(baseline.artifacts().get(0).endsWith("artifacts/model.txt"), baseline.artifacts().toString());
        assertTrue(Files.exists(Path.of(baseline.artifacts().get(0))));
        int parent = indexOf(files, "sweep-parent");
        assertTrue(parent < indexOf(files, "sweep-child-1") && parent < indexOf(files, "sweep-child-2"),
                "a parent comes before its children");
    }

    private static int indexOf(List<ImportedRun> runs, String name) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aNewerSchemaThatLacksAColumnIsRefusedNamingIt() throws Exception {
        Path src = fixture();
        Path db = src.resolve("mlflow.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE metrics RENAME COLUMN timestamp TO ts_ms");
            s.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'");
        }
        UserError e = assertThrows(UserError.class, () -> new MlflowReader().read(db));
        assertTrue(e.getMessage().contains("metrics.timestamp"), e.getMessage());
        assertTrue(e.getMessage().contains("ffffffffffff"), e.getMessage());
    }

    @Test
    void anUnknownRevisionWithEveryColumnIsImportedWithAWarning() throws Exception {
        Path src = fixture();
        Path db = src.resolve("mlflow.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE alembic_version SET version_num = 'abcdef012345'");
            s.execute("ALTER TABLE runs ADD COLUMN workspace TEXT");
        }
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService.Report r = new ImportService(catalog, CLOCK).importFrom("mlflow", db, "me", Progress.NONE);
            assertEquals(7, r.imported().size());
            assertEquals(1, r.warnings().size());
            assertTrue(r.warnings().get(0).contains("abcdef012345"));
        }
    }

    @Test
    void damagedAndForeignStoresGetClearErrors() throws Exception {
        Path src = fixture();
        MlflowReader reader = new MlflowReader();
        Path notDb = Files.writeString(dir.resolve("notes.db"), "hello");
        assertTrue(assertThrows(UserError.class, () -> reader.read(notDb)).getMessage().contains("not a SQLite"));
        Path otherDb = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + otherDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        assertTrue(assertThrows(UserError.class, () -> reader.read(otherDb)).getMessage().contains("alembic_version"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(UserError.class, () -> reader.read(empty)).getMessage().contains("not an MLflow store"));

        Path metric = src.resolve("mlruns/0/a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1/metrics/val_auc");
        Files.writeString(metric, "1767225601000 0.5 0\n1767225602000 oops 1\n");
        UserError bad = assertThrows(UserError.class, () -> new MlflowReader().read(src.resolve("mlruns")));
        assertTrue(bad.getMessage().contains("val_auc line 2"), bad.getMessage());

        Files.writeString(metric, "1767225601000 0.5 0\n");
        Path meta = src.resolve("mlruns/0/a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1/meta.yaml");
        Files.writeString(meta, Files.readString(meta).replace("status: 3", "status: 9"));
        UserError status = assertThrows(UserError.class, () -> new MlflowReader().read(src.resolve("mlruns")));
        assertTrue(status.getMessage().contains("run status 9"), status.getMessage());

        Files.writeString(meta, "run_id: [unclosed");
        UserError yaml = assertThrows(UserError.class, () -> new MlflowReader().read(src.resolve("mlruns")));
        assertTrue(yaml.getMessage().contains("meta.yaml"), yaml.getMessage());
        assertFalse(yaml.getMessage().isBlank());
    }

    @Test
    void pythonFloatSpellingsParse() {
        assertTrue(Double.isNaN(MlflowReader.pyFloat("nan")));
        assertEquals(Double.POSITIVE_INFINITY, MlflowReader.pyFloat("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, MlflowReader.pyFloat("-inf"));
        assertEquals(1e-05, MlflowReader.pyFloat("1e-05"));
        assertEquals(0.1, MlflowReader.pyFloat("0.1"));
    }
}
