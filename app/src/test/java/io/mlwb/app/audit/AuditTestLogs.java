package io.mlwb.app.audit;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real audit logs for the pane's tests: five entries by two people, and a tamperer with a plain JDBC connection. */
final class AuditTestLogs {
    private AuditTestLogs() {
    }

    /** Appends five entries: seq 3 and 4 by grace (one written "Grace"), the rest by ada or mlwb. */
    static void appendFive(Catalog catalog) {
        AuditLog log = new AuditLog(catalog);
        log.append("ada", "project.create", "project", null, Map.of("name", "credit"));
        log.append("ada", "dataset.profile", "dataset", "applications_2023", Map.of("rows", 1000));
        log.append("grace", "run.create", "run", "7", Map.of("spec", "train/baseline.yaml"));
        log.append("Grace", "card.approve", "model_card", "credit-v1", Map.of());
        log.append("mlwb", "dataset.profile", "dataset", "applications_2024", Map.of());
    }

    /** Drops the append-only triggers and rewrites entry {@code seq}'s actor, as someone with the file could. */
    static void tamper(Path catalogFile, long seq) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalogFile.toAbsolutePath());
             Statement st = c.createStatement()) {
            List<String> triggers = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
            for (String trigger : triggers) {
                st.executeUpdate("DROP TRIGGER " + trigger);
            }
            st.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + seq);
        }
    }
}
