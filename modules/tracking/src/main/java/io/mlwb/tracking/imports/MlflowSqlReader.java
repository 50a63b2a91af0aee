package io.mlwb.tracking.imports;

import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Reads an MLflow SQL tracking store kept in SQLite ({@code mlflow.db}). The database is never opened in place:
 * it is copied (with its {@code -wal} file when there is one, so that committed but not yet checkpointed data is
 * seen) into a private temporary folder, and the copy is opened read-only. That leaves the source byte for byte as
 * it was, takes no lock a running MLflow server could trip over, and works on a read-only medium.
 *
 * <p>The store is recognized by its {@code alembic_version} table. Only the tables and columns listed in
 * {@link #REQUIRED} are read; a store that lacks one of them (a schema mlwb does not understand, older or newer) is
 * refused with a message naming what is missing. A revision this build has not seen, whose tables still hold every
 * column read, is imported with a warning. Values are taken as MLflow stores them: {@code is_nan = 1} is NaN (the
 * stored value is a placeholder), and the {@code ±1.7976931348623157e308} that MLflow writes for infinities stays
 * that number.
 */
final class MlflowSqlReader {
    /** Tables and columns read; every one must be there. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "experiments", List.of("experiment_id", "name", "lifecycle_stage"),
            "runs", List.of("run_uuid", "status", "start_time", "end_time", "lifecycle_stage", "artifact_uri",
                    "experiment_id"),
            "params", List.of("key", "value", "run_uuid"),
            "tags", List.of("key", "value", "run_uuid"),
            "metrics", List.of("key", "value", "timestamp", "run_uuid"));

    /** Alembic revisions of MLflow's SQL store this reader was written against (heads of MLflow 1.x to 3.x). */
    static final Set<String> KNOWN_REVISIONS = Set.of(
            "451aebb31d03", "90e64c465722", "181f10493468", "df50e92ffc5e", "7ac759974ad8", "89d4b8295536",
            "2b4d017a5e9b", "cfd24bdc0731", "0a8213491aaa", "728d730b5ebd", "27a6a02d2cf1", "84291f40a231",
            "a8c4a736bde6", "39d1c3be5f05", "c48cb773bb87", "bd07f7e963c5", "0c779009ac13", "cc1f77228345",
            "97727af70f4d", "3500859a5d39", "7f2a7d5fae7d", "2d6e25af4d3e", "acf3f17fdcc7", "867495a8f9d4",
            "5b0e9adcef9c", "4465047574b1", "f5a4f2784254", "0584bdc529eb", "400f98739977", "6953534de441",
            "bda7b8c39065", "cbc13b556ace", "770bee3ae1dd", "a1b2c3d4e5f6", "de4033877273", "1a0cddfcaa16",
            "534353b11cbc", "71994744cf8e", "3da73c924c2f", "bf29a5ff90ea", "1bd49d398cd23", "1b5f0d9ad7c1");

    private final List<String> warnings;

    MlflowSqlReader(List<String> warnings) {
        this.warnings = warnings;
    }

    /** @return whether the file starts with SQLite's header */
    static boolean isSqlite(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[16];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 16) == 16
                    && new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3");
        } catch (IOException e) {
            return false;
        }
    }

    List<ImportedRun> read(Path db) {
        if (!isSqlite(db)) {
            throw new UserError(db + " is not an MLflow tracking database: it is not a SQLite file",
                    "Name the SQLite file MLflow was started with (`--backend-store-uri sqlite:///mlflow.db`) or an "
                            + "`mlruns/` folder.");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("mlwb-mlflow-");
            Path copy = tmp.resolve("mlflow.db");
            Files.copy(db, copy);
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            if (Files.isRegularFile(wal)) {
                Files.copy(wal, tmp.resolve("mlflow.db-wal"));
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy, config.toProperties())) {
                return read(c, db);
            }
        } catch (SQLException e) {
            throw new UserError("cannot read the MLflow database " + db + ": " + e.getMessage(),
                    "Check that the file is a complete MLflow SQLite store (not truncated or still being copied).");
        } catch (IOException e) {
            throw new UserError("cannot copy " + db + " to read it: " + e.getMessage(),
                    "Check the file's permissions and the free space of the temporary folder.");
        } finally {
            deleteQuietly(tmp);
        }
    }

    private List<ImportedRun> read(Connection c, Path db) throws SQLException {
        Map<String, Set<String>> columns = columns(c);
        if (!columns.containsKey("alembic_version")) {
            throw new UserError(db + " is not an MLflow tracking database: it has no alembic_version table",
                    "Name the SQLite file of an MLflow tracking store.");
        }
        String revision = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
            if (rs.next()) {
                revision = rs.getString(1);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> t : new TreeMap<>(REQUIRED).entrySet()) {
            Set<String> have = columns.get(t.getKey());
            if (have == null) {
                missing.add("table " + t.getKey());
                continue;
            }
            for (String col : t.getValue()) {
                if (!have.contains(col)) {
                    missing.add(t.getKey() + "." + col);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError(db + " has an MLflow schema (alembic revision " + revision + ") that mlwb does not "
                    + "understand: missing " + String.join(", ", missing),
                    "Upgrade it with `mlflow db upgrade` from the MLflow version that wrote it, or export the runs "
                            + "with MLflow to an `mlruns/` folder and import that.");
        }
        if (revision == null) {
            throw new UserError(db + " is not a complete MLflow tracking database: alembic_version is empty",
                    "Run `mlflow db upgrade` on it, or name another store.");
        }
        if (!KNOWN_REVISIONS.contains(revision)) {
            warnings.add("the MLflow schema revision " + revision + " is newer than this mlwb knows; every table "
                    + "and column mlwb reads is there, so it was imported");
        }
        boolean hasStep = columns.get("metrics").contains("step");
        boolean hasNan = columns.get("metrics").contains("is_nan");
        boolean hasName = columns.get("runs").contains("name");
        Set<String> latestCols = columns.get("latest_metrics");
        boolean hasLatest = latestCols != null && latestCols.containsAll(List.of("key", "value", "run_uuid"));

        Map<String, String> experiments = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT experiment_id, name FROM experiments")) {
            while (rs.next()) {
                experiments.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Map<String, String>> params = keyValues(c, "params");
        Map<String, Map<String, String>> tags = keyValues(c, "tags");
        Map<String, Map<String, ImportedSeries.Builder>> series = new HashMap<>();
        String sql = "SELECT run_uuid, key, timestamp, " + (hasStep ? "step" : "0") + ", value, "
                + (hasNan ? "is_nan" : "0") + " FROM metrics ORDER BY run_uuid, key, rowid";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                double v = rs.getInt(6) != 0 ? Double.NaN : rs.getDouble(5);
                series.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new ImportedSeries.Builder())
                        .add(rs.getLong(4), rs.getLong(3), v);
            }
        }
        Map<String, Map<String, Double>> latest = new HashMap<>();
        if (hasLatest) {
            boolean latestNan = latestCols.contains("is_nan");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT run_uuid, key, value, " + (latestNan ? "is_nan" : "0") + " FROM latest_metrics")) {
                while (rs.next()) {
                    latest.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getInt(4) != 0 ? Double.NaN : rs.getDouble(3));
                }
            }
        }
        List<ImportedRun> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_uuid, " + (hasName ? "name" : "NULL")
                + ", status, start_time, end_time, lifecycle_stage, artifact_uri, experiment_id FROM runs "
                + "ORDER BY start_time, run_uuid"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                Map<String, String> runTags = tags.getOrDefault(id, Map.of());
                String name = rs.getString(2);
                if (name == null || name.isEmpty()) {
                    name = runTags.getOrDefault("mlflow.runName", id);
                }
                Map<String, ImportedSeries> runSeries = new TreeMap<>();
                series.getOrDefault(id, Map.of()).forEach((k, b) -> runSeries.put(k, b.build()));
                runs.add(new ImportedRun(id, name, experiments.get(rs.getString(8)),
                        MlflowReader.status(rs.getString(3), id), longOrNull(rs, 4), longOrNull(rs, 5),
                        "deleted".equals(rs.getString(6)), runTags.get("mlflow.parentRunId"),
                        params.getOrDefault(id, Map.of()), runTags, runSeries,
                        hasLatest ? latest.getOrDefault(id, Map.of()) : null,
                        MlflowReader.artifacts(rs.getString(7), db.getParent())));
            }
        }
        return MlflowReader.parentsFirst(runs);
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Map<String, Map<String, String>> keyValues(Connection c, String table) throws SQLException {
        Map<String, Map<String, String>> out = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT run_uuid, key, value FROM " + table + " ORDER BY run_uuid, key")) {
            while (rs.next()) {
                String v = rs.getString(3);
                out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), v == null ? "" : v);
            }
        }
        return out;
    }

    private static Map<String, Set<String>> columns(Connection c) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String t : tables) {
            Set<String> cols = new LinkedHashSet<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + t.replace("\"", "\"\"") + "\")")) {
                while (rs.next()) {
                    cols.add(rs.getString("name").toLowerCase(Locale.ROOT));
                }
            }
            out.put(t.toLowerCase(Locale.ROOT), cols);
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
