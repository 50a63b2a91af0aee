package io.mlwb.catalog;

import io.mlwb.catalog.events.CatalogEvents;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The project's SQLite catalog ({@code <project>/.mlwb/catalog.db}). Owns the connection, the pragmas
 * (WAL, foreign keys, busy timeout, synchronous=NORMAL), schema migrations and the single place where
 * transactions are retried when another process holds the write lock.
 *
 * <p>Writes run in {@code BEGIN IMMEDIATE} transactions: the write lock is taken at the start, so a
 * transaction never has to upgrade a read lock (which SQLite cannot wait for) and writers from several
 * processes queue on the busy timeout instead of failing.
 *
 * <p>Thread-safe: one connection, used by one thread at a time. Calls nest: {@code inTransaction} or
 * {@code read} inside {@code inTransaction} on the same thread joins the outer transaction.
 *
 * <p>Listeners learn what changed, by this process or another, through {@link #events()} (decision 0004).
 */
public final class Catalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** Every SQLite 3 database file starts with these 16 bytes. */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** A database file is at least one page, and the header alone is 100 bytes. */
    private static final int MIN_DATABASE_SIZE = 100;
    private static final long MAX_BACKOFF_MS = 1_000;
    /** The schema version that added {@code change_log} (V003). */
    private static final int CHANGE_LOG_VERSION = 3;

    private final Path file;
    private final Connection connection;
    private final CatalogOptions options;
    private final String readOnlyReason;
    private final ReentrantLock lock = new ReentrantLock();
    private final ChangeWatcher watcher;
    private volatile int schemaVersion;
    /** Nesting depth of inTransaction/read on the thread holding {@link #lock}; guarded by it. */
    private int depth;
    private boolean writing;
    private boolean closed;

    private Catalog(Path file, Connection connection, CatalogOptions options, String readOnlyReason,
                    int schemaVersion, boolean immutable) {
        this.file = file;
        this.connection = connection;
        this.options = options;
        this.readOnlyReason = readOnlyReason;
        this.schemaVersion = schemaVersion;
        this.watcher = new ChangeWatcher(this, !immutable);
    }

    /**
     * Opens (creating if needed) the catalog file with {@link CatalogOptions#defaults()} and applies pending
     * migrations. See {@link #open(Path, CatalogOptions)}.
     *
     * @param file the catalog database file; its parent folder is created when missing
     * @return the open catalog
     * @throws CatalogException when the file cannot be opened as a catalog
     */
    public static Catalog open(Path file) {
        return open(file, CatalogOptions.defaults());
    }

    /**
     * Opens (creating if needed) the catalog file and applies pending migrations. When the file or its folder
     * is not writable, the catalog is opened read-only instead: {@link #readOnly()} is true, {@link
     * #readOnlyReason()} says why, and a warning is logged. A file that is not a SQLite database is never
     * written to.
     *
     * @param file    the catalog database file; its parent folder is created when missing
     * @param options lock waiting and retry budget
     * @return the open catalog
     * @throws CatalogException when the file is not a SQLite catalog, its schema is newer than this build
     *                          supports (use {@link #openReadOnly}), it is locked for longer than the retry
     *                          budget while migrating, or it cannot be created
     */
    public static Catalog open(Path file, CatalogOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path abs = file.toAbsolutePath().normalize();
        requireSqliteHeader(abs, true);
        Path dir = abs.getParent();
        if (Files.exists(abs)) {
            String why = notWritableReason(abs, dir);
            if (why != null) {
                return fallBackToReadOnly(abs, options, why);
            }
        } else {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CatalogException("Cannot create the folder " + dir + " for the catalog " + abs + ".",
                        "Check that the project folder exists and is writable.", ExitCode.BAD_INPUT, e);
            }
            if (!Files.isWritable(dir)) {
                throw new CatalogException("Cannot create the catalog " + abs + ": the folder " + dir
                        + " is not writable.", "Make the folder writable, or open the project from a writable copy.",
                        ExitCode.BAD_INPUT, null);
            }
        }
        Connection c = connect(abs, options, false, false);
        Catalog catalog = null;
        try {
            int version = userVersion(c);
            if (version > Migrations.latestVersion()) {
                throw newerSchema(abs, version);
            }
            requireReadableSchema(c);   // a damaged file behind a valid header must fail before WAL writes to it
            enableWal(c, abs);
            catalog = new Catalog(abs, c, options, null, version, false);
            catalog.schemaVersion = Migrations.apply(catalog, version);
            LOG.info("Opened catalog {} (schema v{})", abs, catalog.schemaVersion);
            return catalog;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            int code = SqliteCodes.primary(e);
            if (code == SqliteCodes.READONLY || code == SqliteCodes.CANTOPEN) {
                return fallBackToReadOnly(abs, options, "the file system refused to write it (" + rootMessage(e) + ")");
            }
            if (e instanceof CatalogException ce) {
                throw ce;
            }
            throw openFailure(abs, e);
        }
    }

    /**
     * Opens an existing catalog read-only with {@link CatalogOptions#defaults()}, without migrating it. Use it for
     * a catalog whose schema is newer than this build, or on read-only media.
     *
     * @param file the catalog database file
     * @return the open catalog; {@link #readOnly()} is true and every {@link #inTransaction} throws
     * @throws CatalogException when there is no catalog at {@code file} or it is not a SQLite catalog
     */
    public static Catalog openReadOnly(Path file) {
        return openReadOnly(file, CatalogOptions.defaults());
    }

    /**
     * Opens an existing catalog read-only, without migrating it.
     *
     * @param file    the catalog database file
     * @param options lock waiting and retry budget for reads
     * @return the open catalog; {@link #readOnly()} is true and every {@link #inTransaction} throws
     * @throws CatalogException when there is no catalog at {@code file} or it is not a SQLite catalog
     */
    public static Catalog openReadOnly(Path file, CatalogOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return openReadOnlyInternal(file.toAbsolutePath().normalize(), options, "opened read-only on request");
    }

    private static Catalog fallBackToReadOnly(Path abs, CatalogOptions options, String why) {
        LOG.warn("Catalog {} is not writable ({}); opening it read-only", abs, why);
        return openReadOnlyInternal(abs, options, why);
    }

    private static Catalog openReadOnlyInternal(Path abs, CatalogOptions options, String reason) {
        if (!Files.isRegularFile(abs)) {
            throw new CatalogException("There is no catalog at " + abs + " to open read-only.",
                    "Open the project once with write access so mlwb can create its catalog.", ExitCode.BAD_INPUT, null);
        }
        requireSqliteHeader(abs, false);
        Connection c = connect(abs, options, true, false);
        String why = reason;
        boolean immutable = false;
        int version;
        try {
            try {
                version = userVersion(c);
            } catch (SQLException e) {
                int code = SqliteCodes.primary(e);
                if (code != SqliteCodes.CANTOPEN && code != SqliteCodes.READONLY) {
                    throw e;
                }
                // A WAL database in a read-only folder cannot create its -shm file (SQLITE_READONLY_DIRECTORY or
                // CANTOPEN); read the main file as immutable instead (changes other processes make are not seen).
                closeQuietly(c, e);
                c = connect(abs, options, true, true);
                immutable = true;
                version = userVersion(c);
                why = reason + "; read as an immutable snapshot";
            }
            if (version == 0) {
                throw new CatalogException(abs + " is a SQLite database but not an mlwb catalog (schema version 0).",
                        "Check the path; an mlwb catalog is created by opening the project with write access.",
                        ExitCode.BAD_INPUT, null);
            }
            if (version < Migrations.latestVersion()) {
                LOG.warn("Catalog {} has schema v{}, older than v{}; it is not migrated while read-only",
                        abs, version, Migrations.latestVersion());
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            if (e instanceof CatalogException ce) {
                throw ce;
            }
            throw openFailure(abs, e);
        }
        LOG.info("Opened catalog {} read-only (schema v{}): {}", abs, version, why);
        return new Catalog(abs, c, options, why, version, immutable);
    }

    /** @return the catalog database file, absolute */
    public Path file() {
        return file;
    }

    /** @return true when the catalog was opened read-only; writes then fail with a {@link CatalogException} */
    public boolean readOnly() {
        return readOnlyReason != null;
    }

    /** @return why the catalog is read-only (asked for, or the file or folder is not writable); empty when writable */
    public Optional<String> readOnlyReason() {
        return Optional.ofNullable(readOnlyReason);
    }

    /** @return the schema version of the open file ({@code PRAGMA user_version}) */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** @return the newest schema version this build can write */
    public static int supportedSchemaVersion() {
        return Migrations.latestVersion();
    }

    /**
     * @return the version of the SQLite library bundled with the JDBC driver (e.g. {@code 3.51.1}), read from an
     *         in-memory database; "unknown" if the native library cannot be loaded
     */
    public static String sqliteVersion() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (java.sql.SQLException e) {
            LOG.warn("Cannot read the SQLite version", e);
            return "unknown";
        }
    }

    /** @return the options this catalog was opened with */
    public CatalogOptions options() {
        return options;
    }

    /**
     * Where to subscribe to this catalog's changes: profiles stored, runs created or updated, metrics appended,
     * cards and deployments changed, audit entries appended — by this process or any other writing the same file.
     * Listeners run on the catalog's watcher thread ({@code mlwb-catalog-watch}, started by the first subscription,
     * stopped by {@link #close()}), never under the catalog's lock; see {@link io.mlwb.catalog.events}. A read-only
     * catalog is watched too (it only reads); an immutable snapshot or a catalog older than the change log never
     * fires.
     *
     * @return the catalog's events
     */
    public CatalogEvents events() {
        return watcher;
    }

    /** @return whether the watcher thread runs (tests) */
    boolean watching() {
        return watcher.running();
    }

    /** Sets how much of the change log pruning keeps: the newest {@code rows}, and every row younger than {@code age}. */
    void changeLogRetention(long rows, Duration age) {
        watcher.retention(rows, age);
    }

    /**
     * Prunes the change log now (tests; the watcher and {@link #close()} do it on their own).
     *
     * @return how many rows were deleted
     */
    int pruneChangeLog() {
        return watcher.prune();
    }

    /**
     * Runs {@code work} in one write transaction: commits when it returns, rolls back and throws when it fails.
     * When another process holds the write lock, the whole unit of work is rolled back and run again after a
     * jittered backoff, until {@link CatalogOptions#retryBudget()} is spent; {@code work} must therefore be
     * re-runnable (see {@link SqlWork}). Called inside another {@code inTransaction} on the same thread, it joins
     * that transaction.
     *
     * @param what a short description of the operation, for the error message ("save run")
     * @param work the statements to run
     * @param <T>  the result type
     * @return what {@code work} returned
     * @throws CatalogException when the work fails (nothing it wrote remains), the catalog is read-only or
     *                          closed, or it stayed locked by another process beyond the retry budget
     * @throws IllegalStateException when called inside {@link #read} on the same thread
     */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            requireOpen(what);
            if (depth > 0) {
                if (!writing) {
                    throw new IllegalStateException("'" + what + "' writes inside a read; use inTransaction for both");
                }
                return joinOuter(what, work);
            }
            if (readOnlyReason != null) {
                throw new CatalogException("Cannot " + what + ": catalog is open read-only (" + file + ": "
                        + readOnlyReason + ").", "Open the project with write access, or with a newer mlwb if its "
                        + "catalog was written by one.", ExitCode.BAD_INPUT, null);
            }
            return withRetry(what, () -> runOnce("BEGIN IMMEDIATE", work, true));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only {@code work} in one read transaction, so all its queries see the same snapshot. Called inside
     * {@code inTransaction} or {@code read} on the same thread, it joins that transaction.
     *
     * @param what a short description of the read, for the error message
     * @param work the queries to run; it must not write
     * @param <T>  the result type
     * @return what {@code work} returned
     * @throws CatalogException when the read fails or the catalog is closed
     */
    public <T> T read(String what, SqlWork<T> work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            requireOpen(what);
            if (depth > 0) {
                return joinOuter(what, work);
            }
            return withRetry(what, () -> runOnce("BEGIN DEFERRED", work, false));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells code handed a {@link Connection} (such as {@code AuditLog.append(Connection, ...)}) whether it runs
     * inside this catalog's write transaction.
     *
     * @return true when the calling thread is inside {@link #inTransaction} on this catalog
     */
    public boolean inWriteTransaction() {
        return lock.isHeldByCurrentThread() && depth > 0 && writing;
    }

    /**
     * Stops the watcher thread, prunes the change log when it grew large (writable catalogs), and closes the
     * connection; a WAL catalog is checkpointed by SQLite on close. Idempotent.
     */
    @Override
    public void close() {
        watcher.stop();   // outside the lock: the watcher may be waiting for it to prune
        lock.lock();
        try {
            if (!closed && readOnlyReason == null && schemaVersion >= CHANGE_LOG_VERSION) {
                try {
                    watcher.pruneIfLarge(connection);
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Pruning the change log of {} on close failed", file, e);
                }
            }
            if (!closed) {
                closed = true;
                connection.close();
                LOG.debug("Closed catalog {}", file);
            }
        } catch (SQLException e) {
            LOG.warn("Closing catalog {} failed", file, e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ transactions

    /** One attempt of a unit of work; may throw SQLException. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    private <T> T joinOuter(String what, SqlWork<T> work) {
        depth++;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            // The outer unit rolls back; a busy code in the cause chain still lets it retry.
            throw translate(what, e);
        } finally {
            depth--;
        }
    }

    private <T> T runOnce(String begin, SqlWork<T> work, boolean write) throws SQLException {
        exec(begin);
        depth++;
        writing = write;
        try {
            T result = work.run(connection);
            exec("COMMIT");
            if (write) {
                watcher.wake();
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            depth--;
            writing = false;
        }
    }

    /** The one place that retries: re-runs a whole attempt while SQLite reports BUSY or LOCKED. */
    private <T> T withRetry(String what, Attempt<T> attempt) {
        long start = System.nanoTime();
        long deadline = start + options.retryBudget().toNanos();
        for (int attempts = 1; ; attempts++) {
            try {
                return attempt.run();
            } catch (SQLException | RuntimeException e) {
                if (!SqliteCodes.isBusy(e)) {
                    throw translate(what, e);
                }
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMs <= 0) {
                    long waitedMs = (System.nanoTime() - start) / 1_000_000;
                    throw new CatalogException("The catalog " + file + " is locked by another process (gave up on '"
                            + what + "' after " + attempts + " attempts over " + waitedMs + " ms).",
                            "Close other mlwb windows or commands working on this project, or wait for them to "
                                    + "finish, then try again. Nothing was written.", ExitCode.INTERNAL, e);
                }
                long cap = Math.min(MAX_BACKOFF_MS, 10L << Math.min(attempts - 1, 7));
                long sleepMs = Math.min(remainingMs, cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
                LOG.debug("Catalog {} busy during '{}' (attempt {}); retrying in {} ms", file, what, attempts, sleepMs);
                sleep(what, sleepMs);
            }
        }
    }

    private void sleep(String what, long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Interrupted while waiting to " + what + " in the catalog " + file + ".",
                    "Nothing was written; try again.", ExitCode.INTERNAL, e);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            exec("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (e.g. after an I/O error); keep the original failure.
            cause.addSuppressed(e);
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new CatalogException("Cannot " + what + ": the catalog " + file + " is closed.",
                    "Reopen the project.", ExitCode.INTERNAL, null);
        }
    }

    private RuntimeException translate(String what, Exception e) {
        if (e instanceof UserError ue) {
            return ue;
        }
        if (e instanceof RuntimeException re) {
            return re;   // our bug (NPE, IllegalArgument...): let it surface as such
        }
        String head = "Catalog operation '" + what + "' failed on " + file + ": " + e.getMessage();
        switch (SqliteCodes.primary(e)) {
            case SqliteCodes.CONSTRAINT:
                return new CatalogException(head, "Nothing was written. Check the values given; they conflict with "
                        + "what the catalog already holds.", ExitCode.BAD_INPUT, e);
            case SqliteCodes.NOTADB:
            case SqliteCodes.CORRUPT:
                return new CatalogException(file + " is not a SQLite catalog or is damaged (during '" + what + "').",
                        "Restore the file from a backup, or move it aside so mlwb creates a new catalog.",
                        ExitCode.BAD_INPUT, e);
            case SqliteCodes.FULL:
                return new CatalogException("The disk holding the catalog " + file + " is full (during '" + what
                        + "').", "Free some space and try again. Nothing was written.", ExitCode.BAD_INPUT, e);
            case SqliteCodes.READONLY:
                return new CatalogException("Cannot " + what + ": the catalog " + file + " cannot be written.",
                        "Make the file and its folder writable, then reopen the project.", ExitCode.BAD_INPUT, e);
            default:
                return new CatalogException(head,
                        "Nothing was written. Try again; if it persists, check the disk and the file " + file + ".",
                        ExitCode.INTERNAL, e);
        }
    }

    // ------------------------------------------------------------------ opening

    private static Connection connect(Path abs, CatalogOptions options, boolean readOnly, boolean immutable) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        // journal_mode is not set here: it would write to the file before we know it is ours (see enableWal).
        String url = immutable ? "jdbc:sqlite:" + abs.toUri() + "?immutable=1" : "jdbc:sqlite:" + abs;
        try {
            Connection c = config.createConnection(url);
            c.setAutoCommit(true);   // transactions are begun explicitly (BEGIN IMMEDIATE / DEFERRED)
            return c;
        } catch (SQLException e) {
            throw openFailure(abs, e);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static void requireReadableSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
        }
    }

    private static void enableWal(Connection c, Path abs) throws SQLException {
        try (Statement st = c.createStatement()) {
            String mode;
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                mode = rs.getString(1);
            }
            if (!"wal".equalsIgnoreCase(mode)) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                    mode = rs.getString(1);
                }
                if (!"wal".equalsIgnoreCase(mode)) {
                    LOG.warn("Catalog {} stays in journal mode {} (WAL unsupported here)", abs, mode);
                }
            }
        }
    }

    /**
     * Refuses anything that is not a SQLite file before SQLite touches it: sqlite-jdbc may only notice at the
     * first query, and enabling WAL could write to the file first.
     */
    private static void requireSqliteHeader(Path abs, boolean emptyIsNew) {
        if (!Files.exists(abs)) {
            return;
        }
        if (Files.isDirectory(abs)) {
            throw notACatalog(abs, "it is a folder", null);
        }
        try {
            long size = Files.size(abs);
            if (size == 0 && emptyIsNew) {
                return;   // SQLite treats an empty file as a new database
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(abs)) {
                head = in.readNBytes(SQLITE_HEADER.length);
            }
            if (size < MIN_DATABASE_SIZE || !Arrays.equals(head, SQLITE_HEADER)) {
                throw notACatalog(abs, size == 0 ? "it is empty" : "it does not start with the SQLite header", null);
            }
        } catch (IOException e) {
            throw new CatalogException("Cannot read the catalog " + abs + ": " + e.getMessage(),
                    "Check that the file is readable.", ExitCode.BAD_INPUT, e);
        }
    }

    private static String notWritableReason(Path abs, Path dir) {
        if (!Files.isWritable(abs)) {
            return "the file " + abs + " is not writable";
        }
        if (!Files.isWritable(dir)) {
            // WAL needs to create -wal and -shm files next to the database.
            return "the folder " + dir + " is not writable";
        }
        return null;
    }

    private static CatalogException notACatalog(Path abs, String why, Throwable cause) {
        return new CatalogException(abs + " is not a SQLite catalog (" + why + ").",
                "mlwb left it unchanged. Restore it from a backup, or move it aside so mlwb creates a new catalog.",
                ExitCode.BAD_INPUT, cause);
    }

    private static CatalogException newerSchema(Path abs, int version) {
        return new CatalogException("The catalog " + abs + " has schema version " + version
                + ", newer than this mlwb supports (" + Migrations.latestVersion() + "); it was not changed.",
                "Upgrade mlwb, or open the project read-only.", ExitCode.BAD_INPUT, null);
    }

    private static CatalogException openFailure(Path abs, Exception e) {
        int code = SqliteCodes.primary(e);
        if (code == SqliteCodes.NOTADB || code == SqliteCodes.CORRUPT) {
            return notACatalog(abs, rootMessage(e), e);
        }
        if (code == SqliteCodes.BUSY || code == SqliteCodes.LOCKED) {
            return new CatalogException("The catalog " + abs + " is locked by another process (" + rootMessage(e)
                    + ").", "Close other mlwb windows or commands working on this project, then try again.",
                    ExitCode.INTERNAL, e);
        }
        return new CatalogException("Cannot open the catalog " + abs + ": " + rootMessage(e),
                "Check that the file is a SQLite database and the folder is writable.", ExitCode.BAD_INPUT, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t instanceof CatalogException) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
