package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over a real catalog: list with a filter, soft delete and restore, show with series, NaN as a string. */
class TrackingServiceTest {
    @TempDir
    Path dir;

    @Test
    void listsFiltersDeletesRestoresAndShows() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            long a = runs.create(NewRun.named("adam run").withStartedAt(Instant.ofEpochMilli(1000))
                    .withDetails(Map.of("optimizer", "adam"), Map.of("stage", "candidate"), List.of())).id();
            long b = runs.create(NewRun.named("sgd run").withStartedAt(Instant.ofEpochMilli(2000))
                    .withDetails(Map.of("optimizer", "sgd"), Map.of("mlwb.end", "interrupted"), List.of())).id();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                w.log(a, "val_auc", MetricKind.EVAL, 2, 0.80, 20);
                w.log(a, "val_auc", MetricKind.EVAL, 1, 0.75, 10);
                w.log(a, "val_auc", MetricKind.EVAL, 3, Double.NaN, 30);
                w.log(b, "val_auc", MetricKind.EVAL, 1, 0.60, 10);
            }
            TrackingService t = new TrackingService(catalog);
            assertEquals(List.of(b, a), t.list("", false).stream().map(TrackedRun::id).toList(), "newest first");
            assertEquals(List.of(a), t.list("params.optimizer = \"adam\" and tags.stage = candidate", false).stream()
                    .map(TrackedRun::id).toList());
            assertEquals("interrupted", t.list("id = " + b, false).get(0).status());
            t.setDeleted(List.of(a), true, "me");
            assertEquals(List.of(b), t.list("", false).stream().map(TrackedRun::id).toList());
            assertTrue(t.list("", true).stream().anyMatch(r -> r.id() == a && r.deleted()));
            t.setDeleted(List.of(a), false, "me");
            assertEquals(2, t.list("", false).size());
            t.rename(a, "renamed", "me");
            t.tag(List.of(a, b), "team", "risk", "me");
            assertEquals(2, t.list("tags.team = risk", false).size());
            t.tag(List.of(b), "flagged", null, "me"); // a tag without a value (the CLI and the Tag dialog allow it)
            assertEquals("", t.show(b).run().tags().get("flagged"));
            assertEquals(2, t.list("", true).size());
            Map<String, Object> json = t.show(a).toJson();
            assertEquals("renamed", json.get("name"));
            @SuppressWarnings("unchecked")
            List<List<Object>> series = (List<List<Object>>) ((Map<String, Object>) json.get("series")).get("val_auc");
            assertEquals(List.of(1L, 10L, 0.75), series.get(0), "sorted by step");
            assertEquals("NaN", series.get(2).get(2), "a NaN point is data, written as the string");
            List<String> actions = new AuditLog(catalog).list(0, 50).stream().map(e -> e.action()).toList();
            assertTrue(actions.containsAll(List.of("run.delete", "run.restore", "run.rename", "run.tag")), actions
                    .toString());
        }
    }
}
