package io.mlwb.catalog.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.core.error.ExitCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void registersOnceAndFindsByName() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository repo = new DatasetRepository(catalog);
            DatasetRecord credit = repo.register("credit", "German credit");
            assertEquals("credit", credit.name());
            assertEquals("German credit", credit.description());
            assertEquals(credit, repo.register("credit", "another description"), "registering again is a no-op");
            repo.register("fraud", null);
            assertEquals(credit, repo.findByName("credit").orElseThrow());
            assertTrue(repo.findByName("missing").isEmpty());
            assertEquals(List.of("credit", "fraud"), repo.list().stream().map(DatasetRecord::name).toList());
        }
    }

    @Test
    void versionsAreNumberedByContentAndSurviveReopening() {
        Path file = dir.resolve("catalog.db");
        long datasetId;
        try (Catalog catalog = Catalog.open(file)) {
            DatasetRepository repo = new DatasetRepository(catalog);
            datasetId = repo.register("credit", null).id();
            DatasetVersionRecord v1 = repo.addVersion(datasetId,
                    new NewDatasetVersion("data/credit.csv", "aa11", "blob1", "c0ffee", 1_000, 100L, 21L));
            DatasetVersionRecord v2 = repo.addVersion(datasetId,
                    new NewDatasetVersion("data/credit.csv", "bb22", null, null, 1_200, null, null));
            assertEquals(1, v1.versionNo());
            assertEquals(2, v2.versionNo());
            assertEquals("blob1", v1.gitBlobId());
            assertEquals(100L, v1.rowCount());
            assertEquals(21L, v1.columnCount());
            assertNull(v2.rowCount());
            assertNull(v2.gitBlobId());
            assertEquals(v1, repo.addVersion(datasetId,
                    new NewDatasetVersion("data/credit.csv", "aa11", "blob1", "later", 1_000, 100L, 21L)),
                    "the same bytes are the same version");
        }
        try (Catalog catalog = Catalog.open(file)) {
            DatasetRepository repo = new DatasetRepository(catalog);
            List<DatasetVersionRecord> versions = repo.versions(datasetId);
            assertEquals(List.of("aa11", "bb22"), versions.stream().map(DatasetVersionRecord::sha256).toList());
            assertEquals(versions.get(1), repo.latestVersion(datasetId).orElseThrow());
            assertEquals(versions.get(0), repo.version(versions.get(0).id()).orElseThrow());
            assertTrue(repo.version(12345).isEmpty());
            assertTrue(repo.versions(12345).isEmpty());
        }
    }

    @Test
    void versionOfAnUnknownDatasetIsAClearError() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository repo = new DatasetRepository(catalog);
            CatalogException e = assertThrows(CatalogException.class,
                    () -> repo.addVersion(77, new NewDatasetVersion("x.csv", "cc", null, null, 1, null, null)));
            assertTrue(e.getMessage().contains("no dataset with id 77"), e.getMessage());
            assertTrue(e.getMessage().contains("catalog.db"), e.getMessage());
            assertEquals(ExitCode.BAD_INPUT, e.exit());
        }
    }

    @Test
    void blankNameIsRefused() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> new DatasetRepository(catalog).register("  ", null));
            assertTrue(e.whatToDo().contains("non-empty name"), e.whatToDo());
        }
    }
}
