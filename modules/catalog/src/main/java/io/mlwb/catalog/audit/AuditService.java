package io.mlwb.catalog.audit;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reading and checking the audit log: the use cases behind {@code mlwb audit list|verify} and the workbench's Audit
 * log pane, so both show the same entries for the same query. Read-only: it works on a catalog opened read-only, and
 * appending stays with {@link AuditLog} (inside the transaction of the change it records).
 *
 * <p>Thread-safe as far as its {@link Catalog} is: each call is one read transaction.
 */
public final class AuditService {
    private static final String COLUMNS = "seq, time, actor, action, entity, entity_id, details, prev_hash, hash";
    /** The searched columns; entity_id may be null. LIKE ignores the case of ASCII letters in SQLite. */
    private static final String MATCHES = " WHERE (actor LIKE ?1 ESCAPE '\\' OR action LIKE ?1 ESCAPE '\\'"
            + " OR entity LIKE ?1 ESCAPE '\\' OR coalesce(entity_id, '') LIKE ?1 ESCAPE '\\'"
            + " OR details LIKE ?1 ESCAPE '\\')";

    private final Catalog catalog;

    /** @param catalog the open catalog (read-write or read-only) */
    public AuditService(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads one page of entries and the number of entries matching the query, from one snapshot. The filter is
     * applied in SQL: it matches entries whose actor, action, entity, entity id or canonical details JSON contains the
     * text ({@code %} and {@code _} are plain characters), ignoring the case of ASCII letters.
     *
     * @param query offset, limit, filter and order
     * @return the page, and the total of matching entries
     * @throws CatalogException when the catalog cannot be read (or is closed)
     */
    public AuditPage page(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        String where = query.filtered() ? MATCHES : "";
        String pattern = "%" + escapeLike(query.filter()) + "%";
        return catalog.read("list audit entries", c -> {
            long total = count(c, where, pattern);
            List<AuditEntry> entries = new ArrayList<>();
            String sql = "SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY seq "
                    + (query.newestFirst() ? "DESC" : "ASC") + " LIMIT ?2 OFFSET ?3";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, pattern);
                st.setInt(2, query.limit());
                st.setInt(3, query.offset());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
            return new AuditPage(entries, total);
        });
    }

    /**
     * @return how many entries the log holds
     * @throws CatalogException when the catalog cannot be read
     */
    public long count() {
        return catalog.read("count audit entries", c -> count(c, "", ""));
    }

    /**
     * Recomputes the hash chain from the first entry, in one read snapshot (see {@link AuditLog#verify()}).
     *
     * @return intact with the number of entries checked, or the first broken entry and why
     * @throws CatalogException when the catalog cannot be read
     */
    public AuditVerification verify() {
        return new AuditLog(catalog).verify();
    }

    private static long count(Connection c, String where, String pattern) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
            if (!where.isEmpty()) {
                st.setString(1, pattern);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** Makes LIKE's wildcards and its escape character match themselves. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getLong("time"), rs.getString("actor"), rs.getString("action"),
                rs.getString("entity"), rs.getString("entity_id"), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
