package io.mlwb.catalog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.RawSqlite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final long T0 = 1_760_000_000_000L;

    @TempDir
    Path dir;
    private Catalog catalog;
    private AuditLog log;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        log = new AuditLog(catalog, Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void entriesFormAChainThatVerifies() {
        for (int i = 1; i <= 5; i++) {
            log.append("ada", "create", "run", String.valueOf(i), Map.of("n", i));
        }
        List<AuditEntry> entries = log.list(0, 100);
        assertEquals(5, entries.size());
        assertEquals(AuditLog.GENESIS_HASH, entries.get(0).prevHash());
        assertEquals("0".repeat(64), AuditLog.GENESIS_HASH);
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, entries.get(i).seq(), "oldest first, seq from 1");
            if (i > 0) {
                assertEquals(entries.get(i - 1).hash(), entries.get(i).prevHash());
            }
        }
        AuditVerification v = log.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(5, v.entriesChecked());
        assertTrue(v.firstBroken().isEmpty());
        assertTrue(v.reason().isEmpty());
        assertEquals(5, log.count());
    }

    @Test
    void hashIsSha256OfPreviousHashAndCanonicalJson() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", List.of(1, 2));
        details.put("alpha", Map.of("y", true, "x", "é"));
        AuditEntry e = log.append("ada", "approve", "model_card", "7", details);

        assertEquals("{\"alpha\":{\"x\":\"é\",\"y\":true},\"zeta\":[1,2]}", e.detailsJson());
        String canonical = "{\"action\":\"approve\",\"actor\":\"ada\",\"details\":" + e.detailsJson()
                + ",\"entity\":\"model_card\",\"entity_id\":\"7\",\"seq\":1,\"time\":" + T0 + "}";
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((AuditLog.GENESIS_HASH + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), e.hash());
        assertEquals(e, log.list(0, 1).get(0), "what append returns is what is stored");
    }

    @Test
    void nullEntityIdAndNoDetailsAreFine() {
        AuditEntry e = log.append("mlwb", "migrate", "catalog", null, null);
        assertEquals("{}", e.detailsJson());
        assertTrue(log.verify().ok());
    }

    @Test
    void updateAndDeleteAreRefusedByTriggers() {
        log.append("ada", "create", "run", "1", Map.of());
        CatalogException update = assertThrows(CatalogException.class,
                () -> RawSqlite.update(catalog, "edit audit", "UPDATE audit_log SET actor = 'eve'"));
        assertTrue(update.getMessage().contains("audit_log is append-only"), update.getMessage());
        CatalogException delete = assertThrows(CatalogException.class,
                () -> RawSqlite.update(catalog, "erase audit", "DELETE FROM audit_log"));
        assertTrue(delete.getMessage().contains("audit_log is append-only"), delete.getMessage());
        assertEquals("ada", log.list(0, 1).get(0).actor());
        assertEquals(1, log.count());
    }

    @Test
    void alteredDetailsAreFoundAtThatEntry() {
        appendFive();
        RawSqlite.update(catalog, "drop trigger", "DROP TRIGGER audit_log_no_update");
        RawSqlite.update(catalog, "tamper", "UPDATE audit_log SET details = '{\"n\":999}' WHERE seq = 3");
        AuditVerification v = log.verify();
        assertFalse(v.ok());
        assertEquals(3, v.firstBroken().orElseThrow());
        assertEquals(AuditVerification.HASH_MISMATCH, v.reason().orElseThrow());
        assertEquals(3, v.entriesChecked());
    }

    @Test
    void detailsThatAreNoLongerJsonAreAHashMismatch() {
        appendFive();
        RawSqlite.update(catalog, "drop trigger", "DROP TRIGGER audit_log_no_update");
        RawSqlite.update(catalog, "tamper", "UPDATE audit_log SET details = 'not json' WHERE seq = 2");
        AuditVerification v = log.verify();
        assertEquals(2, v.firstBroken().orElseThrow());
        assertEquals(AuditVerification.HASH_MISMATCH, v.reason().orElseThrow());
    }

    @Test
    void replacedPreviousHashIsFound() {
        appendFive();
        RawSqlite.update(catalog, "drop trigger", "DROP TRIGGER audit_log_no_update");
        RawSqlite.update(catalog, "tamper", "UPDATE audit_log SET prev_hash = '" + "f".repeat(64) + "' WHERE seq = 4");
        AuditVerification v = log.verify();
        assertEquals(4, v.firstBroken().orElseThrow());
        assertEquals(AuditVerification.PREVIOUS_HASH_MISMATCH, v.reason().orElseThrow());
    }

    @Test
    void deletedMiddleEntryIsAGapInSequence() {
        appendFive();
        RawSqlite.update(catalog, "drop trigger", "DROP TRIGGER audit_log_no_delete");
        RawSqlite.update(catalog, "tamper", "DELETE FROM audit_log WHERE seq = 3");
        AuditVerification v = log.verify();
        assertFalse(v.ok());
        assertEquals(4, v.firstBroken().orElseThrow());
        assertEquals(AuditVerification.GAP_IN_SEQUENCE, v.reason().orElseThrow());
    }

    @Test
    void appendInsideTheCallersTransactionCommitsOrRollsBackWithTheChange() {
        catalog.inTransaction("register dataset", c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO dataset(name) VALUES ('credit')");
            }
            return log.append(c, "ada", "register", "dataset", "credit", Map.of());
        });
        assertThrows(IllegalStateException.class, () -> catalog.inTransaction("register dataset", c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO dataset(name) VALUES ('fraud')");
            }
            log.append(c, "ada", "register", "dataset", "fraud", Map.of());
            throw new IllegalStateException("the change failed after its audit entry");
        }));
        assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM dataset"));
        assertEquals(1, log.count());
        assertEquals("credit", log.list(0, 10).get(0).entityId());
        assertTrue(log.verify().ok());
    }

    @Test
    void appendWithAConnectionOutsideATransactionIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> catalog.read("read",
                c -> log.append(c, "ada", "create", "run", "1", Map.of())));
        assertEquals(0, log.count());
    }

    @Test
    void detailsMustBePlainJson() {
        assertThrows(IllegalArgumentException.class,
                () -> log.append("ada", "create", "run", "1", Map.of("thing", new Object())));
        assertEquals(0, log.count());
    }

    @Test
    void listPagesOldestFirst() {
        appendFive();
        List<AuditEntry> page = log.list(1, 2);
        assertEquals(List.of(2L, 3L), page.stream().map(AuditEntry::seq).toList());
        assertTrue(log.list(5, 10).isEmpty());
    }

    @Test
    void readOnlyCatalogRefusesAppends() {
        appendFive();
        catalog.close();
        catalog = Catalog.openReadOnly(dir.resolve("catalog.db"));
        AuditLog readOnly = new AuditLog(catalog);
        assertThrows(CatalogException.class, () -> readOnly.append("ada", "create", "run", "1", Map.of()));
        assertTrue(readOnly.verify().ok());
    }

    @Test
    void appendsFromTwoConnectionsAtOnceKeepOneChain() throws Exception {
        int perWriter = 150;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Catalog other = Catalog.open(dir.resolve("catalog.db"))) {
            List<Future<?>> done = new ArrayList<>();
            for (Catalog c : List.of(catalog, other)) {
                AuditLog writer = new AuditLog(c);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        writer.append("w" + System.identityHashCode(c), "create", "run", String.valueOf(i),
                                Map.of("i", i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditVerification v = log.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(2L * perWriter, v.entriesChecked());
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            log.append("ada", "create", "run", String.valueOf(i), Map.of("n", i));
        }
    }
}
