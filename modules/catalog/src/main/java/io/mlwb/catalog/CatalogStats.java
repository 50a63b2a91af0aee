package io.mlwb.catalog;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Row counts for {@code mlwb status} and the status bar: one consistent snapshot of the catalog. */
public final class CatalogStats {
    /** Count key to table, in the order {@code mlwb status} shows them. */
    private static final Map<String, String> TABLES = tables();

    private final Catalog catalog;

    /** @param catalog the open catalog */
    public CatalogStats(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Counts what the catalog holds.
     *
     * @return an unmodifiable map in display order with the keys {@code datasets, dataset_versions, runs, models,
     *         model_cards, drift_reports, deployments, audit_entries}
     */
    public Map<String, Long> counts() {
        StringBuilder sql = new StringBuilder("SELECT ");
        int i = 0;
        for (String table : TABLES.values()) {
            sql.append(i++ == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(table).append(')');
        }
        return catalog.read("count catalog contents", c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
                rs.next();
                int col = 1;
                for (String key : TABLES.keySet()) {
                    counts.put(key, rs.getLong(col++));
                }
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("datasets", "dataset");
        t.put("dataset_versions", "dataset_version");
        t.put("runs", "run");
        t.put("models", "model");
        t.put("model_cards", "model_card");
        t.put("drift_reports", "drift_report");
        t.put("deployments", "deployment");
        t.put("audit_entries", "audit_log");
        return Collections.unmodifiableMap(t);
    }
}
