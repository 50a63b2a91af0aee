package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way opening or writing the catalog can fail that a person can hit, and what they are told. */
class CatalogOpenErrorsTest {
    @TempDir
    Path dir;

    @Test
    void garbageFileIsNotACatalogAndIsLeftByteForByteUntouched() throws Exception {
        Path file = dir.resolve("catalog.db");
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Files.write(file, garbage);

        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));
        assertTrue(e.getMessage().contains(file + " is not a SQLite catalog"), e.getMessage());
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        assertFalse(e.whatToDo().isBlank());
        CatalogException ro = assertThrows(CatalogException.class, () -> Catalog.openReadOnly(file));
        assertTrue(ro.getMessage().contains("is not a SQLite catalog"), ro.getMessage());

        assertArrayEquals(garbage, Files.readAllBytes(file));
        assertEquals(Set.of("catalog.db"), namesIn(dir), "no -wal/-shm/-journal files were created");
    }

    @Test
    void damagedFileBehindAValidHeaderIsRefusedBeforeAnyWrite() throws Exception {
        Path good = dir.resolve("good.db");
        Catalog.open(good).close();
        byte[] bytes = Files.readAllBytes(good);
        // Keep the real 100-byte header (page size, user_version), in rollback-journal mode so that enabling
        // WAL would write to it, and fill every page after it with garbage.
        bytes[18] = 1;
        bytes[19] = 1;
        byte[] garbage = new byte[bytes.length - 100];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, 100, garbage.length);
        Path file = dir.resolve("catalog.db");
        Files.write(file, bytes);

        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));
        assertTrue(e.getMessage().contains(file + " is not a SQLite catalog"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void textFileWithTheRightNameIsNotACatalogEither() throws Exception {
        Path file = dir.resolve("catalog.db");
        Files.writeString(file, "not a database\n");
        byte[] before = Files.readAllBytes(file);
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));
        assertTrue(e.getMessage().contains("is not a SQLite catalog"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void newerSchemaIsRefusedForWritingButOpensReadOnly() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            RawSqlite.update(catalog, "insert run", "INSERT INTO run(name) VALUES ('from the future')");
        }
        int newer = Catalog.supportedSchemaVersion() + 1;
        RawSqlite.exec(file, "PRAGMA user_version = " + newer);
        byte[] before = Files.readAllBytes(file);

        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("schema version " + newer + ", newer than this mlwb supports"),
                e.getMessage());
        assertTrue(e.whatToDo().contains("read-only"), e.whatToDo());
        assertArrayEquals(before, Files.readAllBytes(file));

        try (Catalog catalog = Catalog.openReadOnly(file)) {
            assertTrue(catalog.readOnly());
            assertEquals(newer, catalog.schemaVersion());
            assertTrue(catalog.readOnlyReason().isPresent());
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
            CatalogException write = assertThrows(CatalogException.class,
                    () -> RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('x')"));
            assertTrue(write.getMessage().contains("catalog is open read-only"), write.getMessage());
            assertTrue(write.getMessage().contains("save run"), write.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void openReadOnlyNeverMigratesOrWrites() throws Exception {
        Path file = dir.resolve("catalog.db");
        Catalog.open(file).close();
        byte[] before = Files.readAllBytes(file);
        try (Catalog catalog = Catalog.openReadOnly(file)) {
            assertTrue(catalog.readOnly());
            assertEquals("opened read-only on request", catalog.readOnlyReason().orElseThrow());
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
            CatalogException e = assertThrows(CatalogException.class,
                    () -> RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('x')"));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void openReadOnlyNeedsAnExistingCatalog() throws Exception {
        Path missing = dir.resolve("missing.db");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.openReadOnly(missing));
        assertTrue(e.getMessage().contains("There is no catalog at " + missing), e.getMessage());
        assertFalse(Files.exists(missing));

        Path plain = dir.resolve("plain.db");
        RawSqlite.exec(plain, "CREATE TABLE t(x)");
        CatalogException notOurs = assertThrows(CatalogException.class, () -> Catalog.openReadOnly(plain));
        assertTrue(notOurs.getMessage().contains("not an mlwb catalog"), notOurs.getMessage());
    }

    @Test
    void unwritableFileAndFolderFallBackToReadOnly() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("ro"));
        Path file = folder.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            RawSqlite.update(catalog, "insert run", "INSERT INTO run(name) VALUES ('r')");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // As root (as in CI containers) permissions do not stop writes: nothing to fall back from.
            Assumptions.assumeFalse(canWriteIn(folder), "permissions do not stop this user from writing");
            try (Catalog catalog = Catalog.open(file)) {
                assertTrue(catalog.readOnly());
                String reason = catalog.readOnlyReason().orElseThrow();
                assertTrue(reason.contains("not writable"), reason);
                assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
                CatalogException e = assertThrows(CatalogException.class,
                        () -> RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('x')"));
                assertTrue(e.getMessage().contains("catalog is open read-only"), e.getMessage());
            }
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void lockedBeyondTheRetryBudgetSaysWhoToBlame() throws Exception {
        Path file = dir.resolve("catalog.db");
        CatalogOptions fast = new CatalogOptions(Duration.ofMillis(50), Duration.ofMillis(200));
        try (Catalog catalog = Catalog.open(file, fast); Connection other = RawSqlite.connect(file)) {
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO run(name) VALUES ('other, uncommitted')");
            }
            CatalogException e = assertThrows(CatalogException.class,
                    () -> RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('mine')"));
            assertTrue(e.getMessage().contains("The catalog " + file + " is locked by another process"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("'save run'"), e.getMessage());
            assertEquals(ExitCode.INTERNAL, e.exit());
            assertTrue(SqliteCodes.isBusy(e.getCause()), "the cause is SQLite's busy error");

            try (Statement st = other.createStatement()) {
                st.execute("ROLLBACK");
            }
            RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('mine')");
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
        }
    }

    @Test
    void aWriterThatWaitsForALockReleasedLaterSucceeds() throws Exception {
        Path file = dir.resolve("catalog.db");
        // SQLite gives up after 20 ms per attempt, so the release is only seen by retrying.
        CatalogOptions retrying = new CatalogOptions(Duration.ofMillis(20), Duration.ofSeconds(30));
        try (Catalog catalog = Catalog.open(file, retrying); Connection other = RawSqlite.connect(file)) {
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO run(name) VALUES ('other')");
            }
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    try (Statement st = other.createStatement()) {
                        st.execute("COMMIT");
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            releaser.start();
            RawSqlite.update(catalog, "save run", "INSERT INTO run(name) VALUES ('mine')");
            releaser.join();
            assertEquals(2, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
        }
    }

    @Test
    void failingWriteRollsBackEverythingAndNamesTheOperation() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RawSqlite.update(catalog, "seed", "INSERT INTO dataset(name) VALUES ('credit')");
            CatalogException e = assertThrows(CatalogException.class, () -> catalog.inTransaction("import datasets",
                    c -> {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("INSERT INTO run(name) VALUES ('a')");
                            st.executeUpdate("INSERT INTO run(name) VALUES ('b')");
                            st.executeUpdate("INSERT INTO dataset(name) VALUES ('new one')");
                            st.executeUpdate("INSERT INTO dataset(name) VALUES ('credit')");   // UNIQUE violation
                        }
                        return null;
                    }));
            assertTrue(e.getMessage().contains("'import datasets'"), e.getMessage());
            assertTrue(e.getMessage().contains("catalog.db"), e.getMessage());
            assertTrue(e.whatToDo().startsWith("Nothing was written"), e.whatToDo());
            assertEquals(ExitCode.BAD_INPUT, e.exit());
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
            assertEquals(1, RawSqlite.queryLong(catalog, "SELECT count(*) FROM dataset"));
        }
    }

    @Test
    void folderThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("project"), "a file where the folder should be");
        Path file = blocker.resolve(".mlwb/catalog.db");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void migrationScriptsSplitOnStatementsNotOnSemicolonsInsideThem() {
        var statements = Migrations.statements("""
                -- a comment; with a semicolon and an apostrophe's
                CREATE TABLE a (x TEXT DEFAULT 'semi;colon');
                /* block; comment */
                CREATE TRIGGER t BEFORE DELETE ON a
                BEGIN
                    SELECT RAISE(ABORT, 'no; never');
                END;
                INSERT INTO a(x) VALUES ('it''s; fine')
                """);
        assertEquals(3, statements.size(), statements.toString());
        assertTrue(statements.get(1).startsWith("CREATE TRIGGER") && statements.get(1).endsWith("END"));
        assertEquals("INSERT INTO a(x) VALUES ('it''s; fine')", statements.get(2));
    }

    private static boolean canWriteIn(Path folder) {
        Path probe = folder.resolve(".probe");
        try {
            Files.writeString(probe, "probe");
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
