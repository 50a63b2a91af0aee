package io.mlwb.drift.service;

import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retraining triggers over a real project, catalog and registry: cadence due and overdue, drift share and PSI. */
class RetrainCheckTest {
    @TempDir
    Path dir;

    private static String csv(int n, long seed, double shift) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("income,score\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f%n", 50 + 10 * r.nextGaussian() + shift,
                    r.nextGaussian()));
        }
        return sb.toString();
    }

    @Test
    void cadenceAndDriftTriggersFireWithEvidence() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/train.csv"), csv(3000, 1, 0));
        Files.writeString(dir.resolve("data/now.csv"), csv(3000, 2, 6));
        Files.writeString(dir.resolve("data/calm.csv"), csv(3000, 3, 0));
        Files.writeString(dir.resolve("mlwb.yaml"), """
                name: p
                drift:
                  retraining:
                    - model: credit
                      drift_share: 0.5
                      psi: 0.25
                      columns: [income]
                      metrics: {roc_auc: {min: 0.7}}
                      cadence: 30d
                """);
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            DatasetRepository ds = new DatasetRepository(catalog);
            long v = ds.addVersion(ds.register("train", null).id(), new NewDatasetVersion("data/train.csv",
                    Fingerprints.fingerprint(dir.resolve("data/train.csv")).sha256(), null, null, 1, 3000L, 2L)).id();
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            catalog.inTransaction("input", c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, 'train')")) {
                    st.setLong(1, run);
                    st.setLong(2, v);
                    st.executeUpdate();
                }
                return null;
            });
            ModelRegistry registry = ModelRegistry.of(catalog, p);
            registry.register(run, "credit", "champion", null, false, "ada");
            Instant trained = new RunRepository(catalog).get(run).orElseThrow().endedAt();
            DriftService drift = new DriftService(p, catalog, null);

            RetrainCheck early = new RetrainCheck(p, catalog, registry, drift,
                    Clock.fixed(trained.plusSeconds(86_400L * 10), ZoneOffset.UTC));
            RetrainCheck.Outcome calm = early.check("credit", "data/calm.csv", "cron").get(0);
            assertEquals("credit@1", calm.version());
            assertFalse(calm.fires(), calm.toString());
            assertEquals("ok", finding(calm, "cadence").status());
            assertEquals("ok", finding(calm, "drift_share").status());
            assertEquals("not_evaluated", finding(calm, "metric:roc_auc").status());

            RetrainCheck.Outcome shifted = early.check(null, "data/now.csv", "cron").get(0);
            assertTrue(shifted.fires());
            RetrainCheck.Finding psi = finding(shifted, "psi:income");
            assertEquals("fired", psi.status());
            assertTrue(psi.value() >= 0.25, psi.toString());
            assertTrue(shifted.driftReportId() != null, "the comparison is recorded");

            RetrainCheck due = new RetrainCheck(p, catalog, registry, drift,
                    Clock.fixed(trained.plusSeconds(86_400L * 31), ZoneOffset.UTC));
            assertEquals("due", finding(due.check("credit", null, "cron").get(0), "cadence").status());
            RetrainCheck late = new RetrainCheck(p, catalog, registry, drift,
                    Clock.fixed(trained.plusSeconds(86_400L * 40), ZoneOffset.UTC));
            RetrainCheck.Outcome overdue = late.check("credit", null, "cron").get(0);
            assertEquals("overdue", finding(overdue, "cadence").status());
            assertTrue(overdue.fires());
            assertEquals("not_evaluated", finding(overdue, "drift_share").status(), "no current data given");

            assertTrue(assertThrows(UserError.class, () -> late.check("fraud", null, "x")).getMessage()
                    .contains("no retraining trigger for model 'fraud'"));
        }
    }

    private static RetrainCheck.Finding finding(RetrainCheck.Outcome o, String condition) {
        return o.findings().stream().filter(f -> f.condition().equals(condition)).findFirst().orElseThrow(
                () -> new AssertionError(condition + " not in " + o.findings()));
    }

    @Test
    void noVersionInServiceIsReportedNotFatal() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: p\ndrift:\n  retraining:\n    - model: ghost\n"
                + "      cadence: weekly\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            List<RetrainCheck.Outcome> out = new RetrainCheck(p, catalog, ModelRegistry.of(catalog, p),
                    new DriftService(p, catalog, null), Clock.systemUTC()).check(null, null, "x");
            assertEquals(null, out.get(0).version());
            assertEquals("not_evaluated", out.get(0).findings().get(0).status());
            assertFalse(out.get(0).fires());
        }
    }
}
