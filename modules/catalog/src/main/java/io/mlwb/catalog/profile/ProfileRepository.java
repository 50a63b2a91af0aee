package io.mlwb.catalog.profile;

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

/** Profiles of dataset versions and the quality checks run with them. */
public final class ProfileRepository {
    private static final String COLUMNS = "p.id, p.dataset_version_id, p.payload, p.approximate, p.created_at";

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public ProfileRepository(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Stores a profile of a dataset version.
     *
     * @param datasetVersionId the version profiled
     * @param payload          the profile as JSON
     * @param approximate      true when some figures are approximate
     * @return the stored profile
     * @throws CatalogException when there is no such version, the catalog is read-only, or the write fails
     */
    public ProfileRecord insert(long datasetVersionId, String payload, boolean approximate) {
        Objects.requireNonNull(payload, "payload");
        return catalog.inTransaction("store a profile of dataset version " + datasetVersionId, c -> {
            requireVersion(c, datasetVersionId);
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO profile(dataset_version_id, payload, "
                    + "approximate) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, datasetVersionId);
                st.setString(2, payload);
                st.setInt(3, approximate ? 1 : 0);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return byId(c, id).orElseThrow();
        });
    }

    /**
     * Gets one profile.
     *
     * @param profileId the id
     * @return the profile, or empty
     */
    public Optional<ProfileRecord> find(long profileId) {
        return catalog.read("get profile " + profileId, c -> byId(c, profileId));
    }

    /**
     * Finds the newest profile of any dataset version with these bytes: the cache that keeps the same content
     * from being profiled twice.
     *
     * @param sha256 SHA-256 of the file's bytes (hex)
     * @return the newest such profile, or empty
     */
    public Optional<ProfileRecord> latestBySha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        return catalog.read("find a profile by sha256", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM profile p JOIN "
                    + "dataset_version v ON v.id = p.dataset_version_id WHERE v.sha256 = ? ORDER BY p.id DESC LIMIT 1")) {
                st.setString(1, sha256);
                return first(st);
            }
        });
    }

    /**
     * Lists the newest profile of each version of a dataset, oldest version first (by version number: the order
     * the versions were first recorded).
     *
     * @param datasetId the dataset
     * @return the profiles; empty when none or no such dataset
     */
    public List<ProfileRecord> latestPerVersion(long datasetId) {
        return catalog.read("list profiles of dataset " + datasetId, c -> {
            List<ProfileRecord> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM profile p JOIN "
                    + "dataset_version v ON v.id = p.dataset_version_id WHERE v.dataset_id = ? AND p.id = "
                    + "(SELECT max(q.id) FROM profile q WHERE q.dataset_version_id = v.id) ORDER BY v.version_no")) {
                st.setLong(1, datasetId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(profile(rs));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Stores the quality checks run with a profile, all in one transaction, against the profile's dataset version.
     *
     * @param profileId the profile
     * @param checks    the results, in rule order
     * @throws CatalogException when there is no such profile, the catalog is read-only, or the write fails
     */
    public void insertChecks(long profileId, List<NewQualityCheck> checks) {
        List<NewQualityCheck> copy = List.copyOf(checks);
        catalog.inTransaction("store quality checks of profile " + profileId, c -> {
            ProfileRecord profile = byId(c, profileId).orElseThrow(() -> new CatalogException("There is no "
                    + "profile with id " + profileId + " in the catalog " + catalog.file() + ".",
                    "Profile the dataset again, then check it.", ExitCode.BAD_INPUT, null));
            try (PreparedStatement st = c.prepareStatement("INSERT INTO quality_check(dataset_version_id, "
                    + "profile_id, rule, status, details) VALUES (?, ?, ?, ?, ?)")) {
                for (NewQualityCheck check : copy) {
                    st.setLong(1, profile.datasetVersionId());
                    st.setLong(2, profileId);
                    st.setString(3, check.rule());
                    st.setString(4, check.status().dbName());
                    st.setString(5, check.detailsJson());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /**
     * Lists the quality checks stored with a profile, in the order stored.
     *
     * @param profileId the profile
     * @return the checks; empty when none
     */
    public List<QualityCheckRecord> checks(long profileId) {
        return catalog.read("list quality checks of profile " + profileId, c -> {
            List<QualityCheckRecord> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, dataset_version_id, profile_id, rule, status, "
                    + "details, created_at FROM quality_check WHERE profile_id = ? ORDER BY id")) {
                st.setLong(1, profileId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new QualityCheckRecord(rs.getLong("id"), rs.getLong("dataset_version_id"),
                                Sql.getLong(rs, "profile_id"), rs.getString("rule"),
                                CheckStatus.fromDb(rs.getString("status")), rs.getString("details"),
                                Sql.getInstant(rs, "created_at")));
                    }
                }
            }
            return all;
        });
    }

    private void requireVersion(Connection c, long versionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM dataset_version WHERE id = ?")) {
            st.setLong(1, versionId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new CatalogException("There is no dataset version with id " + versionId + " in the catalog "
                            + catalog.file() + ".", "Record the dataset version first.", ExitCode.BAD_INPUT, null);
                }
            }
        }
    }

    private static Optional<ProfileRecord> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM profile p WHERE p.id = ?")) {
            st.setLong(1, id);
            return first(st);
        }
    }

    private static Optional<ProfileRecord> first(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(profile(rs)) : Optional.empty();
        }
    }

    private static ProfileRecord profile(ResultSet rs) throws SQLException {
        return new ProfileRecord(rs.getLong("id"), rs.getLong("dataset_version_id"), rs.getString("payload"),
                rs.getInt("approximate") == 1, Sql.getInstant(rs, "created_at"));
    }
}
