package io.mlwb.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with the catalog's connection inside {@link Catalog#inTransaction} or {@link Catalog#read}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {
    /**
     * @param connection the catalog's connection; do not close it or change its transaction state
     * @return the result
     * @throws SQLException on any database failure; the catalog rolls back and translates it
     */
    T run(Connection connection) throws SQLException;
}
