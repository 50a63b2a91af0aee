package io.mlwb.tracking.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunInput;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.NamingRules;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.TagInfo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry over a real catalog and a real git repository: versions, tags on the run's commit, lineage, aliases,
 * stages, retirement, the signature check, naming rules, cost and audit. Model files are written in the format
 * {@code ModelArtifact} writes (the CLI test registers a model really trained).
 */
class ModelRegistryTest {
    private static final String SIG = """
            {"inputs": [{"name": "tenure", "kind": "numeric", "nullable": true},
                        {"name": "plan", "kind": "categorical", "nullable": true}],
             "output": {"probability": "P(churned = yes)", "label": "churned"}}""";

    @TempDir
    Path dir;
    private String commit;

    @BeforeEach
    void repo() throws Exception {
        try (GitRepo git = GitRepo.init(dir)) {
            Files.writeString(dir.resolve("README.md"), "x\n");
            CommitInfo c = git.commit(List.of("README.md"), "first");
            commit = c.sha();
        }
    }

    private long run(Catalog catalog, String name, String signature, Double cost, Long parent) throws Exception {
        return RegistrableRuns.finished(catalog, dir, commit, name, signature, cost, parent);
    }

    private ModelRegistry registry(Catalog catalog) {
        return new ModelRegistry(catalog, dir, NamingRules.none());
    }

