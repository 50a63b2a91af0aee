package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path dir;

    private static final Set<String> TABLES = Set.of("catalog_meta", "dataset", "dataset_version", "profile",
            "quality_check", "schema_snapshot", "experiment", "run", "run_dataset", "run_param", "run_tag", "artifact",
            "checkpoint", "lineage_edge", "model", "model_version", "model_alias", "model_card", "approval",
            "drift_report", "deployment", "audit_log", "card_comment", "metric_key", "metric_block", "metric_latest", "change_log",
            "profile_matrix", "run_source", "deployment_smoke_test");

    @Test
    void newCatalogHasTheWholeSchemaInWalMode() throws Exception {
        Path file = dir.resolve("project/.mlwb/catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            assertFalse(catalog.readOnly());
            assertTrue(catalog.readOnlyReason().isEmpty());
            assertEquals(Catalog.supportedSchemaVersion(), catalog.schemaVersion());
            assertEquals(13, Catalog.supportedSchemaVersion());
            Set<String> tables = catalog.read("list tables", c -> {
                Set<String> names = new TreeSet<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table'")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            });
            assertEquals(new TreeSet<>(TABLES), tables);
            assertEquals(2, RawSqlite.queryLong(catalog, "SELECT count(*) FROM sqlite_master "
                    + "WHERE type = 'trigger' AND tbl_name = 'audit_log' AND name LIKE 'audit_log_no_%'"));
            String mode = catalog.read("journal mode", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    return rs.getString(1);
                }
            });
            assertEquals("wal", mode);
            assertEquals(1, RawSqlite.queryLong(catalog, "PRAGMA foreign_keys"));
            CatalogMeta meta = new CatalogMeta(catalog);
            String version = meta.get("created_by_version").orElseThrow();
            assertFalse(version.isBlank() || version.contains("${"), version);
            assertTrue(Long.parseLong(meta.get("created_at").orElseThrow()) > 1_600_000_000_000L);
        }
    }

    @Test
    void runAcceptsJustANameAndDefaultsTheRest() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long before = System.currentTimeMillis();
            long id = catalog.inTransaction("insert run", c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO run(name) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    st.setString(1, "bare");
                    st.executeUpdate();
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
            long after = System.currentTimeMillis();
            catalog.read("check run", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT status, created_at, source FROM run WHERE id = " + id)) {
                    assertTrue(rs.next());
                    assertEquals("created", rs.getString(1));
                    long created = rs.getLong(2);
                    // Millisecond precision from strftime('%f'), on the same clock as Java's.
                    assertTrue(created >= before - 1 && created <= after + 1, before + " <= " + created + " <= " + after);
                    assertEquals("mlwb", rs.getString(3));
                }
                return null;
            });
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            RawSqlite.update(catalog, "insert run", "INSERT INTO run(name) VALUES ('kept')");
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Catalog.supportedSchemaVersion(), catalog.schemaVersion());
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run WHERE name = 'kept'"));
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM catalog_meta WHERE key = 'created_at'"));
        }
    }

    @Test
    void foreignKeysAreEnforcedAndDeletesCascadeOrRestrict() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            CatalogException e = assertThrows(CatalogException.class, () -> RawSqlite.update(catalog,
                    "add param to a missing run", "INSERT INTO run_param(run_id, key, value) VALUES (999, 'lr', '0.1')"));
            assertTrue(e.getMessage().contains("add param to a missing run"), e.getMessage());
            assertEquals(ExitCode.BAD_INPUT, e.exit());

            catalog.inTransaction("seed", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO dataset(id, name) VALUES (1, 'credit')");
                    st.executeUpdate("INSERT INTO dataset_version(id, dataset_id, version_no, path, sha256, size_bytes) "
                            + "VALUES (1, 1, 1, 'data/credit.csv', 'abc', 10)");
                    st.executeUpdate("INSERT INTO run(id, name) VALUES (1, 'r')");
                    st.executeUpdate("INSERT INTO run(id, name, parent_run_id) VALUES (2, 'child', 1)");
                    st.executeUpdate("INSERT INTO run_param(run_id, key, value) VALUES (2, 'lr', '0.1')");
                    st.executeUpdate("INSERT INTO run_dataset(run_id, dataset_version_id, role) VALUES (2, 1, 'train')");
                }
                return null;
            });
            // A dataset version a run read cannot be deleted (provenance); deleting the sweep removes its children.
            assertThrows(CatalogException.class,
                    () -> RawSqlite.update(catalog, "delete version", "DELETE FROM dataset_version WHERE id = 1"));
            RawSqlite.update(catalog, "delete sweep", "DELETE FROM run WHERE id = 1");
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run_param"));
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run_dataset"));
            RawSqlite.update(catalog, "delete version", "DELETE FROM dataset_version WHERE id = 1");
        }
    }

    @Test
    void checkConstraintsRejectUnknownStatuses() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            assertThrows(CatalogException.class, () -> RawSqlite.update(catalog, "bad status",
                    "INSERT INTO run(name, status) VALUES ('r', 'exploded')"));
            assertThrows(CatalogException.class, () -> RawSqlite.update(catalog, "bad flag",
                    "INSERT INTO run(name, dirty) VALUES ('r', 2)"));
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
        }
    }

    @Test
    void nestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            assertThrows(IllegalStateException.class, () -> catalog.inTransaction("outer", c -> {
                RawSqlite.update(catalog, "inner", "INSERT INTO run(name) VALUES ('inner')");
                assertTrue(catalog.inWriteTransaction());
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO run(name) VALUES ('outer')");
                }
                throw new IllegalStateException("boom");
            }));
            assertFalse(catalog.inWriteTransaction());
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));

            catalog.inTransaction("outer", c -> RawSqlite.update(catalog, "inner", "INSERT INTO run(name) VALUES ('x')"));
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
        }
    }

    @Test
    void writingInsideAReadIsRefused() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            assertThrows(IllegalStateException.class, () -> catalog.read("read",
                    c -> RawSqlite.update(catalog, "sneaky write", "INSERT INTO run(name) VALUES ('x')")));
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
        }
    }

    @Test
    void aClosedCatalogSaysSo() {
        Catalog catalog = Catalog.open(dir.resolve("catalog.db"));
        catalog.close();
        catalog.close();   // idempotent
        CatalogException e = assertThrows(CatalogException.class, () -> RawSqlite.queryLong(catalog, "SELECT 1"));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }
}
