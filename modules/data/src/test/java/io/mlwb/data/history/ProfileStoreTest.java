package io.mlwb.data.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.profile.CheckStatus;
import io.mlwb.catalog.profile.QualityCheckRecord;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.QualityRule;
import io.mlwb.core.project.RuleType;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.quality.SchemaColumn;
import io.mlwb.data.quality.SchemaSnapshot;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path project;

    @TempDir
    Path temp;

    private static String profile(int rows, double meanAge, boolean withCity) {
        return "{\"rows\":" + rows + ",\"columns\":[{\"name\":\"id\",\"type\":\"numeric\",\"count\":" + rows
                + ",\"missing\":0,\"distinct\":" + rows + "},{\"name\":\"age\",\"type\":\"numeric\",\"count\":" + rows
                + ",\"missing\":0,\"mean\":" + meanAge + "}"
                + (withCity ? ",{\"name\":\"city\",\"type\":\"categorical\",\"count\":" + rows + "}" : "") + "]}";
    }

    private Path file(String name, String text) throws Exception {
        Path f = temp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void storesFindsByContentAndListsHistoryOldestFirst() throws Exception {
        try (Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            ProfileStore store = new ProfileStore(catalog);
            FileFingerprint v1 = Fingerprints.fingerprint(file("a.csv", "id,age\n1,30\n"));
            FileFingerprint v2 = Fingerprints.fingerprint(file("b.csv", "id,age,city\n1,30,Oslo\n2,40,Rome\n"));
            assertTrue(store.find(v1.sha256()).isEmpty());

            StoredProfile p1 = store.store("people", "data/people.csv", v1, "c1", false, profile(1, 30, false), false);
            StoredProfile p2 = store.store("people", "data/people.csv", v2, "c2", false, profile(2, 35, true), true);
            assertEquals(p1, store.find(v1.sha256()).orElseThrow());
            assertEquals(p2, store.find(v2.sha256()).orElseThrow());
            assertEquals("c1", p1.commitSha());
            assertEquals(v1.gitBlobId(), p1.version().gitBlobId());
            assertEquals(1L, p1.version().rowCount());
            assertEquals(3L, p2.version().columnCount());
            assertTrue(p2.approximate());
            assertFalse(p1.dirty());

            assertEquals(List.of(p1.profileId(), p2.profileId()),
                    store.history("people").stream().map(StoredProfile::profileId).toList());
            StoredProfile again = store.store("people", "data/people.csv", v1, "c3", false, profile(1, 30, false),
                    false);
            assertEquals(again, store.find(v1.sha256()).orElseThrow(), "a re-profile is the newest");
            assertEquals("c1", again.commitSha(), "the first commit holding the bytes is kept");
            assertEquals(List.of(again.profileId(), p2.profileId()),
                    store.history("people").stream().map(StoredProfile::profileId).toList(), "one entry per version");
            assertEquals(List.of(), store.history("unknown"));
            assertThrows(IllegalArgumentException.class,
                    () -> store.store("people", "x.csv", v1, null, true, "not json", false));
        }
    }

    @Test
    void aDirtyVersionHasNoCommitUntilItsBytesAreCommitted() throws Exception {
        try (Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            ProfileStore store = new ProfileStore(catalog);
            FileFingerprint fp = Fingerprints.fingerprint(file("a.csv", "id,age\n1,30\n"));
            StoredProfile dirty = store.store("people", "people.csv", fp, "head", true, profile(1, 30, false), false);
            assertTrue(dirty.dirty());
            assertNull(dirty.commitSha());
            assertNull(dirty.version().gitBlobId());
            StoredProfile clean = store.store("people", "people.csv", fp, "c9", false, profile(1, 30, false), false);
            assertFalse(clean.dirty());
            assertEquals("c9", clean.commitSha());
            assertEquals(fp.gitBlobId(), clean.version().gitBlobId());
            assertEquals(dirty.version().id(), clean.version().id(), "the same bytes are the same version");
        }
    }

    @Test
    void approvingASchemaWritesAnAuditEntry() {
        try (Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            ProfileStore store = new ProfileStore(catalog);
            assertTrue(store.approvedSchema("people").isEmpty());
            SchemaSnapshot schema = new SchemaSnapshot(List.of(new SchemaColumn("id", ColumnType.NUMERIC),
                    new SchemaColumn("city", ColumnType.CATEGORICAL)));
            store.approveSchema("people", schema, "ana");
            assertEquals(schema, store.approvedSchema("people").orElseThrow());

            AuditLog audit = new AuditLog(catalog);
            assertEquals(1, audit.count());
            AuditEntry entry = audit.list(0, 1).get(0);
            assertEquals("ana", entry.actor());
            assertEquals("approve_schema", entry.action());
            assertEquals("dataset", entry.entity());
            assertTrue(entry.detailsJson().contains("people"), entry.detailsJson());
            assertThrows(CatalogException.class, () -> store.approveSchema("people", schema, ""));
            assertEquals(1, audit.count());
        }
    }

    @Test
    void qualityResultsAreStoredWithTheProfile() throws Exception {
        try (Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            ProfileStore store = new ProfileStore(catalog);
            FileFingerprint fp = Fingerprints.fingerprint(file("a.csv", "id\n1\n"));
            StoredProfile p = store.store("people", "people.csv", fp, null, true, profile(1, 30, false), false);
            QualityRule notNull = new QualityRule(RuleType.NOT_NULL, "id", null, null, null, null, null, null);
            QualityReport report = new QualityReport(List.of(
                    new RuleResult(notNull, "not_null(id)", RuleResult.Status.PASS, 0, "0 missing of 1 rows", "ok",
                            List.of()),
                    new RuleResult(notNull, "not_null(age)", RuleResult.Status.FAIL, 2, "2 missing of 1 rows", "bad",
                            List.of("row 1: missing"))));
            store.storeQuality(p.profileId(), report);
            List<QualityCheckRecord> checks = store.quality(p.profileId());
            assertEquals(List.of(CheckStatus.PASSED, CheckStatus.FAILED),
                    checks.stream().map(QualityCheckRecord::status).toList());
            assertEquals("not_null(age)", checks.get(1).rule());
            assertTrue(checks.get(1).detailsJson().contains("\"examples\":[\"row 1: missing\"]"),
                    checks.get(1).detailsJson());
            assertTrue(checks.get(1).detailsJson().contains("\"violations\":2"), checks.get(1).detailsJson());
        }
    }

    /** The whole path: versions from git, materialized, fingerprinted, stored, cached, and diffed. */
    @Test
    void versionsFromGitAreProfiledOnceAndDiffed() throws Exception {
        try (GitRepo repo = GitRepo.init(project);
             Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            Path csv = project.resolve("data/people.csv");
            Files.createDirectories(csv.getParent());
            Files.writeString(csv, DatasetVersionsTest.V1, StandardCharsets.UTF_8);
            repo.commit(List.of("data/people.csv"), "add people");
            Files.writeString(csv, DatasetVersionsTest.V2, StandardCharsets.UTF_8);
            CommitInfo head = repo.commit(List.of("data/people.csv"), "city column");
            Files.writeString(csv, DatasetVersionsTest.DIRTY, StandardCharsets.UTF_8);

            DatasetVersions versions = new DatasetVersions();
            ProfileStore store = new ProfileStore(catalog);
            List<DatasetVersion> all = versions.versions(repo, "data/people.csv", 10);
            assertEquals(3, all.size());
            Map<String, String> fakeProfiles = Map.of(
                    DatasetVersionsTest.V1, profile(2, 35, false),
                    DatasetVersionsTest.V2, "{\"rows\":3,\"columns\":[{\"name\":\"id\",\"type\":\"numeric\"},"
                            + "{\"name\":\"age\",\"type\":\"numeric\",\"mean\":42.0},"
                            + "{\"name\":\"city\",\"type\":\"categorical\"}]}",
                    DatasetVersionsTest.DIRTY, "{\"rows\":1,\"columns\":[{\"name\":\"id\",\"type\":\"numeric\"},"
                            + "{\"name\":\"age\",\"type\":\"text\"},{\"name\":\"city\",\"type\":\"categorical\"}]}");
            int profiled = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = all.size() - 1; i >= 0; i--) {
                    DatasetVersion v = all.get(i);
                    Path bytes = versions.materialize(repo, v, temp);
                    FileFingerprint fp = Fingerprints.fingerprint(bytes);
                    if (store.find(fp.sha256()).isPresent()) {
                        continue;
                    }
                    profiled++;
                    store.store("people", v.path(), fp, v.workingTree() ? head.sha() : v.commitSha(),
                            v.workingTree(), fakeProfiles.get(Files.readString(bytes)), false);
                }
            }
            assertEquals(3, profiled, "each version is profiled once");
            List<StoredProfile> history = store.history("people");
            assertEquals(3, history.size());
            assertTrue(history.get(2).dirty());
            assertEquals(head.sha(), history.get(1).commitSha());

            DiffResult v1v2 = new ProfileDiff().diff(history.get(0).profileJson(), history.get(1).profileJson());
            assertEquals(List.of("city"), v1v2.added());
            assertEquals(0.2, v1v2.delta("age", "mean").orElseThrow().relativeChange(), 1e-12);
            DiffResult v2dirty = new ProfileDiff().diff(history.get(1).profileJson(), history.get(2).profileJson());
            assertEquals(List.of(new TypeChange("age", "numeric", "text")), v2dirty.typeChanges());
        }
    }
}
