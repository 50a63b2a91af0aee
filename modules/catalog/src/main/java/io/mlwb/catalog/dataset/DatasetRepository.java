package io.mlwb.catalog.dataset;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.Sql;
import io.mlwb.core.error.ExitCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Datasets and their content versions in the catalog. Writes are idempotent, so re-profiling is safe. */
public final class DatasetRepository {
    private static final String VERSION_COLUMNS = "id, dataset_id, version_no, path, sha256, git_blob_id, commit_sha, "
            + "size_bytes, row_count, column_count, created_at";

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public DatasetRepository(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Registers a dataset, or returns the one already registered under {@code name} (its description is kept).
     *
     * @param name        unique name
     * @param description free text, or null
     * @return the dataset
     * @throws CatalogException when the catalog is read-only or the write fails
     */
    public DatasetRecord register(String name, String description) {
        requireName(name);
        return catalog.inTransaction("register dataset " + name, c -> {
            Optional<DatasetRecord> existing = findByName(c, name);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dataset(name, description) VALUES (?, ?)")) {
                st.setString(1, name);
                st.setString(2, description);
                st.executeUpdate();
            }
            return findByName(c, name).orElseThrow();
        });
    }

    /**
     * Finds a dataset by name.
     *
     * @param name the name
     * @return the dataset, or empty
     */
    public Optional<DatasetRecord> findByName(String name) {
        return catalog.read("find dataset " + name, c -> findByName(c, name));
    }

    /**
     * Finds a dataset by id.
     *
     * @param datasetId the id
     * @return the dataset, or empty
     */
    public Optional<DatasetRecord> find(long datasetId) {
        return catalog.read("find dataset " + datasetId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, name, description, created_at FROM dataset WHERE id = ?")) {
                st.setLong(1, datasetId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(dataset(rs)) : Optional.empty();
                }
            }
        });
    }

    /** @return every dataset, by name */
    public List<DatasetRecord> list() {
        return catalog.read("list datasets", c -> {
            List<DatasetRecord> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, name, description, created_at FROM dataset ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(dataset(rs));
                }
            }
            return all;
        });
    }

    /**
     * Records a content version of a dataset. When a version with the same sha256 is already recorded for it,
     * that version is returned unchanged: the same bytes are the same version.
     *
     * @param datasetId the dataset
     * @param version   what is known about the file
     * @return the recorded version
     * @throws CatalogException when there is no such dataset, the catalog is read-only, or the write fails
     */
    public DatasetVersionRecord addVersion(long datasetId, NewDatasetVersion version) {
        Objects.requireNonNull(version, "version");
        return catalog.inTransaction("add a version of dataset " + datasetId, c -> {
            requireDataset(c, datasetId);
            Optional<DatasetVersionRecord> same = one(c, "SELECT " + VERSION_COLUMNS
                    + " FROM dataset_version WHERE dataset_id = ? AND sha256 = ?", datasetId, version.sha256());
            if (same.isPresent()) {
                return same.get();
            }
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dataset_version(dataset_id, version_no, path, "
                    + "sha256, git_blob_id, commit_sha, size_bytes, row_count, column_count) VALUES (?, "
                    + "(SELECT coalesce(max(version_no), 0) + 1 FROM dataset_version WHERE dataset_id = ?), "
                    + "?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, datasetId);
                st.setLong(2, datasetId);
                st.setString(3, version.path());
                st.setString(4, version.sha256());
                st.setString(5, version.gitBlobId());
                st.setString(6, version.commitSha());
                st.setLong(7, version.sizeBytes());
                Sql.setLong(st, 8, version.rowCount());
                Sql.setLong(st, 9, version.columnCount());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return one(c, "SELECT " + VERSION_COLUMNS + " FROM dataset_version WHERE id = ?", id, null).orElseThrow();
        });
    }

    /**
     * Records that a version first seen uncommitted (no commit) is now committed. A version that already has a
     * commit keeps it: it names the first commit known to hold these bytes.
     *
     * @param versionId the version
     * @param commitSha a commit whose tree holds the version's bytes
     * @param gitBlobId the blob id of those bytes
     * @return the version as stored afterwards
     * @throws CatalogException when there is no such version, the catalog is read-only, or the write fails
     */
    public DatasetVersionRecord markCommitted(long versionId, String commitSha, String gitBlobId) {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(gitBlobId, "gitBlobId");
        return catalog.inTransaction("mark dataset version " + versionId + " committed", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dataset_version SET commit_sha = ?, "
                    + "git_blob_id = ? WHERE id = ? AND commit_sha IS NULL")) {
                st.setString(1, commitSha);
                st.setString(2, gitBlobId);
                st.setLong(3, versionId);
                st.executeUpdate();
            }
            return one(c, "SELECT " + VERSION_COLUMNS + " FROM dataset_version WHERE id = ?", versionId, null)
                    .orElseThrow(() -> new CatalogException("There is no dataset version with id " + versionId
                            + " in the catalog " + catalog.file() + ".", "Check the id.", ExitCode.BAD_INPUT, null));
        });
    }

    /**
     * Lists a dataset's versions, oldest first.
     *
     * @param datasetId the dataset
     * @return its versions; empty when it has none or does not exist
     */
    public List<DatasetVersionRecord> versions(long datasetId) {
        return catalog.read("list versions of dataset " + datasetId, c -> {
            List<DatasetVersionRecord> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM dataset_version WHERE dataset_id = ? ORDER BY version_no")) {
                st.setLong(1, datasetId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(version(rs));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Gets one version by id.
     *
     * @param versionId the version's id
     * @return the version, or empty
     */
    public Optional<DatasetVersionRecord> version(long versionId) {
        return catalog.read("get dataset version " + versionId,
                c -> one(c, "SELECT " + VERSION_COLUMNS + " FROM dataset_version WHERE id = ?", versionId, null));
    }

    /**
     * Gets a dataset's newest version.
     *
     * @param datasetId the dataset
     * @return the version with the highest number, or empty
     */
    public Optional<DatasetVersionRecord> latestVersion(long datasetId) {
        return catalog.read("get the latest version of dataset " + datasetId, c -> one(c, "SELECT " + VERSION_COLUMNS
                + " FROM dataset_version WHERE dataset_id = ? ORDER BY version_no DESC LIMIT 1", datasetId, null));
    }

    private void requireDataset(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM dataset WHERE id = ?")) {
            st.setLong(1, datasetId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new CatalogException("There is no dataset with id " + datasetId + " in the catalog "
                            + catalog.file() + ".", "Register the dataset first, or check the id.",
                            ExitCode.BAD_INPUT, null);
                }
            }
        }
    }

    private static Optional<DatasetRecord> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, description, created_at FROM dataset WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(dataset(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<DatasetVersionRecord> one(Connection c, String sql, long id, String text)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            if (text != null) {
                st.setString(2, text);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    private static DatasetRecord dataset(ResultSet rs) throws SQLException {
        return new DatasetRecord(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                Sql.getInstant(rs, "created_at"));
    }

    private static DatasetVersionRecord version(ResultSet rs) throws SQLException {
        return new DatasetVersionRecord(rs.getLong("id"), rs.getLong("dataset_id"), rs.getInt("version_no"),
                rs.getString("path"), rs.getString("sha256"), rs.getString("git_blob_id"), rs.getString("commit_sha"),
                rs.getLong("size_bytes"), Sql.getLong(rs, "row_count"), Sql.getLong(rs, "column_count"),
                Sql.getInstant(rs, "created_at"));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new CatalogException("A dataset needs a name.", "Give the dataset a non-empty name.",
                    ExitCode.BAD_INPUT, null);
        }
    }
}
