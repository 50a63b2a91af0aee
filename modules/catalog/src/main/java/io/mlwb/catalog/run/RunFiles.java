package io.mlwb.catalog.run;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a run leaves: artifacts (model, evaluation, predictions, the dirty diff) and checkpoints, in the
 * {@code artifact} and {@code checkpoint} tables. Paths are relative to the project root.
 */
public final class RunFiles {
    private final Catalog catalog;

    /** @param catalog the open catalog */
    public RunFiles(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * A stored artifact.
     *
     * @param id        catalog id
     * @param runId     the run
     * @param kind      {@code model}, {@code evaluation}, {@code predictions}, {@code diff}, ...
     * @param path      relative to the project root
     * @param sha256    content hash, or null
     * @param sizeBytes size, or null
     * @param createdAt when recorded
     */
    public record Artifact(long id, long runId, String kind, String path, String sha256, Long sizeBytes,
                           Instant createdAt) {
    }

    /**
     * A stored checkpoint.
     *
     * @param id          catalog id
     * @param runId       the run
     * @param epoch       the epoch it holds
     * @param step        the last step it holds
     * @param path        relative to the project root
     * @param sha256      content hash, or null
     * @param metricsJson validation metrics at that point (JSON), or null
     * @param createdAt   when recorded
     */
    public record Checkpoint(long id, long runId, Integer epoch, Long step, String path, String sha256,
                             String metricsJson, Instant createdAt) {
    }

    /**
     * Records (or replaces, for the same path) an artifact of a run.
     *
     * @param runId     the run
     * @param kind      what it is
     * @param path      relative to the project root
     * @param sha256    content hash, or null
     * @param sizeBytes size, or null
     * @throws CatalogException when the run does not exist or the write fails
     */
    public void addArtifact(long runId, String kind, String path, String sha256, Long sizeBytes) {
        catalog.inTransaction("record artifact " + path, c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO artifact(run_id, kind, path, sha256, size_bytes)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(run_id, path) DO UPDATE SET kind = excluded.kind,"
                    + " sha256 = excluded.sha256, size_bytes = excluded.size_bytes")) {
                st.setLong(1, runId);
                st.setString(2, kind);
                st.setString(3, path);
                st.setString(4, sha256);
                Sql.setLong(st, 5, sizeBytes);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param runId the run
     * @return its artifacts, oldest first
     */
    public List<Artifact> artifacts(long runId) {
        return catalog.read("list artifacts of run " + runId, c -> {
            List<Artifact> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, run_id, kind, path, sha256, size_bytes, created_at"
                    + " FROM artifact WHERE run_id = ? ORDER BY id")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Artifact(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Sql.getLong(rs, "size_bytes"), Sql.getInstant(rs, "created_at")));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Records a checkpoint, and forgets the ones whose files were deleted to keep the best K, in one transaction.
     *
     * @param runId       the run
     * @param epoch       its epoch
     * @param step        its last step
     * @param path        relative to the project root
     * @param sha256      content hash, or null
     * @param metricsJson validation metrics (JSON), or null
     * @param deleted     paths of checkpoints deleted now
     * @throws CatalogException when the run does not exist or the write fails
     */
    public void addCheckpoint(long runId, int epoch, long step, String path, String sha256, String metricsJson,
                              List<String> deleted) {
        catalog.inTransaction("record checkpoint " + path, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM checkpoint WHERE run_id = ? AND path = ?")) {
                for (String p : deleted) {
                    del.setLong(1, runId);
                    del.setString(2, p);
                    del.addBatch();
                }
                del.setLong(1, runId);
                del.setString(2, path);
                del.addBatch();
                del.executeBatch();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO checkpoint(run_id, epoch, step, path, sha256,"
                    + " metrics) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, runId);
                st.setInt(2, epoch);
                st.setLong(3, step);
                st.setString(4, path);
                st.setString(5, sha256);
                st.setString(6, metricsJson);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param runId the run
     * @return its checkpoints, by epoch
     */
    public List<Checkpoint> checkpoints(long runId) {
        return catalog.read("list checkpoints of run " + runId, c -> {
            List<Checkpoint> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, run_id, epoch, step, path, sha256, metrics,"
                    + " created_at FROM checkpoint WHERE run_id = ? ORDER BY epoch, id")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Long epoch = Sql.getLong(rs, "epoch");
                        out.add(new Checkpoint(rs.getLong(1), rs.getLong(2), epoch == null ? null : epoch.intValue(),
                                Sql.getLong(rs, "step"), rs.getString(5), rs.getString(6), rs.getString(7),
                                Sql.getInstant(rs, "created_at")));
                    }
                }
            }
            return out;
        });
    }

    /**
     * @param runId the run
     * @return its checkpoint of the highest epoch, if any
     */
    public Optional<Checkpoint> latestCheckpoint(long runId) {
        List<Checkpoint> all = checkpoints(runId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
