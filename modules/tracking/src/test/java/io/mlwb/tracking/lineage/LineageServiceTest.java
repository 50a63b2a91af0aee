package io.mlwb.tracking.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.profile.ProfileRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage over a real catalog: data versions → profiles → runs → registered versions → cards and deployments, the
 * edges the registry records, staleness when a dataset gets a newer version, retired versions, every id form, and
 * bad ids.
 */
class LineageServiceTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    private static void link(Catalog c, String sql, long... ids) {
        c.inTransaction("link", conn -> {
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                for (int i = 0; i < ids.length; i++) {
                    st.setLong(i + 1, ids[i]);
                }
                st.executeUpdate();
            }
            return null;
        });
    }

    private static Set<String> ids(LineageGraph g) {
        return g.nodes().stream().map(LineageGraph.Node::id).collect(Collectors.toSet());
    }

    @Test
    void dataToDeploymentWithStalenessAfterANewDataVersion() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            DatasetRepository ds = new DatasetRepository(catalog);
            long loans = ds.register("loans", null).id();
            long v1 = ds.addVersion(loans, new NewDatasetVersion("data/loans.csv", "aa".repeat(32), null, SHA, 10,
                    100L, 3L)).id();
            long p1 = new ProfileRepository(catalog).insert(v1, "{}", false).id();
            long run = RegistrableRuns.finished(catalog, dir, SHA, "baseline", RegistrableRuns.SIGNATURE, 0.1, null);
            link(catalog, "INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, 'train')", run, v1);
            ModelRegistry reg = new ModelRegistry(catalog, dir, NamingRules.none());
            long mv = reg.register(run, "credit", "champion", null, false, "ada").version().id();
            link(catalog, "INSERT INTO model_card(id, model_version_id, status, path) VALUES (4, ?, 'approved', "
                    + "'model-cards/credit.md')", mv);
            link(catalog, "INSERT INTO deployment(id, model_version_id, target, status) VALUES (2, ?, 'kserve', "
                    + "'deployed')", mv);
            LineageService lineage = new LineageService(catalog, reg);

            LineageGraph g = lineage.graph("credit@champion", LineageService.Direction.BOTH, 0);
            assertEquals("model:credit@1", g.root());
            assertEquals(Set.of("model:credit@1", "run:" + run, "dataset:loans@1", "commit:" + SHA, "card:4",
                    "deployment:2"), ids(g), "the profile is not an input of the model");
            assertTrue(g.edges().contains(new LineageGraph.Edge("dataset:loans@1", "run:" + run, "read", "train")));
            assertTrue(g.edges().contains(new LineageGraph.Edge("run:" + run, "model:credit@1", "registered_as",
                    null)), "the registry's edge, once");
            assertEquals(1, g.edges().stream().filter(e -> e.relation().equals("registered_as")).count());
            assertTrue(g.nodes().stream().noneMatch(LineageGraph.Node::stale), "nothing newer yet");

            LineageGraph data = lineage.graph("dataset:loans", LineageService.Direction.DOWNSTREAM, 0);
            assertEquals(Set.of("dataset:loans@1", "profile:" + p1, "run:" + run, "model:credit@1", "card:4",
                    "deployment:2"), ids(data));
            assertEquals(Set.of("dataset:loans@1"), ids(lineage.graph("dataset:loans",
                    LineageService.Direction.UPSTREAM, 0)));
            assertEquals(Set.of("dataset:loans@1", "profile:" + p1, "run:" + run),
                    ids(lineage.graph("dataset:loans@1", LineageService.Direction.DOWNSTREAM, 1)));

            // loans gets a new version: every run, model, card and deployment built on @1 is stale; the profile is not
            ds.addVersion(loans, new NewDatasetVersion("data/loans.csv", "bb".repeat(32), null, null, 12, 120L, 3L));
            LineageGraph after = lineage.graph("run:" + run, LineageService.Direction.BOTH, 0);
            LineageGraph.Node input = after.node("dataset:loans@1").orElseThrow();
            assertTrue(input.stale());
            assertEquals(List.of("a newer version exists: loans@2"), input.staleReasons());
            for (String n : List.of("run:" + run, "model:credit@1", "card:4", "deployment:2")) {
                LineageGraph.Node node = after.node(n).orElseThrow();
                assertTrue(node.stale(), n);
                assertEquals(List.of("built on loans@1; loans@2 is newer"), node.staleReasons(), n);
            }
            assertFalse(lineage.graph("dataset:loans@1", LineageService.Direction.DOWNSTREAM, 0)
                    .node("profile:" + p1).orElseThrow().stale());
            assertEquals("dataset:loans@2", lineage.resolve("dataset:loans"));

            // retire: marked retired, still traceable; the successor edge appears
            long run2 = RegistrableRuns.finished(catalog, dir, SHA, "retrained", RegistrableRuns.SIGNATURE, 0.2, null);
            reg.register(run2, "credit", null, null, false, "ada");
            link(catalog, "UPDATE deployment SET status = 'rolled_back' WHERE id = ?", 2);
            reg.retire(ModelRef.parse("credit@1"), "data refreshed", ModelRef.parse("credit@2"), "ada");
            LineageGraph retired = lineage.graph("credit@1", LineageService.Direction.DOWNSTREAM, 0);
            assertTrue(retired.node("model:credit@1").orElseThrow().retired());
            assertTrue(retired.edges().contains(new LineageGraph.Edge("model:credit@1", "model:credit@2",
                    "succeeded_by", null)));
            assertFalse(retired.node("model:credit@2").orElseThrow().stale(),
                    "a successor is built from its own inputs, not its predecessor's");

            assertEquals("commit:" + SHA, lineage.resolve("commit:0123"));
            assertEquals(Set.of("commit:" + SHA, "run:" + run, "run:" + run2, "model:credit@1", "model:credit@2",
                    "card:4", "deployment:2"), ids(lineage.graph("commit:01234567", LineageService.Direction.DOWNSTREAM,
                    0)));
            assertEquals("run:" + run, lineage.resolve(Long.toString(run)));
            assertEquals("card:4", lineage.resolve("card:4"));
            assertTrue(retired.toJson().containsKey("truncated"));
            // a drift report compares the old reference with the newest data on purpose: not stale for that
            long v2 = ds.versions(loans).stream().mapToLong(v -> v.id()).max().orElseThrow();
            link(catalog, "INSERT INTO drift_report(id, reference_version_id, current_version_id, report, drifted) "
                    + "VALUES (6, ?, ?, '{}', 1)", v1, v2);
            LineageGraph drift = lineage.graph("drift:6", LineageService.Direction.UPSTREAM, 0);
            assertEquals(Set.of("drift:6", "dataset:loans@1", "dataset:loans@2"), ids(drift));
            assertFalse(drift.node("drift:6").orElseThrow().stale(), drift.node("drift:6").toString());

            // a sweep's trials hang under it
            long trial = RegistrableRuns.finished(catalog, dir, SHA, "trial", RegistrableRuns.SIGNATURE, 0.1, run2);
            assertTrue(lineage.graph("run:" + trial, LineageService.Direction.UPSTREAM, 0).edges()
                    .contains(new LineageGraph.Edge("run:" + run2, "run:" + trial, "spawned", null)));
        }
    }

    @Test
    void badIdsNameWhatIsWrong() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            LineageService lineage = new LineageService(catalog, new ModelRegistry(catalog, dir, null));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("run:99")).getMessage()
                    .contains("There is no run 99"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("run:x")).getMessage()
                    .contains("must be a number"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("dataset:loans")).getMessage()
                    .contains("none is recorded yet"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("credit@1")).getMessage()
                    .contains("no registered model 'credit'"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("banana:3")).getMessage()
                    .contains("is not a lineage id"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("commit:zz")).getMessage()
                    .contains("at least 4 hex digits"));
            assertTrue(assertThrows(UserError.class, () -> lineage.resolve("")).getMessage()
                    .contains("is not a lineage id"));
        }
    }
}
