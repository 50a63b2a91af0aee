package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * V013: a catalog at V012 keeps its deployments and smoke tests, which now say they served {@code djl} with no
 * recorded artifact; new rows take onnx and onnx-int8 and refuse any other format.
 */
class ServingFormatMigrationTest {
    @TempDir
    Path dir;

    @Test
    void olderDeploymentsServedDjlAndOnlyKnownFormatsAreAccepted() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
            for (int v = 1; v <= 12; v++) {
                try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + Migrations.FILES[v - 1])) {
                    for (String sql : Migrations.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        st.executeUpdate(sql);
                    }
                }
            }
            st.execute("PRAGMA user_version = 12");
            st.executeUpdate("INSERT INTO model(id, name) VALUES (1, 'churn')");
            st.executeUpdate("INSERT INTO model_version(id, model_id, version) VALUES (1, 1, 1)");
            st.executeUpdate("INSERT INTO deployment(id, model_version_id, target) VALUES (1, 1, 'sagemaker')");
            st.executeUpdate("INSERT INTO deployment_smoke_test(model_version_id, target, matched, rows_checked, "
                    + "mismatches, created_by) VALUES (1, 'local', 1, 10, 0, 'ada')");
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(13, catalog.schemaVersion());
            catalog.inTransaction("check", c -> {
                try (Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT serving_format, serving_artifact, "
                            + "serving_artifact_sha256 FROM deployment WHERE id = 1")) {
                        rs.next();
                        assertEquals("djl", rs.getString(1));
                        assertNull(rs.getString(2));
                        assertNull(rs.getString(3));
                    }
                    try (ResultSet rs = st.executeQuery("SELECT serving_format FROM deployment_smoke_test")) {
                        rs.next();
                        assertEquals("djl", rs.getString(1));
                    }
                    st.executeUpdate("INSERT INTO deployment(model_version_id, target, serving_format, "
                            + "serving_artifact, serving_artifact_sha256) VALUES (1, 'local', 'onnx-int8', "
                            + "'.mlwb/exports/churn-v1/model-int8.onnx', 'ab')");
                    assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO deployment(model_version_id, "
                            + "target, serving_format) VALUES (1, 'local', 'tflite')"));
                }
                return null;
            });
        }
    }
}
