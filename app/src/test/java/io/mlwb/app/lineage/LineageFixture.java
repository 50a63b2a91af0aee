package io.mlwb.app.lineage;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.profile.ProfileRepository;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.lineage.LineageService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A real catalog with a lineage, for the pane's tests: {@code loans@1} (profiled) → run 1 → {@code credit@1}
 * (champion) → card 4 and deployment 2; run 2 on the same data registered as {@code credit@2}, and {@code credit@1}
 * can be retired in its favour; {@link #newDataVersion()} adds {@code loans@2}, which makes run 1 and all after it
 * stale. Runs are registrable as the registry wants them: finished, with a model file of the format training writes.
 */
final class LineageFixture implements AutoCloseable {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String SIGNATURE = """
            {"inputs": [{"name": "income", "kind": "numeric", "nullable": true}],
             "output": {"probability": "P(default = yes)", "label": "default"}}""";

    final Path root;
    final Catalog catalog;
    final ModelRegistry registry;
    final long loans;
    final long v1;
    final long profile;
    final long run1;

    LineageFixture(Path root) throws Exception {
        this.root = root;
        catalog = Catalog.open(root.resolve(".mlwb/catalog.db"));
        DatasetRepository ds = new DatasetRepository(catalog);
        loans = ds.register("loans", null).id();
        v1 = ds.addVersion(loans, new NewDatasetVersion("data/loans.csv", "aa".repeat(32), null, SHA, 10, 100L, 3L))
                .id();
        profile = new ProfileRepository(catalog).insert(v1, "{}", false).id();
        run1 = registrableRun("baseline");
        link("INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, 'train')", run1, v1);
        registry = new ModelRegistry(catalog, root, NamingRules.none());
        long mv = registry.register(run1, "credit", "champion", null, false, "ada").version().id();
        link("INSERT INTO model_card(id, model_version_id, status, path) VALUES (4, ?, 'approved', "
                + "'model-cards/credit.md')", mv);
        link("INSERT INTO deployment(id, model_version_id, target, status) VALUES (2, ?, 'kserve', 'planned')", mv);
    }

    LineageService service() {
        return new LineageService(catalog, registry);
    }

    /** Adds loans@2: loans@1 and everything built on it becomes stale. */
    void newDataVersion() {
        new DatasetRepository(catalog).addVersion(loans, new NewDatasetVersion("data/loans.csv", "bb".repeat(32),
                null, null, 12, 120L, 3L));
    }

    /** Registers a second run as credit@2 and retires credit@1 in its favour. */
    long retireInFavourOfNewVersion() throws Exception {
        long run2 = registrableRun("retrained");
        registry.register(run2, "credit", null, null, false, "ada");
        registry.retire(ModelRef.parse("credit@1"), "retrained", ModelRef.parse("credit@2"), "ada");
        return run2;
    }

    long registrableRun(String name) throws Exception {
        RunRepository runs = new RunRepository(catalog);
        long id = runs.create(NewRun.named(name).withGit(SHA, false, null).withStartedAt(Instant.ofEpochMilli(1000)))
                .id();
        Path zip = root.resolve(".mlwb/runs/" + id + "/model.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
            z.putNextEntry(new ZipEntry("model.json"));
            z.write("{\"format\":1,\"task\":\"classification\",\"positive_class\":\"yes\"}"
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("signature.json"));
            z.write(SIGNATURE.getBytes(StandardCharsets.UTF_8));
        }
        new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/" + id + "/model.zip",
                Fingerprints.fingerprint(zip).sha256(), Files.size(zip));
        runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(5000), 0.01);
        return id;
    }

    void link(String sql, long... ids) {
        catalog.inTransaction("link", c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < ids.length; i++) {
                    st.setLong(i + 1, ids[i]);
                }
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        catalog.close();
    }
}
