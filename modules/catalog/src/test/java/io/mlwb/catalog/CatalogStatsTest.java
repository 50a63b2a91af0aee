package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStatsTest {
    @TempDir
    Path dir;

    @Test
    void emptyCatalogCountsZeroForEveryKindInDisplayOrder() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            Map<String, Long> counts = new CatalogStats(catalog).counts();
            assertEquals(List.of("datasets", "dataset_versions", "runs", "models", "model_cards", "drift_reports",
                    "deployments", "audit_entries"), List.copyOf(counts.keySet()));
            counts.values().forEach(v -> assertEquals(0L, v));
        }
    }

    @Test
    void countsWhatEachAggregateHolds() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            long ds = datasets.register("credit", null).id();
            long v1 = datasets.addVersion(ds, new NewDatasetVersion("a.csv", "s1", null, null, 1, null, null)).id();
            long v2 = datasets.addVersion(ds, new NewDatasetVersion("a.csv", "s2", null, null, 1, null, null)).id();
            RunRepository runs = new RunRepository(catalog);
            long run = runs.create(NewRun.named("r1")).id();
            runs.create(NewRun.named("r2"));
            runs.create(NewRun.named("r3"));
            // The later aggregates have no repository yet; their tables must still take a realistic row.
            catalog.inTransaction("seed models", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO artifact(id, run_id, kind, path) VALUES (1, " + run + ", 'model', 'm.pt')");
                    st.executeUpdate("INSERT INTO model(id, name) VALUES (1, 'scorer')");
                    st.executeUpdate("INSERT INTO model_version(id, model_id, version, run_id, artifact_id, stage) "
                            + "VALUES (1, 1, 1, " + run + ", 1, 'staging')");
                    st.executeUpdate("INSERT INTO model_alias(model_id, alias, model_version_id) VALUES (1, 'champion', 1)");
                    st.executeUpdate("INSERT INTO model_card(id, model_version_id, risk_tier) VALUES (1, 1, 'high')");
                    st.executeUpdate("INSERT INTO approval(model_card_id, approver, decision) VALUES (1, 'bob', 'approved')");
                    st.executeUpdate("INSERT INTO drift_report(reference_version_id, current_version_id, report, drifted) "
                            + "VALUES (" + v1 + ", " + v2 + ", '{}', 1)");
                    st.executeUpdate("INSERT INTO deployment(model_version_id, target, strategy, traffic_split) "
                            + "VALUES (1, 'kserve', 'canary', '{\"1\":10}')");
                }
                return null;
            });
            new AuditLog(catalog).append("ada", "register", "model", "1", Map.of());

            Map<String, Long> counts = new CatalogStats(catalog).counts();
            assertEquals(Map.of("datasets", 1L, "dataset_versions", 2L, "runs", 3L, "models", 1L, "model_cards", 1L,
                    "drift_reports", 1L, "deployments", 1L, "audit_entries", 1L), counts);
        }
    }
}
