package io.mlwb.catalog.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.core.error.ExitCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The full correlation matrices of stored profiles (table {@code profile_matrix}, schema V004), in binary: the
 * upper triangle with the diagonal as little-endian IEEE-754 doubles ({@value #ENCODING}), exact as computed, 8 bytes
 * a pair. The profile's JSON lists only the notable pairs; these are what a heatmap of a reused profile shows.
 */
public final class ProfileMatrixRepository {
    /** The one encoding written: k(k+1)/2 little-endian doubles, row by row, {@code values[i][j]} for j ≥ i. */
    public static final String ENCODING = "f64le-upper";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public ProfileMatrixRepository(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Stores matrices of a profile, all in one transaction (joining the caller's).
     *
     * @param matrices the matrices; each kind at most once per profile
     * @throws CatalogException when the profile does not exist, a kind is stored twice, the catalog is read-only,
     *                          or the write fails
     */
    public void insert(List<ProfileMatrix> matrices) {
        List<ProfileMatrix> copy = List.copyOf(matrices);
        if (copy.isEmpty()) {
            return;
        }
        catalog.inTransaction("store correlation matrices of profile " + copy.get(0).profileId(), c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO profile_matrix(profile_id, kind, columns, "
                    + "encoding, data) VALUES (?, ?, ?, ?, ?)")) {
                for (ProfileMatrix m : copy) {
                    st.setLong(1, m.profileId());
                    st.setString(2, m.kind());
                    st.setString(3, JSON.writeValueAsString(m.columns()));
                    st.setString(4, ENCODING);
                    st.setBytes(5, encode(m.upper()));
                    st.executeUpdate();
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("column names could not be written as JSON", e);
            }
            return null;
        });
    }

    /**
     * The matrices stored with a profile.
     *
     * @param profileId the profile
     * @return its matrices, by kind name; empty for a profile stored without them (before V004, or without
     *         correlations)
     * @throws CatalogException when a stored matrix cannot be decoded
     */
    public List<ProfileMatrix> find(long profileId) {
        return catalog.read("read correlation matrices of profile " + profileId, c -> {
            List<ProfileMatrix> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT kind, columns, encoding, data FROM profile_matrix "
                    + "WHERE profile_id = ? ORDER BY rowid")) {
                st.setLong(1, profileId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString("kind");
                        if (!ENCODING.equals(rs.getString("encoding"))) {
                            throw corrupt(profileId, kind, "unknown encoding " + rs.getString("encoding"));
                        }
                        List<String> columns;
                        try {
                            columns = JSON.readValue(rs.getString("columns"), new TypeReference<List<String>>() { });
                        } catch (JsonProcessingException e) {
                            throw corrupt(profileId, kind, "its column list is not JSON");
                        }
                        byte[] data = rs.getBytes("data");
                        long k = columns.size();
                        if (data == null || data.length != 8 * (k * (k + 1) / 2)) {
                            throw corrupt(profileId, kind, "its size does not fit " + k + " columns");
                        }
                        all.add(new ProfileMatrix(profileId, kind, columns, decode(data)));
                    }
                }
            }
            return all;
        });
    }

    private CatalogException corrupt(long profileId, String kind, String why) {
        return new CatalogException("The " + kind + " matrix of profile " + profileId + " in the catalog "
                + catalog.file() + " cannot be read: " + why + ".", "Profile the file again with --force.",
                ExitCode.BAD_INPUT, null);
    }

    private static byte[] encode(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    private static double[] decode(byte[] data) {
        double[] values = new double[data.length / Double.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return values;
    }
}
