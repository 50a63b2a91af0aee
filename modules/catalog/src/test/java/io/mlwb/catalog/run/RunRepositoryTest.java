package io.mlwb.catalog.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.RawSqlite;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.core.error.ExitCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRepositoryTest {
    @TempDir
    Path dir;
    private Catalog catalog;
    private RunRepository runs;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        runs = new RunRepository(catalog);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void createRecordsProvenanceParamsTagsAndInputs() {
        DatasetRepository datasets = new DatasetRepository(catalog);
        long dsId = datasets.register("credit", null).id();
        long train = datasets.addVersion(dsId, new NewDatasetVersion("train.csv", "t1", "b1", "c1", 10, 5L, 3L)).id();
        long test = datasets.addVersion(dsId, new NewDatasetVersion("test.csv", "t2", "b2", "c1", 10, 5L, 3L)).id();
        Instant start = Instant.ofEpochMilli(1_760_000_000_123L);
        Map<String, String> tags = new HashMap<>();
        tags.put("baseline", null);
        tags.put("owner", "ada");

        RunRecord run = runs.create(NewRun.named("logreg")
                .withGit("abc123", true, "diff --git a/x b/x")
                .withEnvironment(42L, "{\"model\":\"logistic\"}", "{\"djl\":\"0.33\"}", "{\"cpu\":\"x\"}")
                .withStartedAt(start)
                .withDetails(Map.of("lr", "0.1", "epochs", "10"), tags,
                        List.of(new RunInput(train, "train"), new RunInput(test, "test"))));

        RunRecord stored = runs.get(run.id()).orElseThrow();
        assertEquals(run, stored);
        assertEquals("logreg", stored.name());
        assertEquals(RunStatus.RUNNING, stored.status());
        assertEquals("abc123", stored.commitSha());
        assertEquals(Boolean.TRUE, stored.dirty());
        assertEquals("diff --git a/x b/x", stored.dirtyDiff());
        assertEquals(42L, stored.seed());
        assertEquals("{\"djl\":\"0.33\"}", stored.versionsJson());
        assertEquals("{\"cpu\":\"x\"}", stored.hardwareJson());
        assertEquals("{\"model\":\"logistic\"}", stored.specJson());
        assertEquals(start, stored.startedAt());
        assertNull(stored.endedAt());
        assertNotNull(stored.createdAt());
        assertEquals("mlwb", stored.source());
        assertEquals(Map.of("epochs", "10", "lr", "0.1"), runs.params(run.id()));
        assertEquals(tags, runs.tags(run.id()));
        assertEquals(List.of(new RunInput(test, "test"), new RunInput(train, "train")), runs.inputs(run.id()));
    }

    @Test
    void bareRunStartsAsCreatedAndMovesThroughItsLife() {
        long id = runs.create(NewRun.named("bare")).id();
        RunRecord created = runs.get(id).orElseThrow();
        assertEquals(RunStatus.CREATED, created.status());
        assertNull(created.startedAt());
        assertNull(created.dirty());

        runs.setStatus(id, RunStatus.RUNNING);
        assertNotNull(runs.get(id).orElseThrow().startedAt(), "running sets the start time");
        Instant end = Instant.ofEpochMilli(1_760_000_999_000L);
        runs.finish(id, RunStatus.FINISHED, end, 0.42);
        RunRecord done = runs.get(id).orElseThrow();
        assertEquals(RunStatus.FINISHED, done.status());
        assertEquals(end, done.endedAt());
        assertEquals(0.42, done.costUsd());
        assertThrows(IllegalArgumentException.class, () -> runs.finish(id, RunStatus.PAUSED, end, null));
    }

    @Test
    void paramsAndTagsAreUpserted() {
        long id = runs.create(NewRun.named("r").withDetails(Map.of("lr", "0.1"), Map.of(), List.of())).id();
        runs.putParams(id, Map.of("lr", "0.01", "batch", "32"));
        assertEquals(Map.of("batch", "32", "lr", "0.01"), runs.params(id));
        runs.tag(id, "stage", "dev");
        runs.tag(id, "stage", "prod");
        runs.tag(id, "keep", null);
        assertEquals("prod", runs.tags(id).get("stage"));
        assertTrue(runs.tags(id).containsKey("keep"));
        runs.untag(id, "stage");
        runs.untag(id, "never there");
        assertEquals(List.of("keep"), List.copyOf(runs.tags(id).keySet()));
    }

    @Test
    void listPagesNewestFirstAndCounts() {
        for (int i = 0; i < 25; i++) {
            runs.create(NewRun.named("run-" + i));
        }
        assertEquals(25, runs.count());
        List<RunRecord> first = runs.list(0, 10);
        assertEquals("run-24", first.get(0).name());
        assertEquals("run-15", first.get(9).name());
        List<RunRecord> last = runs.list(20, 10);
        assertEquals(List.of("run-4", "run-3", "run-2", "run-1", "run-0"),
                last.stream().map(RunRecord::name).toList());
        assertTrue(runs.list(25, 10).isEmpty());
    }

    @Test
    void sweepChildrenHangUnderTheirParent() {
        long sweep = runs.create(NewRun.named("sweep")).id();
        long a = runs.create(NewRun.named("a").withPlacement(null, sweep)).id();
        long b = runs.create(NewRun.named("b").withPlacement(null, sweep)).id();
        assertEquals(List.of(a, b), runs.children(sweep).stream().map(RunRecord::id).toList());
        assertEquals(sweep, runs.get(a).orElseThrow().parentRunId());
    }

    @Test
    void unknownRunsAreClearErrors() {
        CatalogException status = assertThrows(CatalogException.class, () -> runs.setStatus(404, RunStatus.FAILED));
        assertTrue(status.getMessage().contains("no run with id 404"), status.getMessage());
        assertEquals(ExitCode.BAD_INPUT, status.exit());
        assertThrows(CatalogException.class, () -> runs.finish(404, RunStatus.FAILED, Instant.now(), null));
        assertThrows(CatalogException.class, () -> runs.putParams(404, Map.of("a", "b")));
        assertThrows(CatalogException.class, () -> runs.tag(404, "a", "b"));
        CatalogException parent = assertThrows(CatalogException.class,
                () -> runs.create(NewRun.named("orphan").withPlacement(null, 404L)));
        assertTrue(parent.getMessage().contains("404"), parent.getMessage());
        assertTrue(runs.get(404).isEmpty());
    }

    @Test
    void createWithAMissingDatasetVersionRecordsNothing() {
        CatalogException e = assertThrows(CatalogException.class, () -> runs.create(NewRun.named("r")
                .withDetails(Map.of("lr", "0.1"), Map.of(), List.of(new RunInput(999, "train")))));
        assertTrue(e.getMessage().contains("create run r"), e.getMessage());
        assertEquals(0, runs.count());
        assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run_param"));
    }
}
