package io.mlwb.catalog.profile;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.Sql;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Approved schema snapshots of datasets. Approving is a person's change, so it appends an audit entry in the same
 * transaction.
 */
public final class SchemaSnapshotRepository {
    private static final String COLUMNS = "id, dataset_id, dataset_version_id, schema_json, approved_by, approved_at, "
            + "created_at";

    private final Catalog catalog;
    private final Clock clock;
    private final AuditLog audit;

    /** @param catalog the open catalog */
    public SchemaSnapshotRepository(Catalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    /**
     * @param catalog the open catalog
     * @param clock   where approval and audit times come from
     */
    public SchemaSnapshotRepository(Catalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new AuditLog(catalog, clock);
    }

    /**
     * Stores an approved schema for a dataset and appends an {@code approve_schema} audit entry on
     * {@code dataset}, both in one transaction.
     *
     * @param datasetId        the dataset
     * @param datasetVersionId the version the schema was taken from, or null
     * @param schemaJson       the schema as JSON
     * @param actor            who approved it
     * @return the stored snapshot
     * @throws CatalogException when there is no such dataset, the catalog is read-only, or the write fails
     */
    public SchemaSnapshotRecord approve(long datasetId, Long datasetVersionId, String schemaJson, String actor) {
        Objects.requireNonNull(schemaJson, "schemaJson");
        if (actor == null || actor.isBlank()) {
            throw new CatalogException("Approving a schema needs the name of the person approving it.",
                    "Give your name (git user.name is used by default).", ExitCode.BAD_INPUT, null);
        }
        return catalog.inTransaction("approve the schema of dataset " + datasetId, c -> {
            String name;
            try (PreparedStatement st = c.prepareStatement("SELECT name FROM dataset WHERE id = ?")) {
                st.setLong(1, datasetId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new CatalogException("There is no dataset with id " + datasetId + " in the catalog "
                                + catalog.file() + ".", "Register the dataset first.", ExitCode.BAD_INPUT, null);
                    }
                    name = rs.getString(1);
                }
            }
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO schema_snapshot(dataset_id, dataset_version_id, "
                    + "schema_json, approved_by, approved_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, datasetId);
                Sql.setLong(st, 2, datasetVersionId);
                st.setString(3, schemaJson);
                st.setString(4, actor);
                Sql.setInstant(st, 5, clock.instant());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("dataset", name);
            details.put("snapshot_id", id);
            details.put("schema", schemaJson);
            if (datasetVersionId != null) {
                details.put("dataset_version_id", datasetVersionId);
            }
            audit.append(c, actor, "approve_schema", "dataset", Long.toString(datasetId), details);
            return byId(c, id);
        });
    }

    /**
     * The dataset's latest approved schema.
     *
     * @param datasetId the dataset
     * @return the most recently approved snapshot, or empty when none was approved
     */
    public Optional<SchemaSnapshotRecord> latestApproved(long datasetId) {
        return catalog.read("get the approved schema of dataset " + datasetId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM schema_snapshot WHERE "
                    + "dataset_id = ? AND approved_at IS NOT NULL ORDER BY approved_at DESC, id DESC LIMIT 1")) {
                st.setLong(1, datasetId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(snapshot(rs)) : Optional.empty();
                }
            }
        });
    }

    private static SchemaSnapshotRecord byId(java.sql.Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM schema_snapshot WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return snapshot(rs);
            }
        }
    }

    private static SchemaSnapshotRecord snapshot(ResultSet rs) throws SQLException {
        return new SchemaSnapshotRecord(rs.getLong("id"), rs.getLong("dataset_id"),
                Sql.getLong(rs, "dataset_version_id"), rs.getString("schema_json"), rs.getString("approved_by"),
                Sql.getInstant(rs, "approved_at"), Sql.getInstant(rs, "created_at"));
    }
}
