package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V011 rebuilds the deployment table: a catalog at V009 with deployments keeps them, links and all. */
class DeploymentMigrationTest {
    @TempDir
    Path dir;

    @Test
    void deploymentsSurviveTheRebuildAndKubernetesIsAccepted() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
            for (int v = 1; v <= 9; v++) {
                try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + Migrations.FILES[v - 1])) {
                    for (String sql : Migrations.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        st.executeUpdate(sql);
                    }
                }
            }
            st.execute("PRAGMA user_version = 9");
            st.executeUpdate("INSERT INTO model(id, name) VALUES (1, 'churn')");
            st.executeUpdate("INSERT INTO model_version(id, model_id, version) VALUES (1, 1, 1), (2, 1, 2)");
            st.executeUpdate("INSERT INTO deployment(id, model_version_id, target, strategy, status) "
                    + "VALUES (1, 1, 'sagemaker', 'direct', 'deployed')");
            st.executeUpdate("INSERT INTO deployment(id, model_version_id, target, strategy, previous_deployment_id) "
                    + "VALUES (2, 2, 'sagemaker', 'canary', 1)");
            assertThrows(SQLException.class, () -> st.executeUpdate(
                    "INSERT INTO deployment(model_version_id, target) VALUES (1, 'kubernetes')"));
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Catalog.supportedSchemaVersion(), catalog.schemaVersion());
            catalog.inTransaction("check", c -> {
                try (Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT id, strategy, status, previous_deployment_id "
                            + "FROM deployment ORDER BY id")) {
                        rs.next();
                        assertEquals("direct", rs.getString(2));
                        assertEquals("deployed", rs.getString(3));
                        rs.next();
                        assertEquals("canary", rs.getString(2));
                        assertEquals(1, rs.getLong(4));
                    }
                    long before = count(st, "SELECT COUNT(*) FROM change_log WHERE kind = 'deployment'");
                    st.executeUpdate("INSERT INTO deployment(model_version_id, target, strategy, endpoint, config) "
                            + "VALUES (2, 'kubernetes', 'rollback', 'churn', '{}')");
                    assertEquals(before + 1, count(st, "SELECT COUNT(*) FROM change_log WHERE kind = 'deployment'"));
                    assertEquals(0, count(st, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'deployment_v001'"));
                    st.executeUpdate("DELETE FROM deployment WHERE id = 1");   // the self reference still sets null
                    assertEquals(0, count(st, "SELECT COUNT(*) FROM deployment WHERE previous_deployment_id = 1"));
                }
                return null;
            });
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
