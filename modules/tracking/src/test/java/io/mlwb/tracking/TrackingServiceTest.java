package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void exportsChosenRunsInOrderWithProgressAndACancelLeavesTheFolderAsItWas() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            long a = runs.create(NewRun.named("a").withDetails(Map.of("lr", "0.1"), Map.of(), List.of())).id();
            long b = runs.create(NewRun.named("b, quoted").withDetails(Map.of("lr", "0.2"), Map.of(), List.of())).id();
            long c = runs.create(NewRun.named("c").withDetails(Map.of(), Map.of(), List.of())).id();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                w.log(a, "loss", MetricKind.TRAIN, 1, 0.5, 10);
                w.log(b, "loss", MetricKind.TRAIN, 1, 0.25, 11);
                w.log(b, "loss", MetricKind.TRAIN, 2, 0.125, 12);
            }
            TrackingService t = new TrackingService(catalog);
            t.setDeleted(List.of(c), true, "me");
            List<Double> fractions = new CopyOnWriteArrayList<>();
            Progress recording = new Progress() {
                @Override
                public void report(double fraction, String message) {
                    fractions.add(fraction);
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            };
            Path out = dir.resolve("out");
            List<Path> files = t.export(List.of(c, b, a, b), false, out, recording);
            assertEquals(List.of(out.resolve("runs.csv"), out.resolve("series.csv")), files);
            List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
            assertEquals("id,name,status,start_ms,end_ms,deleted,parent_id,params.lr,metrics.loss", rows.get(0));
            assertEquals(List.of(c, b, a), rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(
                    r.substring(0, r.indexOf(',')))).toList(), "in the order given, once each, deleted c too");
            assertTrue(rows.get(2).startsWith(b + ",\"b, quoted\","), rows.get(2));
            assertEquals(List.of("run_id,metric,step,timestamp_ms,value", b + ",loss,1,11,0.25",
                    b + ",loss,2,12,0.125", a + ",loss,1,10,0.5"), Files.readAllLines(out.resolve("series.csv")));
            assertEquals(1.0, fractions.get(fractions.size() - 1), "ends at 1: " + fractions);
            for (int i = 1; i < fractions.size(); i++) {
                assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
            }
            assertTrue(fractions.size() >= 4, "a report per run: " + fractions);

            // a cancel after the first run: the earlier export stays whole, no temporary file is left
            String before = Files.readString(out.resolve("runs.csv"));
            AtomicInteger asked = new AtomicInteger();
            Progress cancelling = new Progress() {
                @Override
                public void report(double fraction, String message) {
                }

                @Override
                public boolean cancelled() {
                    return asked.incrementAndGet() > 1;
                }
            };
            assertThrows(Cancelled.class, () -> t.export(List.of(a, b), false, out, cancelling));
            assertEquals(before, Files.readString(out.resolve("runs.csv")));
            try (var listing = Files.list(out)) {
                assertEquals(List.of("runs.csv", "series.csv"), listing.map(p -> p.getFileName().toString())
                        .sorted().toList());
            }

            UserError unknown = assertThrows(UserError.class, () -> t.export(List.of(a, 999L), true, out,
                    Progress.NONE));
            assertTrue(unknown.getMessage().contains("no run 999"), unknown.getMessage());
            assertTrue(Files.notExists(out.resolve("runs.json")), "nothing written for an unknown run");
            t.export(List.of(a), true, out, Progress.NONE);
            assertTrue(Files.readString(out.resolve("runs.json")).contains("\"name\" : \"a\""));
        }
    }
}
