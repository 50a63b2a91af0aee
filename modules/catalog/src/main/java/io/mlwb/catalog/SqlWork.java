package io.mlwb.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with the catalog's connection inside {@link Catalog#inTransaction} or {@link Catalog#read}.
 *
 * <p>Work must be re-runnable: when another process holds the write lock, {@link Catalog#inTransaction} rolls
 * back and runs the whole unit again. Keep side effects outside the database (files, events, counters) out
 * of it, or make them idempotent.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {
    /**
     * Runs the statements.
     *
     * @param connection the catalog's connection; do not close it, commit, roll back or change its transaction state
     * @return the result
     * @throws SQLException on any database failure; the catalog rolls back and translates it
     */
    T run(Connection connection) throws SQLException;
}
