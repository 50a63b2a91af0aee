package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunInput;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over a real catalog: a run's overview, series with kinds, files, audit trail, and its audited note. */
class RunDetailsTest {
    @TempDir
    Path dir;

    @Test
    void overviewSeriesFilesAuditAndNote() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository ds = new DatasetRepository(catalog);
            long dsId = ds.register("loans", null).id();
            long v = ds.addVersion(dsId, new NewDatasetVersion("data/loans.csv", "ab".repeat(32), null, null, 1234,
                    800L, null)).id();
            RunRepository runs = new RunRepository(catalog);
            long sweep = runs.create(NewRun.named("sweep")).id();
            long id = runs.create(NewRun.named("trial 1").withPlacement(null, sweep)
                    .withGit("c0ffee", true, "--- a/x\n+++ b/x\n")
                    .withEnvironment(7L, "{\"file\":\"training/s.yaml\",\"yaml\":\"epochs: 3\\n\",\"overrides\":"
                            + "[\"epochs=3\"]}", "{\"java\":\"17\",\"djl\":\"0.30\"}",
                            "{\"cpu_model\":\"x\",\"gpus\":[{\"name\":\"H\"}]}")
                    .withStartedAt(Instant.ofEpochMilli(1000))
                    .withDetails(Map.of("steps_per_epoch", "10"), Map.of(), List.of(new RunInput(v, "train"))))
                    .id();
            new AuditLog(catalog).append("ada", "run.start", "run", Long.toString(id), Map.of());
            new AuditLog(catalog).append("bob", "model.register", "model_version", "5", Map.of("run_id", id));
            new AuditLog(catalog).append("bob", "model.register", "model_version", "6", Map.of("run_id", id + 10));
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                w.log(id, "train/loss", MetricKind.TRAIN, 1, 0.9, 1100);
                w.log(id, "train/loss", MetricKind.TRAIN, 2, 0.8, 1200);
                w.log(id, "sys/cpu_percent", MetricKind.SYSTEM, 1, 50, 2000);
            }
            new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/1/model.zip", "cd".repeat(32), 99L);
            new RunFiles(catalog).addCheckpoint(id, 1, 10, ".mlwb/runs/1/checkpoints/e1", null, "{\"val_loss\":0.5}",
                    List.of());

            RunDetails d = new RunDetails(catalog);
            RunDetails.Overview o = d.overview(id);
            assertEquals("trial 1", o.run().name());
            assertEquals("ada", o.user());
            assertEquals("sweep", o.parentName());
            assertEquals("training/s.yaml", o.specFile());
            assertEquals("epochs: 3\n", o.specYaml());
            assertEquals(List.of("epochs=3"), o.overrides());
            assertEquals(Map.of("java", "17", "djl", "0.30", "seed", "7"), o.environment());
            assertEquals("H", o.hardware().get("gpus[0].name"));
            assertEquals("c0ffee", o.record().commitSha());
            assertTrue(o.record().dirty());
            assertEquals(1, o.datasets().size());
            assertEquals("loans", o.datasets().get(0).dataset());
            assertEquals(1, o.datasets().get(0).version());
            assertEquals(800L, o.datasets().get(0).rows());
            assertEquals("", o.note());

            List<MetricSeries> s = d.series(id);
            assertEquals(List.of("sys/cpu_percent", "train/loss"), s.stream().map(MetricSeries::name).toList());
            assertEquals(MetricKind.SYSTEM, s.get(0).kind());
            assertEquals(1, d.artifacts(id).size());
            assertEquals(10L, d.checkpoints(id).get(0).step());

            assertTrue(d.setNote(id, "# Why\nBaseline.\n\n", "ada"));
            assertFalse(d.setNote(id, "# Why\nBaseline.", "ada"), "the same note again changes nothing");
            assertEquals("# Why\nBaseline.", d.overview(id).note());
            assertTrue(d.setNote(id, "  ", "ada"));
            assertEquals("", d.overview(id).note());
            assertNull(runs.tags(id).get(RunDetails.TAG_NOTE));

            List<AuditEntry> trail = d.audit(id);
            assertEquals(List.of("run.note", "run.note", "model.register", "run.start"),
                    trail.stream().map(AuditEntry::action).toList(), "newest first, the other run's entry left out");
            assertTrue(trail.get(0).detailsJson().contains("\"chars\":0"), trail.get(0).detailsJson());
            assertEquals(List.of("run.note", "run.note", "run.start"), d.audit(sweep).stream().map(AuditEntry::action).toList(),
                    "a sweep's trail has its trials' entries");

            UserError e = assertThrows(UserError.class, () -> d.overview(999));
            assertTrue(e.getMessage().contains("999"));
            assertThrows(UserError.class, () -> d.setNote(999, "x", "ada"));
        }
    }

    @Test
    void exportsFilesAndFoldersWithProgressAndCancels() throws Exception {
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve(".mlwb/runs/1/checkpoints"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(big);
        Files.write(root.resolve(".mlwb/runs/1/model.zip"), big);
        Files.writeString(root.resolve(".mlwb/runs/1/checkpoints/e1.pt"), "one");
        Files.writeString(root.resolve(".mlwb/runs/1/checkpoints/e2.pt"), "two");
        Path out = dir.resolve("out");
        List<Double> fractions = new java.util.ArrayList<>();
        List<Path> written = RunDetails.exportArtifacts(List.of(".mlwb/runs/1/model.zip", ".mlwb/runs/1/checkpoints"),
                root, out, new Progress() {
                    @Override
                    public void report(double fraction, String message) {
                        fractions.add(fraction);
                    }

                    @Override
                    public boolean cancelled() {
                        return false;
                    }
                });
        assertEquals(List.of(out.resolve("model.zip"), out.resolve("checkpoints/e1.pt"),
                out.resolve("checkpoints/e2.pt")), written);
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(out.resolve("model.zip"))));
        assertEquals("two", Files.readString(out.resolve("checkpoints/e2.pt")));
        assertEquals(1.0, fractions.get(fractions.size() - 1), 0);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress only grows: " + fractions);
        }

        Path out2 = dir.resolve("out2");
        java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
        Progress cancelAfterTwo = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return reports.get() >= 2;
            }
        };
        assertThrows(io.mlwb.core.job.Cancelled.class, () -> RunDetails.exportArtifacts(
                List.of(".mlwb/runs/1/model.zip"), root, out2, cancelAfterTwo));
        assertFalse(Files.exists(out2.resolve("model.zip")), "the half-copied file is removed");

        UserError missing = assertThrows(UserError.class, () -> RunDetails.exportArtifacts(List.of("nope.bin"), root,
                out2, Progress.NONE));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        assertThrows(UserError.class, () -> RunDetails.localFile(root, "s3://bucket/model.pkl"));
        assertEquals(root.resolve("a/b.txt"), RunDetails.localFile(root, "a/b.txt"));
        assertEquals(Path.of("/tmp/x.bin"), RunDetails.localFile(root, "file:///tmp/x.bin"));
    }
}
