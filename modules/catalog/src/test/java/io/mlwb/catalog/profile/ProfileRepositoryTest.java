package io.mlwb.catalog.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void profilesAreFoundBySha256AndListedNewestPerVersion() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            ProfileRepository profiles = new ProfileRepository(catalog);
            long credit = datasets.register("credit", null).id();
            DatasetVersionRecord v1 = datasets.addVersion(credit,
                    new NewDatasetVersion("credit.csv", "aa11", "b1", "c1", 10, 2L, 1L));
            DatasetVersionRecord v2 = datasets.addVersion(credit,
                    new NewDatasetVersion("credit.csv", "bb22", null, null, 12, 3L, 1L));

            assertTrue(profiles.latestBySha256("aa11").isEmpty());
            ProfileRecord p1 = profiles.insert(v1.id(), "{\"rows\":2}", false);
            ProfileRecord p2 = profiles.insert(v2.id(), "{\"rows\":3}", true);
            ProfileRecord p1again = profiles.insert(v1.id(), "{\"rows\":2,\"again\":true}", false);

            assertEquals(p1again, profiles.latestBySha256("aa11").orElseThrow());
            assertEquals(p2, profiles.latestBySha256("bb22").orElseThrow());
            assertTrue(p2.approximate());
            assertFalse(p1.approximate());
            assertEquals(p1, profiles.find(p1.id()).orElseThrow());
            assertEquals(List.of(p1again.id(), p2.id()),
                    profiles.latestPerVersion(credit).stream().map(ProfileRecord::id).toList());
            assertEquals(List.of(), profiles.latestPerVersion(credit + 100));
            assertThrows(CatalogException.class, () -> profiles.insert(v2.id() + 100, "{}", false));
        }
    }

    @Test
    void checksAreStoredAgainstTheProfilesVersion() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            ProfileRepository profiles = new ProfileRepository(catalog);
            long id = datasets.register("credit", null).id();
            DatasetVersionRecord v1 = datasets.addVersion(id, new NewDatasetVersion("c.csv", "aa", null, null, 1,
                    null, null));
            ProfileRecord p = profiles.insert(v1.id(), "{}", false);
            profiles.insertChecks(p.id(), List.of(new NewQualityCheck("not_null(id)", CheckStatus.PASSED, null),
                    new NewQualityCheck("range(age, 18..100)", CheckStatus.FAILED, "{\"violations\":2}")));
            List<QualityCheckRecord> checks = profiles.checks(p.id());
            assertEquals(List.of("not_null(id)", "range(age, 18..100)"),
                    checks.stream().map(QualityCheckRecord::rule).toList());
            assertEquals(CheckStatus.FAILED, checks.get(1).status());
            assertEquals("{\"violations\":2}", checks.get(1).detailsJson());
            assertEquals(v1.id(), checks.get(0).datasetVersionId());
            assertNull(checks.get(0).detailsJson());
            assertThrows(CatalogException.class, () -> profiles.insertChecks(p.id() + 1, List.of()));
        }
    }

    @Test
    void markCommittedFillsOnlyAMissingCommit() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            long id = datasets.register("credit", null).id();
            DatasetVersionRecord dirty = datasets.addVersion(id, new NewDatasetVersion("c.csv", "aa", null, null, 1,
                    null, null));
            DatasetVersionRecord marked = datasets.markCommitted(dirty.id(), "c1", "b1");
            assertEquals("c1", marked.commitSha());
            assertEquals("b1", marked.gitBlobId());
            assertEquals("c1", datasets.markCommitted(dirty.id(), "c2", "b1").commitSha(), "the first commit stays");
            assertEquals("credit", datasets.find(id).orElseThrow().name());
            assertTrue(datasets.find(id + 1).isEmpty());
            assertThrows(CatalogException.class, () -> datasets.markCommitted(dirty.id() + 5, "c", "b"));
        }
    }

    @Test
    void approvingASchemaStoresItAndAppendsAnAuditEntry() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            SchemaSnapshotRepository schemas = new SchemaSnapshotRepository(catalog, clock);
            AuditLog audit = new AuditLog(catalog);
            long id = datasets.register("credit", null).id();
            assertTrue(schemas.latestApproved(id).isEmpty());

            schemas.approve(id, null, "{\"columns\":[]}", "ana");
            SchemaSnapshotRecord second = schemas.approve(id, null, "{\"columns\":[{\"name\":\"a\"}]}", "li");
            assertEquals(second, schemas.latestApproved(id).orElseThrow());
            assertEquals("li", second.approvedBy());
            assertEquals(clock.instant(), second.approvedAt());

            assertEquals(2, audit.count());
            AuditEntry last = audit.list(1, 1).get(0);
            assertEquals("li", last.actor());
            assertEquals("approve_schema", last.action());
            assertEquals("dataset", last.entity());
            assertEquals(Long.toString(id), last.entityId());
            assertTrue(last.detailsJson().contains("\"dataset\":\"credit\""), last.detailsJson());
            assertTrue(audit.verify().ok());

            assertThrows(CatalogException.class, () -> schemas.approve(id + 1, null, "{}", "ana"));
            assertThrows(CatalogException.class, () -> schemas.approve(id, null, "{}", " "));
            assertEquals(2, audit.count(), "a refused approval leaves no audit entry");
        }
    }
}
