package io.mlwb.catalog.run;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.Sql;
import io.mlwb.core.error.ExitCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Runs, their params, tags and data inputs in the catalog. */
public final class RunRepository {
    private static final String COLUMNS = "id, name, experiment_id, parent_run_id, status, source, commit_sha, dirty, "
            + "dirty_diff, seed, spec, versions, hardware, started_at, ended_at, cost_usd, created_at, deleted_at";

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public RunRepository(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Records a run with its provenance, params, tags and inputs in one transaction. Its status is
     * {@link RunStatus#RUNNING} when {@code startedAt} is given, else {@link RunStatus#CREATED}.
     *
     * @param run the run
     * @return the stored run
     * @throws CatalogException when the parent run, experiment or a dataset version does not exist, the catalog is
     *                          read-only, or the write fails; nothing is recorded then
     */
    public RunRecord create(NewRun run) {
        Objects.requireNonNull(run, "run");
        return catalog.inTransaction("create run " + run.name(), c -> {
            if (run.parentRunId() != null) {
                requireRun(c, run.parentRunId());
            }
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO run(name, experiment_id, parent_run_id, status, "
                    + "commit_sha, dirty, dirty_diff, seed, spec, versions, hardware, started_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, run.name());
                Sql.setLong(st, 2, run.experimentId());
                Sql.setLong(st, 3, run.parentRunId());
                st.setString(4, (run.startedAt() == null ? RunStatus.CREATED : RunStatus.RUNNING).dbValue());
                st.setString(5, run.commitSha());
                Sql.setFlag(st, 6, run.dirty());
                st.setString(7, run.dirtyDiff());
                Sql.setLong(st, 8, run.seed());
                st.setString(9, run.specJson());
                st.setString(10, run.versionsJson());
                st.setString(11, run.hardwareJson());
                Sql.setInstant(st, 12, run.startedAt());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            upsert(c, "INSERT INTO run_param(run_id, key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value", id, run.params());
            upsert(c, "INSERT INTO run_tag(run_id, key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value", id, run.tags());
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO run_dataset(run_id, dataset_version_id, role) VALUES (?, ?, ?)")) {
                for (RunInput in : run.inputs()) {
                    st.setLong(1, id);
                    st.setLong(2, in.datasetVersionId());
                    st.setString(3, in.role());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return get(c, id).orElseThrow();
        });
    }

    /**
     * Gets a run.
     *
     * @param id the run id
     * @return the run, or empty
     */
    public Optional<RunRecord> get(long id) {
        return catalog.read("get run " + id, c -> get(c, id));
    }

    /**
     * Sets a run's status; a terminal status also sets its end time to now when not yet set.
     *
     * @param id     the run
     * @param status the new status
     * @throws CatalogException when there is no such run or the write fails
     */
    public void setStatus(long id, RunStatus status) {
        Objects.requireNonNull(status, "status");
        catalog.inTransaction("set status of run " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE run SET status = ?, "
                    + "started_at = CASE WHEN ? = 'running' THEN coalesce(started_at, ?) ELSE started_at END, "
                    + "ended_at = CASE WHEN ? THEN coalesce(ended_at, ?) ELSE ended_at END WHERE id = ?")) {
                long now = Instant.now().toEpochMilli();
                st.setString(1, status.dbValue());
                st.setString(2, status.dbValue());
                st.setLong(3, now);
                st.setBoolean(4, status.terminal());
                st.setLong(5, now);
                st.setLong(6, id);
                requireUpdated(st.executeUpdate(), id);
            }
            return null;
        });
    }

    /**
     * Ends a run.
     *
     * @param id      the run
     * @param status  a terminal status ({@code FINISHED}, {@code FAILED}, {@code STOPPED})
     * @param endedAt when it ended
     * @param costUsd estimated cost, or null when unknown
     * @throws IllegalArgumentException when the status is not terminal
     * @throws CatalogException         when there is no such run or the write fails
     */
    public void finish(long id, RunStatus status, Instant endedAt, Double costUsd) {
        Objects.requireNonNull(endedAt, "endedAt");
        if (!status.terminal()) {
            throw new IllegalArgumentException("Not a terminal status: " + status);
        }
        catalog.inTransaction("finish run " + id, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE run SET status = ?, ended_at = ?, cost_usd = coalesce(?, cost_usd) WHERE id = ?")) {
                st.setString(1, status.dbValue());
                Sql.setInstant(st, 2, endedAt);
                Sql.setDouble(st, 3, costUsd);
                st.setLong(4, id);
                requireUpdated(st.executeUpdate(), id);
            }
            return null;
        });
    }

    /**
     * Adds or replaces params of a run.
     *
     * @param id     the run
     * @param params key to value
     * @throws CatalogException when there is no such run or the write fails
     */
    public void putParams(long id, Map<String, String> params) {
        catalog.inTransaction("set params of run " + id, c -> {
            requireRun(c, id);
            upsert(c, "INSERT INTO run_param(run_id, key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value", id, params);
            return null;
        });
    }

    /**
     * @param id the run
     * @return its params, sorted by key
     */
    public Map<String, String> params(long id) {
        return catalog.read("read params of run " + id, c -> keyValues(c, "SELECT key, value FROM run_param "
                + "WHERE run_id = ? ORDER BY key", id));
    }

    /**
     * Adds or replaces a tag.
     *
     * @param id    the run
     * @param key   the tag
     * @param value its value, or null for a plain label
     * @throws CatalogException when there is no such run or the write fails
     */
    public void tag(long id, String key, String value) {
        Objects.requireNonNull(key, "key");
        catalog.inTransaction("tag run " + id, c -> {
            requireRun(c, id);
            Map<String, String> one = new TreeMap<>();
            one.put(key, value);
            upsert(c, "INSERT INTO run_tag(run_id, key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value", id, one);
            return null;
        });
    }

    /**
     * Removes a tag; nothing happens when the run does not have it.
     *
     * @param id  the run
     * @param key the tag
     */
    public void untag(long id, String key) {
        catalog.inTransaction("untag run " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM run_tag WHERE run_id = ? AND key = ?")) {
                st.setLong(1, id);
                st.setString(2, key);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param id the run
     * @return its tags, sorted by key (a plain label maps to null)
     */
    public Map<String, String> tags(long id) {
        return catalog.read("read tags of run " + id, c -> keyValues(c, "SELECT key, value FROM run_tag "
                + "WHERE run_id = ? ORDER BY key", id));
    }

    /**
     * @param id the run
     * @return the dataset versions it read, by role then version id
     */
    public List<RunInput> inputs(long id) {
        return catalog.read("read inputs of run " + id, c -> {
            List<RunInput> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT dataset_version_id, role FROM run_dataset "
                    + "WHERE run_id = ? ORDER BY role, dataset_version_id")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new RunInput(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Lists runs newest first (descending id), a page at a time.
     *
     * @param offset runs to skip
     * @param limit  the most runs to return
     * @return the page
     */
    public List<RunRecord> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        return catalog.read("list runs", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM run ORDER BY id DESC LIMIT ? OFFSET ?")) {
                st.setInt(1, limit);
                st.setInt(2, offset);
                return runs(st);
            }
        });
    }

    /**
     * @param parentId a sweep run
     * @return its child runs, oldest first
     */
    public List<RunRecord> children(long parentId) {
        return catalog.read("list children of run " + parentId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM run WHERE parent_run_id = ? ORDER BY id")) {
                st.setLong(1, parentId);
                return runs(st);
            }
        });
    }

    /**
     * @param statuses the statuses wanted
     * @return the runs in any of them, oldest first
     */
    public List<RunRecord> withStatus(java.util.Set<RunStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(statuses.size(), "?"));
        return catalog.read("list runs by status", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM run WHERE status IN ("
                    + marks + ") ORDER BY id")) {
                int i = 1;
                for (RunStatus s : statuses) {
                    st.setString(i++, s.dbValue());
                }
                return runs(st);
            }
        });
    }

    /** @return the summed estimated cost of every run (top-level and child runs), USD */
    public double totalCostUsd() {
        return catalog.read("sum run costs", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT coalesce(sum(cost_usd), 0) FROM run");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        });
    }

    /**
     * Soft-deletes runs (their rows stay) or restores them.
     *
     * @param ids     the runs
     * @param deleted true to delete, false to restore
     * @return how many runs changed
     * @throws CatalogException when the write fails
     */
    public int setDeleted(java.util.Collection<Long> ids, boolean deleted) {
        return catalog.inTransaction((deleted ? "delete" : "restore") + " runs", c -> {
            int n = 0;
            try (PreparedStatement st = c.prepareStatement(deleted
                    ? "UPDATE run SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"
                    : "UPDATE run SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL")) {
                long now = Instant.now().toEpochMilli();
                for (long id : ids) {
                    if (deleted) {
                        st.setLong(1, now);
                        st.setLong(2, id);
                    } else {
                        st.setLong(1, id);
                    }
                    n += st.executeUpdate();
                }
            }
            return n;
        });
    }

    /**
     * Renames a run.
     *
     * @param id   the run
     * @param name its new name
     * @throws CatalogException when there is no such run or the write fails
     */
    public void rename(long id, String name) {
        Objects.requireNonNull(name, "name");
        catalog.inTransaction("rename run " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE run SET name = ? WHERE id = ?")) {
                st.setString(1, name);
                st.setLong(2, id);
                requireUpdated(st.executeUpdate(), id);
            }
            return null;
        });
    }

    /** @return every experiment's name by id */
    public Map<Long, String> experimentNames() {
        return catalog.read("list experiments", c -> {
            Map<Long, String> out = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, name FROM experiment");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** @return every run's params, by run id (one query, for tables of many runs) */
    public Map<Long, Map<String, String>> allParams() {
        return pairs("run_param");
    }

    /** @return every run's tags, by run id (one query) */
    public Map<Long, Map<String, String>> allTags() {
        return pairs("run_tag");
    }

    private Map<Long, Map<String, String>> pairs(String table) {
        return catalog.read("read " + table, c -> {
            Map<Long, Map<String, String>> out = new java.util.HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT run_id, key, value FROM " + table);
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            return out;
        });
    }

    /** @return how many runs the catalog holds */
    public long count() {
        return catalog.read("count runs", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM run");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private Optional<RunRecord> get(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM run WHERE id = ?")) {
            st.setLong(1, id);
            List<RunRecord> found = runs(st);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<RunRecord> runs(PreparedStatement st) throws SQLException {
        List<RunRecord> all = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                all.add(new RunRecord(rs.getLong("id"), rs.getString("name"), Sql.getLong(rs, "experiment_id"),
                        Sql.getLong(rs, "parent_run_id"), RunStatus.fromDb(rs.getString("status")),
                        rs.getString("source"), rs.getString("commit_sha"), Sql.getFlag(rs, "dirty"),
                        rs.getString("dirty_diff"), Sql.getLong(rs, "seed"), rs.getString("spec"),
                        rs.getString("versions"), rs.getString("hardware"), Sql.getInstant(rs, "started_at"),
                        Sql.getInstant(rs, "ended_at"), Sql.getDouble(rs, "cost_usd"),
                        Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "deleted_at")));
            }
        }
        return all;
    }

    private static void upsert(Connection c, String sql, long id, Map<String, String> values) throws SQLException {
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

    private static Map<String, String> keyValues(Connection c, String sql, long id) throws SQLException {
        Map<String, String> all = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Collections.unmodifiableMap(all);
    }

    private void requireRun(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM run WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchRun(id);
                }
            }
        }
    }

    private void requireUpdated(int rows, long id) {
        if (rows == 0) {
            throw noSuchRun(id);
        }
    }

    private CatalogException noSuchRun(long id) {
        return new CatalogException("There is no run with id " + id + " in the catalog " + catalog.file() + ".",
                "Check the run id ('mlwb runs' lists them).", ExitCode.BAD_INPUT, null);
    }
}
