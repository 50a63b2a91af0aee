package io.mlwb.catalog.run;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Runs imported from other tracking tools: their provenance ({@code run_source}) and how one is stored. */
public final class RunImportRepository {

    /**
     * An imported run as it is stored.
     *
     * @param name       display name
     * @param experiment experiment name (created when missing), or null
     * @param parentId   the parent run's catalog id, or null
     * @param status     status
     * @param startedAt  start (ms), or null
     * @param endedAt    end (ms), or null
     * @param deletedAt  when it was deleted (ms), or null while it is not
     * @param params     params
     * @param tags       tags
     * @param artifacts  artifact locations, by reference
     * @param source     provenance
     */
    public record Row(String name, String experiment, Long parentId, RunStatus status, Long startedAt, Long endedAt,
                      Long deletedAt, Map<String, String> params, Map<String, String> tags, List<String> artifacts,
                      RunSource source) {
    }

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public RunImportRepository(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @param source a source run
     * @return the catalog id it was imported as, or empty when it was not
     */
    public Optional<Long> find(RunSource source) {
        return catalog.read("find imported run", c -> find(c, source));
    }

    /**
     * @param c      a connection inside a transaction
     * @param source a source run
     * @return the catalog id it was imported as, or empty
     * @throws SQLException when the query fails
     */
    public static Optional<Long> find(Connection c, RunSource source) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT run_id FROM run_source WHERE kind = ? AND path = ? AND source_id = ?")) {
            st.setString(1, source.kind());
            st.setString(2, source.path());
            st.setString(3, source.sourceId());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** @return the provenance of every imported run, by run id */
    public Map<Long, RunSource> all() {
        return catalog.read("read run sources", c -> {
            Map<Long, RunSource> out = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT run_id, kind, source_id, path FROM run_source");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new RunSource(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /**
     * @param runId a run
     * @return where it was imported from, or empty for a run of mlwb
     */
    public Optional<RunSource> of(long runId) {
        return catalog.read("read run source", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT kind, source_id, path FROM run_source WHERE run_id = ?")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new RunSource(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.<RunSource>empty();
                }
            }
        });
    }

    /**
     * Stores a run with its params, tags, artifact references and provenance, inside the caller's transaction (the
     * caller adds the metric series in the same transaction, so a run lands whole or not at all).
     *
     * @param c   a connection inside {@code Catalog.inTransaction}
     * @param row the run
     * @return its catalog id
     * @throws SQLException when a write fails (the caller's transaction rolls back)
     */
    public static long insert(Connection c, Row row) throws SQLException {
        Long experimentId = row.experiment() == null ? null : experiment(c, row.experiment());
        long id;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO run(name, experiment_id, parent_run_id, status, "
                + "source, started_at, ended_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, row.name());
            Sql.setLong(st, 2, experimentId);
            Sql.setLong(st, 3, row.parentId());
            st.setString(4, row.status().dbValue());
            st.setString(5, row.source().kind());
            Sql.setLong(st, 6, row.startedAt());
            Sql.setLong(st, 7, row.endedAt());
            Sql.setLong(st, 8, row.deletedAt());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        pairs(c, "INSERT INTO run_param(run_id, key, value) VALUES (?, ?, ?)", id, row.params());
        pairs(c, "INSERT INTO run_tag(run_id, key, value) VALUES (?, ?, ?)", id, row.tags());
        if (!row.artifacts().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO artifact(run_id, kind, path) VALUES (?, 'reference', ?)")) {
                for (String a : row.artifacts()) {
                    st.setLong(1, id);
                    st.setString(2, a);
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO run_source(run_id, kind, source_id, path) VALUES (?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setString(2, row.source().kind());
            st.setString(3, row.source().sourceId());
            st.setString(4, row.source().path());
            st.executeUpdate();
        }
        return id;
    }

    private static long experiment(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO experiment(name) VALUES (?)")) {
            st.setString(1, name);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM experiment WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void pairs(Connection c, String sql, long id, Map<String, String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                st.setLong(1, id);
                st.setString(2, e.getKey());
                st.setString(3, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
