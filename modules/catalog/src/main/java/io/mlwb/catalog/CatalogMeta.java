package io.mlwb.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The catalog's key/value facts about itself ({@code catalog_meta}): created_at, created_by_version, ... */
public final class CatalogMeta {
    private final Catalog catalog;

    /** @param catalog the open catalog */
    public CatalogMeta(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads one value.
     *
     * @param key the key, e.g. {@code created_by_version}
     * @return its value, or empty when not set
     */
    public Optional<String> get(String key) {
        return catalog.read("read catalog_meta " + key, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT value FROM catalog_meta WHERE key = ?")) {
                st.setString(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** @return every key and value, sorted by key */
    public Map<String, String> all() {
        return catalog.read("read catalog_meta", c -> {
            Map<String, String> all = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT key, value FROM catalog_meta ORDER BY key");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getString(2));
                }
            }
            return all;
        });
    }

    /**
     * Sets one value, replacing any earlier one.
     *
     * @param key   the key
     * @param value the value
     * @throws CatalogException when the catalog is read-only or the write fails
     */
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        catalog.inTransaction("set catalog_meta " + key, c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO catalog_meta(key, value) VALUES (?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                st.setString(1, key);
                st.setString(2, value);
                st.executeUpdate();
            }
            return null;
        });
    }
}
