package io.mlwb.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A plain JDBC connection to a catalog file, standing in for "another process" or a tamperer in tests. */
public final class RawSqlite {
    private RawSqlite() {
    }

    /** @return a new autocommit connection to {@code file} */
    public static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Runs one statement on a fresh connection. */
    public static void exec(Path file, String sql) throws SQLException {
        try (Connection c = connect(file); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** @return the first column of the first row of {@code sql} on {@code catalog}'s own connection */
    public static long queryLong(Catalog catalog, String sql) {
        return catalog.read("test query", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
    }

    /** Runs one statement in a catalog write transaction. */
    public static int update(Catalog catalog, String what, String sql) {
        return catalog.inTransaction(what, c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate(sql);
            }
        });
    }
}