    @Test
    void registerTagsLinksAndAudits() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            DatasetRepository ds = new DatasetRepository(catalog);
            long dv = ds.addVersion(ds.register("churn", null).id(), new NewDatasetVersion("data/churn.csv",
                    "ab".repeat(32), null, null, 10, 5L, null)).id();
            long r1 = run(catalog, "baseline", SIG, 0.25, null);
            new RunRepository(catalog).get(r1).orElseThrow();
            List<CatalogEvent> events = Collections.synchronizedList(new ArrayList<>());
            catalog.events().subscribe(events::addAll);
            ModelRegistry reg = registry(catalog);
            ModelRegistry.Registration first = reg.register(r1, "churn", "champion", "the baseline", false, "ada");
            ModelVersion v1 = first.version();
            assertEquals("churn@1", v1.ref());
            assertEquals("model/churn/v1", v1.gitTag());
            assertEquals(List.of("champion"), v1.aliases());
            assertEquals("none", v1.stage());
            assertEquals("ada", v1.createdBy());
            assertEquals("the baseline", v1.description());
            assertEquals(0.25, v1.costUsd());
            assertNull(first.replaced());
            assertTrue(first.signatureChanges().isEmpty());
            assertEquals("yes", v1.signature().path("output").path("positive_class").asText());
            try (GitRepo git = GitRepo.open(dir)) {
                TagInfo tag = git.tags().stream().filter(t -> t.name().equals("model/churn/v1")).findFirst()
                        .orElseThrow();
                assertTrue(tag.annotated());
                assertEquals(commit, tag.targetSha());
                assertTrue(tag.message().contains("run " + r1), tag.message());
            }
            long edges = catalog.read("edges", c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM lineage_edge WHERE from_kind = "
                        + "'run' AND from_id = ? AND to_kind = 'model_version' AND to_id = ? AND relation = "
                        + "'registered_as'")) {
                    st.setString(1, Long.toString(r1));
                    st.setString(2, Long.toString(v1.id()));
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            assertEquals(1, edges);
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(e -> e.action()).toList();
            assertTrue(actions.containsAll(List.of("model.register", "model.alias", "model.tag")), actions.toString());

            // A second run with the same signature becomes v2; the alias moves when asked.
            RunRepository runs = new RunRepository(catalog);
            long sweep = runs.create(NewRun.named("sweep")).id();
            runs.finish(sweep, RunStatus.FINISHED, Instant.ofEpochMilli(6000), 0.5);
            long r2 = run(catalog, "trial", SIG, 1.0, sweep);
            run(catalog, "other trial", SIG, 2.0, sweep);
            catalog.inTransaction("input", c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, 'train')")) {
                    st.setLong(1, r2);
                    st.setLong(2, dv);
                    st.executeUpdate();
                }
                return null;
            });
            ModelRegistry.Registration second = reg.register(r2, "churn", null, null, false, "bob");
            ModelVersion v2 = second.version();
            assertEquals(2, v2.version());
            assertEquals("churn@1", second.replaced());
            assertEquals(1.0, v2.costUsd());
            assertEquals(3.5, v2.sweepCostUsd(), 1e-9);
            assertEquals(List.of(new ModelVersion.DatasetUse("churn", 1, "train")), v2.datasets());
            assertEquals(v1.id(), reg.resolve(ModelRef.parse("churn@champion")).id());
            assertEquals(v2.id(), reg.resolve(ModelRef.parse("churn@latest")).id());
            reg.setAlias(ModelRef.parse("churn@2"), "champion", "bob");
            reg.setAlias(ModelRef.parse("churn@1"), "challenger", "bob");
            assertEquals(v2.id(), reg.resolve(ModelRef.parse("churn@champion")).id());
            assertEquals(Map.of("champion", 2, "challenger", 1), reg.model("churn").orElseThrow().aliases());
            assertEquals("production", reg.setStage(ModelRef.parse("churn@champion"), "production", "bob").stage());

            // Retire v1 with a rationale and v2 as successor: archived, alias removed, still resolvable by number.
            ModelVersion retired = reg.retire(ModelRef.parse("churn@1"), "AUC below the new baseline",
                    ModelRef.parse("churn@2"), "carol");
            assertEquals("archived", retired.stage());
            assertEquals("churn@2", retired.successor());
            assertEquals("AUC below the new baseline", retired.retireRationale());
            assertTrue(retired.aliases().isEmpty());
            assertEquals("model/churn/v1", reg.resolve(ModelRef.parse("churn@1")).gitTag());
            assertEquals(Map.of("champion", 2), reg.model("churn").orElseThrow().aliases());
            assertEquals(3.5 - 0.5 - 2.0 + 0.25, reg.model("churn").orElseThrow().costUsd(), 1e-9);
            List<String> after = new AuditLog(catalog).list(0, 100).stream().map(e -> e.action()).toList();
            assertTrue(after.containsAll(List.of("model.stage", "model.retire")), after.toString());
            assertTrue(new AuditLog(catalog).verify().ok());
            for (int i = 0; i < 100 && events.stream().noneMatch(e -> e instanceof CatalogEvent.ModelChanged); i++) {
                Thread.sleep(50);
            }
            assertTrue(events.stream().anyMatch(e -> e instanceof CatalogEvent.ModelChanged), events.toString());
        }
    }

    @Test
    void signatureCheckRefusesBreakingChangesUnlessAllowed() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            ModelRegistry reg = registry(catalog);
            reg.register(run(catalog, "a", SIG, null, null), "churn", null, null, false, "ada");
            String retyped = SIG.replace("\"plan\", \"kind\": \"categorical\"", "\"plan\", \"kind\": \"numeric\"");
            long r2 = run(catalog, "b", retyped, null, null);
            UserError e = assertThrows(UserError.class, () -> reg.register(r2, "churn", null, null, false, "ada"));
            assertEquals(ExitCode.CHECK_FAILED, e.exit());
            assertTrue(e.getMessage().contains("inputs.plan: kind categorical → numeric (breaking)"), e.getMessage());
            assertEquals(1, reg.model("churn").orElseThrow().versions().size(), "nothing registered");
            ModelRegistry.Registration forced = reg.register(r2, "churn", null, null, true, "ada");
            assertEquals(2, forced.version().version());
            assertTrue(SignatureCheck.breaking(forced.signatureChanges()));
            // a new nullable input is compatible; a dropped one too
            String added = SIG.replace("\"inputs\": [", "\"inputs\": [{\"name\": \"calls\", \"kind\": \"numeric\", "
                    + "\"nullable\": true},").replace("categorical", "numeric");
            ModelRegistry.Registration third = reg.register(run(catalog, "c", added, null, null), "churn", null, null,
                    false, "ada");
            assertFalse(SignatureCheck.breaking(third.signatureChanges()));
            assertEquals("inputs.calls", third.signatureChanges().get(0).field());
            String label = SIG.replace("\"label\": \"churned\"", "\"label\": \"left\"").replace("categorical",
                    "numeric").replace("\"inputs\": [", "\"inputs\": [{\"name\": \"calls\", \"kind\": \"numeric\", "
                    + "\"nullable\": true},");
            UserError out = assertThrows(UserError.class, () -> reg.register(run(catalog, "d", label, null, null),
                    "churn", null, null, false, "ada"));
            assertTrue(out.getMessage().contains("output.label: 'churned' → 'left'"), out.getMessage());
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            ModelRegistry reg = new ModelRegistry(catalog, dir,
                    new NamingRules(Pattern.compile("[a-z][a-z0-9-]*"), null, null));
            long r = run(catalog, "a", SIG, null, null);
            assertTrue(assertThrows(UserError.class, () -> reg.register(r, "Churn", null, null, false, "x"))
                    .getMessage().contains("naming.model"));
            assertTrue(assertThrows(UserError.class, () -> reg.register(r, "churn model", null, null, false, "x"))
                    .getMessage().contains("is not a model name"));
            assertTrue(assertThrows(UserError.class, () -> reg.register(999, "churn", null, null, false, "x"))
                    .getMessage().contains("no run 999"));
            assertTrue(assertThrows(UserError.class, () -> reg.register(r, "churn", "Champion!", null, false, "x"))
                    .getMessage().contains("not an alias"));
            assertTrue(assertThrows(UserError.class, () -> reg.register(r, "churn", "latest", null, false, "x"))
                    .getMessage().contains("built in"));
            RunRepository runs = new RunRepository(catalog);
            long running = runs.create(NewRun.named("live")).id();
            runs.setStatus(running, RunStatus.RUNNING);
            assertTrue(assertThrows(UserError.class, () -> reg.register(running, "churn", null, null, false, "x"))
                    .getMessage().contains("only a finished run"));
            long noModel = runs.create(NewRun.named("imported")).id();
            runs.finish(noModel, RunStatus.FINISHED, Instant.ofEpochMilli(2), null);
            assertTrue(assertThrows(UserError.class, () -> reg.register(noModel, "churn", null, null, false, "x"))
                    .getMessage().contains("no model artifact"));
            // the model file changed after the run recorded it
            long changed = run(catalog, "b", SIG, null, null);
            Files.writeString(dir.resolve(".mlwb/runs/" + changed + "/model.zip"), "not a zip");
            assertTrue(assertThrows(UserError.class, () -> reg.register(changed, "churn", null, null, false, "x"))
                    .getMessage().contains("changed since the run recorded it"));
            Files.delete(dir.resolve(".mlwb/runs/" + changed + "/model.zip"));
            assertTrue(assertThrows(UserError.class, () -> reg.register(changed, "churn", null, null, false, "x"))
                    .getMessage().contains("is missing"));

            reg.register(r, "churn", null, null, false, "x");
            assertTrue(assertThrows(UserError.class, () -> reg.resolve(ModelRef.parse("churn@7"))).getMessage()
                    .contains("churn has no version 7 (its versions: 1)"));
            assertTrue(assertThrows(UserError.class, () -> reg.resolve(ModelRef.parse("churn@champion")))
                    .getMessage().contains("no alias 'champion' (it has no aliases)"));
            assertTrue(assertThrows(UserError.class, () -> reg.resolve(ModelRef.parse("fraud@1"))).getMessage()
                    .contains("no registered model 'fraud' (registered: churn)"));
            assertTrue(assertThrows(UserError.class, () -> ModelRef.parse("churn@")).getMessage()
                    .contains("neither a version number nor an alias"));
            assertTrue(assertThrows(UserError.class, () -> ModelRef.parse("churn@0")).getMessage()
                    .contains("versions start at 1"));
            assertTrue(assertThrows(UserError.class, () -> reg.resolve(ModelRef.parse("churn"))).getMessage()
                    .contains("names a model, not one of its versions"));
            assertTrue(assertThrows(UserError.class, () -> reg.setStage(ModelRef.parse("churn@1"), "archived", "x"))
                    .getMessage().contains("retiring it"));
            assertTrue(assertThrows(UserError.class, () -> reg.retire(ModelRef.parse("churn@1"), " ", null, "x"))
                    .getMessage().contains("needs a rationale"));
            assertTrue(assertThrows(UserError.class, () -> reg.retire(ModelRef.parse("churn@1"), "why",
                    ModelRef.parse("churn@1"), "x")).getMessage().contains("cannot succeed itself"));
            reg.retire(ModelRef.parse("churn@1"), "superseded", null, "x");
            assertTrue(assertThrows(UserError.class, () -> reg.retire(ModelRef.parse("churn@1"), "again", null, "x"))
                    .getMessage().contains("already retired"));
            assertTrue(assertThrows(UserError.class, () -> reg.setAlias(ModelRef.parse("churn@1"), "champion", "x"))
                    .getMessage().contains("is retired"));
            assertTrue(assertThrows(UserError.class, () -> reg.resolve(ModelRef.parse("churn@latest")))
                    .getMessage().contains("Every version of churn is retired"));
        }
    }

    @Test
    void withoutGitOrCommitTheVersionIsRegisteredWithAWarning() throws Exception {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        try (Catalog catalog = Catalog.open(plain.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            long id = runs.create(NewRun.named("no git")).id();
            Path zip = plain.resolve("m.zip");
            try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
                z.putNextEntry(new ZipEntry("signature.json"));
                z.write(SIG.getBytes(StandardCharsets.UTF_8));
            }
            new RunFiles(catalog).addArtifact(id, "model", "m.zip", null, null);
            runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(9), null);
            ModelRegistry.Registration r = new ModelRegistry(catalog, plain, null).register(id, "m", null, null,
                    false, "x");
            assertNull(r.version().gitTag());
            assertEquals(List.of("no git tag: run " + id + " recorded no commit"), r.warnings());
        }
    }

    @Test
    void aTagLeftFromAnEarlierCatalogOnAnotherCommitIsReportedNotMoved() throws Exception {
        try (GitRepo git = GitRepo.init(dir)) {
            Files.writeString(dir.resolve("b.txt"), "b\n");
            String other = git.commit(List.of("b.txt"), "second").sha();
            git.tag("model/churn/v1", "stale", other);
        }
        try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            ModelRegistry.Registration r = registry(catalog).register(run(catalog, "a", SIG, null, null), "churn",
                    null, null, false, "x");
            assertNull(r.version().gitTag());
            assertTrue(r.warnings().get(0).contains("already exists on another commit"), r.warnings().toString());
        }
    }

    @Test
    void refsParseAndPrint() {
        assertEquals(new ModelRef("credit", 3, null), ModelRef.parse(" credit@3 "));
        assertEquals(new ModelRef("credit-v2.1_x", null, "champion"), ModelRef.parse("credit-v2.1_x@champion"));
        assertEquals("credit", ModelRef.parse("credit").toString());
        assertEquals("credit@challenger", ModelRef.parse("credit@challenger").toString());
        assertThrows(UserError.class, () -> ModelRef.parse("@3"));
        assertThrows(UserError.class, () -> ModelRef.parse("a b@3"));
        assertThrows(UserError.class, () -> ModelRef.parse("a@Champion"));
    }
}
