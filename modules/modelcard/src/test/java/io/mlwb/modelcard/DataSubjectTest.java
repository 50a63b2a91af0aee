package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data-subject request over a real project: the identifier in a committed old version, runs, models, audit. */
class DataSubjectTest {
    @TempDir
    Path dir;

    @Test
    void findsTheVersionsRunsAndModelsThatHoldAPerson() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mlwb.yaml"), "name: p\ndatasets:\n  - name: people\n    path: data/people.csv\n"
                + "    id_column: person_id\n");
        Files.writeString(dir.resolve("data/people.csv"), "person_id,age\nP1,30\nP2,41\nP3,52\n");
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", ".gitignore", "data/people.csv"), "people");
        }
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile()); GitRepo repo = GitRepo.open(dir)) {
            DatasetRepository ds = new DatasetRepository(catalog);
            long people = ds.register("people", null).id();
            // recorded without its commit, as training records a version; the commit is found by its bytes
            long v1 = ds.addVersion(people, new NewDatasetVersion("data/people.csv", Fingerprints.fingerprint(
                    dir.resolve("data/people.csv")).sha256(), null, null, 30, 3L, 2L)).id();
            Files.writeString(dir.resolve("data/people.csv"), "person_id,age\nP1,30\nP3,52\n"); // P2 asked to leave
            ds.addVersion(people, new NewDatasetVersion("data/people.csv", Fingerprints.fingerprint(
                    dir.resolve("data/people.csv")).sha256(), null, null, 20, 2L, 2L));
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            catalog.inTransaction("input", c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, 'train')")) {
                    st.setLong(1, run);
                    st.setLong(2, v1);
                    st.executeUpdate();
                }
                return null;
            });
            new ModelRegistry(catalog, dir, null).register(run, "m", null, null, false, "ada");

            DataSubject.Report r = new DataSubject(catalog, p, repo).find("P2", "dpo");
            assertEquals(1, r.holdings().size(), r.holdings().toString());
            DataSubject.Holding h = r.holdings().get(0);
            assertEquals("people@1", h.version());
            assertTrue(h.commit() != null, "read from the commit that holds those bytes");
            assertEquals(1, h.rows());
            assertEquals(List.of(run), r.runs());
            assertEquals(List.of("m@1"), r.models());

            DataSubject.Report p1 = new DataSubject(catalog, p, repo).find("P1", "dpo");
            assertEquals(List.of("people@1", "people@2"), p1.holdings().stream().map(DataSubject.Holding::version)
                    .toList());
            assertTrue(new DataSubject(catalog, p, repo).find("P9", "dpo").holdings().isEmpty());
            assertTrue(new AuditLog(catalog).list(0, 50).stream().anyMatch(e -> e.action().equals("data.subject")
                    && !e.detailsJson().contains("P2")), "audited with the identifier's hash only");
            assertThrows(UserError.class, () -> new DataSubject(catalog, p, repo).find(" ", "dpo"));
        }
    }
}
