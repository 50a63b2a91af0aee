package io.mlwb.catalog;

import io.mlwb.core.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The project's SQLite catalog ({@code <project>/.mlwb/catalog.db}). Owns the connection, the pragmas
 * (WAL, foreign keys, busy timeout, synchronous=NORMAL), schema migrations and the single place where
 * transactions are retried when another process holds the write lock.
 *
 * <p>Thread-safe: one connection, used by one thread at a time.
 */
public final class Catalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** How long SQLite itself waits for a lock before reporting busy. */
    static final int BUSY_TIMEOUT_MS = 5_000;

    private final Path file;
    private final Connection connection;
    private final boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();

    private Catalog(Path file, Connection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /**
     * Opens (creating if needed) the catalog file and applies pending migrations.
     *
     * @param file the catalog database file; its parent folder is created when missing
     * @return the open catalog
     * @throws CatalogException when the file cannot be opened as a catalog
     */
    public static Catalog open(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            // IMMEDIATE: take the write lock at BEGIN, so a reader never has to upgrade (which SQLite
            // cannot wait for) and two writers queue on the busy timeout instead of failing.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            c.setAutoCommit(true);
            Catalog catalog = new Catalog(file, c, false);
            Migrations.apply(catalog);
            LOG.info("Opened catalog {}", file);
            return catalog;
        } catch (SQLException | java.io.IOException e) {
            throw new CatalogException("Cannot open the catalog " + file + ": " + e.getMessage(),
                    "Check that the file is a SQLite database and the folder is writable.", ExitCode.BAD_INPUT, e);
        }
    }

    /** @return the catalog database file */
    public Path file() {
        return file;
    }

    /** @return true when the catalog was opened read-only; writes then fail with a {@link CatalogException} */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Runs {@code work} in one write transaction: commits when it returns, rolls back and throws when it fails.
     *
     * @param what a short description of the operation, for the error message
     * @param work the statements to run
     * @param <T>  the result type
     * @return what {@code work} returned
     * @throws CatalogException when the work fails; nothing it wrote remains
     */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(e);
                throw translate(what, e);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(what, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only {@code work} on the connection (autocommit; each statement sees a consistent snapshot).
     *
     * @param what a short description of the read, for the error message
     * @param work the queries to run
     * @param <T>  the result type
     * @return what {@code work} returned
     */
    public <T> T read(String what, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(what, e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private RuntimeException translate(String what, Exception e) {
        if (e instanceof CatalogException ce) {
            return ce;
        }
        if (e instanceof RuntimeException re && !(e instanceof IllegalStateException)) {
            return re;
        }
        return new CatalogException("Catalog operation '" + what + "' failed on " + file + ": " + e.getMessage(),
                "Nothing was written. Try again; if it persists, check the disk and the file " + file + ".",
                ExitCode.INTERNAL, e);
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                connection.close();
                LOG.debug("Closed catalog {}", file);
            }
        } catch (SQLException e) {
            LOG.warn("Closing catalog {} failed", file, e);
        } finally {
            lock.unlock();
        }
    }
}
