package io.mlwb.catalog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.RawSqlite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditServiceTest {
    @TempDir
    Path dir;
    private Catalog catalog;
    private AuditLog log;
    private AuditService service;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        log = new AuditLog(catalog);
        service = new AuditService(catalog);
        log.append("ada", "project.create", "project", null, Map.of("name", "credit"));
        log.append("ada", "dataset.profile", "dataset", "applications_2023", Map.of("rows", 1000));
        log.append("grace", "run.create", "run", "7", Map.of("spec", "train/baseline.yaml"));
        log.append("Grace", "card.approve", "model_card", "credit-v1", Map.of("note", "50%_done"));
        log.append("mlwb", "dataset.profile", "dataset", "applications_2024", Map.of());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void pagesOldestFirstLikeTheLog() {
        AuditPage first = service.page(new AuditQuery(0, 2, null, false));
        assertEquals(List.of(1L, 2L), seqs(first));
        assertEquals(5, first.total());
        AuditPage rest = service.page(new AuditQuery(2, 10, "", false));
        assertEquals(List.of(3L, 4L, 5L), seqs(rest));
        assertEquals(log.list(2, 10), rest.entries(), "the same entries AuditLog.list reads");
    }

    @Test
    void pagesNewestFirst() {
        assertEquals(List.of(5L, 4L), seqs(service.page(AuditQuery.newest(2))));
        AuditPage second = service.page(new AuditQuery(2, 2, "", true));
        assertEquals(List.of(3L, 2L), seqs(second));
        assertEquals(5, second.total());
        assertEquals(List.of(), service.page(new AuditQuery(10, 2, "", true)).entries());
    }

    @Test
    void filterMatchesAnySearchedColumnIgnoringCaseAndCountsMatches() {
        AuditPage graces = service.page(new AuditQuery(0, 10, "GRACE", true));
        assertEquals(List.of(4L, 3L), seqs(graces), "actor, either case");
        assertEquals(2, graces.total());

        assertEquals(List.of(2L, 5L), seqs(service.page(new AuditQuery(0, 10, "profile", false))), "action");
        assertEquals(List.of(4L), seqs(service.page(new AuditQuery(0, 10, "model_card", false))), "entity");
        assertEquals(List.of(5L), seqs(service.page(new AuditQuery(0, 10, "_2024", false))), "entity id");
        assertEquals(List.of(3L), seqs(service.page(new AuditQuery(0, 10, "baseline.yaml", false))), "details");
        assertEquals(List.of(1L), seqs(service.page(new AuditQuery(0, 10, "  credit\"  ", false))),
                "details JSON, the filter trimmed");

        AuditPage paged = service.page(new AuditQuery(1, 1, "dataset", true));
        assertEquals(List.of(2L), seqs(paged), "paging counts matching entries only");
        assertEquals(2, paged.total());
    }

    @Test
    void likeWildcardsInTheFilterAreLiteral() {
        assertEquals(List.of(4L), seqs(service.page(new AuditQuery(0, 10, "50%_", false))));
        assertEquals(List.of(4L), seqs(service.page(new AuditQuery(0, 10, "%", false))), "only 50%_done holds a %");
        assertEquals(List.of(2L, 4L, 5L), seqs(service.page(new AuditQuery(0, 10, "_", false))),
                "only the entries holding an underscore");
        assertEquals(0, service.page(new AuditQuery(0, 10, "\\", false)).total());
    }

    @Test
    void aFilterMatchingNothingGivesAnEmptyPage() {
        AuditPage none = service.page(new AuditQuery(0, 10, "mallory", true));
        assertTrue(none.entries().isEmpty());
        assertEquals(0, none.total());
    }

    @Test
    void countAndVerifyOfAnIntactLog() {
        assertEquals(5, service.count());
        AuditVerification v = service.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(5, v.entriesChecked());
    }

    @Test
    void verifyFindsTheAlteredEntry() {
        RawSqlite.update(catalog, "drop trigger", "DROP TRIGGER audit_log_no_update");
        RawSqlite.update(catalog, "tamper", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        AuditVerification v = service.verify();
        assertFalse(v.ok());
        assertEquals(3, v.firstBroken().orElseThrow());
        assertEquals(AuditVerification.HASH_MISMATCH, v.reason().orElseThrow());
        assertEquals(List.of(3L), seqs(service.page(new AuditQuery(0, 10, "mallory", true))),
                "the altered entry is still listed as stored");
    }

    @Test
    void readsAReadOnlyCatalog() {
        catalog.close();
        catalog = Catalog.openReadOnly(dir.resolve("catalog.db"));
        AuditService readOnly = new AuditService(catalog);
        assertEquals(5, readOnly.page(AuditQuery.newest(100)).total());
        assertTrue(readOnly.verify().ok());
    }

    @Test
    void aClosedCatalogIsACatalogError() {
        catalog.close();
        assertThrows(CatalogException.class, () -> service.page(AuditQuery.newest(10)));
    }

    @Test
    void queriesRejectNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> new AuditQuery(-1, 10, "", true));
        assertThrows(IllegalArgumentException.class, () -> new AuditQuery(0, -1, "", true));
        assertFalse(new AuditQuery(0, 1, "   ", true).filtered());
    }

    private static List<Long> seqs(AuditPage page) {
        return page.entries().stream().map(AuditEntry::seq).toList();
    }
}
