package io.mlwb.catalog;

import io.mlwb.core.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL files {@code migrations/V001__*.sql, V002__*.sql, ...} (resources next to this
 * class) whose number is above {@code PRAGMA user_version}, all in one transaction, and records in
 * {@code catalog_meta} which mlwb version created and last migrated the catalog.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern TRIGGER_START =
            Pattern.compile("^CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ENDS_WITH_END = Pattern.compile(".*\\bEND$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Migrations() {
    }

    /** The migration files, in order; the schema version is their count. */
    static final String[] FILES = {
        "V001__init.sql",
        "V002__metric_series.sql",
        "V003__change_log.sql",
        "V004__profile_matrix.sql",
        "V005__run_deleted.sql",
        "V006__run_source.sql",
        "V007__run_table.sql",
        "V008__model_registry.sql",
        "V009__card_review.sql",
        "V010__card_comment.sql",
        "V011__deployment_targets.sql",
        "V012__deployment_smoke_test.sql",
        "V013__deployment_serving_format.sql",
    };

    /** @return the schema version this build writes */
    static int latestVersion() {
        return FILES.length;
    }

    /**
     * Brings the catalog to {@link #latestVersion()}. Takes the write lock only when something is to be done,
     * so opening an up-to-date catalog never waits for another process's write.
     *
     * @param seen the version read when the catalog was opened
     * @return the schema version after migrating
     */
    static int apply(Catalog catalog, int seen) {
        if (seen >= latestVersion()) {
            return seen;
        }
        return catalog.inTransaction("migrate the catalog schema", c -> {
            int current = userVersion(c);   // again, under the write lock: another process may have migrated
            if (current > latestVersion()) {
                throw new CatalogException("The catalog " + catalog.file() + " was upgraded to schema version "
                        + current + " by a newer mlwb while opening.", "Upgrade mlwb, or open the project read-only.",
                        ExitCode.BAD_INPUT, null);
            }
            for (int v = current + 1; v <= latestVersion(); v++) {
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(load(FILES[v - 1]))) {
                        st.executeUpdate(sql);
                    }
                }
            }
            if (current == 0) {
                putMeta(c, "created_by_version", BuildInfo.version());
            }
            putMeta(c, "migrated_by_version", BuildInfo.version());
            try (Statement st = c.createStatement()) {
                st.executeUpdate("PRAGMA user_version = " + latestVersion());
            }
            LOG.info("Migrated catalog {} from schema v{} to v{}", catalog.file(), current, latestVersion());
            return latestVersion();
        });
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO catalog_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }

    /**
     * Splits a migration script into statements, because the JDBC driver runs one statement per call. Semicolons
     * inside quotes and comments do not split, nor do those inside a {@code CREATE TRIGGER ... BEGIN ... END}
     * body. Comments are dropped.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inString = false;
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char ch = script.charAt(i);
            if (!inString && ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                cur.append('\n');
                continue;
            }
            if (!inString && ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
                continue;
            }
            if (ch == '\'') {
                inString = !inString;   // '' inside a string toggles twice, so it stays a string
            }
            if (!inString && ch == ';') {
                String stmt = cur.toString().trim();
                if (TRIGGER_START.matcher(stmt).matches() && !ENDS_WITH_END.matcher(stmt).matches()) {
                    cur.append(ch);
                    continue;
                }
                if (!stmt.isEmpty()) {
                    out.add(stmt);
                }
                cur.setLength(0);
                continue;
            }
            cur.append(ch);
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
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
