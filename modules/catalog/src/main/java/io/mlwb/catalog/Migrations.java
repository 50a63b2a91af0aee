package io.mlwb.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Applies the numbered SQL files {@code migrations/V001__*.sql, V002__*.sql, ...} (resources next to this
 * class) whose number is above {@code PRAGMA user_version}, all in one transaction.
 */
final class Migrations {
    private Migrations() {
    }

    /** The migration files, in order; the schema version is their count. */
    static final String[] FILES = {
        "V001__init.sql",
    };

    /** @return the schema version this build writes */
    static int latestVersion() {
        return FILES.length;
    }

    static void apply(Catalog catalog) {
        catalog.inTransaction("migrate schema", c -> {
            int current;
            try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
                current = rs.getInt(1);
            }
            for (int v = current + 1; v <= FILES.length; v++) {
                String sql = load(FILES[v - 1]);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate(sql);
                }
            }
            if (current < FILES.length) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("PRAGMA user_version = " + FILES.length);
                }
            }
            return null;
        });
    }

    private static String load(String name) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new SQLException("Migration " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("Cannot read migration " + name, e);
        }
    }
}
