package io.mlwb.catalog.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.core.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's append-only, hash-chained audit log: every change a person makes gets an entry whose hash covers
 * its content and the previous entry's hash, so altering, replacing or deleting an entry in the middle is found by
 * {@link #verify()}. Triggers refuse UPDATE and DELETE on the table; the chain catches edits made around them.
 * (Removing the newest entries leaves a valid shorter chain; an external anchor such as a git-committed head hash
 * is needed to catch that.)
 *
 * <p>The previous hash is read inside the write transaction, so appends from several threads or processes keep
 * one consistent chain.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** The previous hash of the first entry. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final String COLUMNS = "seq, time, actor, action, entity, entity_id, details, prev_hash, hash";

    private final Catalog catalog;
    private final Clock clock;

    /** @param catalog the open catalog */
    public AuditLog(Catalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    /**
     * @param catalog the open catalog
     * @param clock   where entry times come from
     */
    public AuditLog(Catalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends an entry in its own transaction.
     *
     * @param actor    who made the change
     * @param action   what was done
     * @param entity   the kind of thing changed
     * @param entityId its id, or null
     * @param details  JSON-able details (strings, numbers, booleans, lists, maps); null means none
     * @return the stored entry
     * @throws CatalogException when the catalog is read-only or the write fails
     * @throws IllegalArgumentException when details cannot be written as JSON
     */
    public AuditEntry append(String actor, String action, String entity, String entityId, Map<String, ?> details) {
        String detailsJson = CanonicalJson.details(details == null ? Map.of() : details);
        return catalog.inTransaction("append audit entry " + action + " " + entity,
                c -> insert(c, actor, action, entity, entityId, detailsJson));
    }

    /**
     * Appends an entry inside the caller's transaction, so a change and its audit entry commit (or roll back)
     * together.
     *
     * @param c        the connection handed to the caller's {@link Catalog#inTransaction} work
     * @param actor    who made the change
     * @param action   what was done
     * @param entity   the kind of thing changed
     * @param entityId its id, or null
     * @param details  JSON-able details; null means none
     * @return the entry as it will be stored when the caller's transaction commits
     * @throws SQLException from the driver; the caller's transaction then rolls back
     * @throws IllegalStateException when not called inside {@link Catalog#inTransaction} of this log's catalog
     */
    public AuditEntry append(Connection c, String actor, String action, String entity, String entityId,
                             Map<String, ?> details) throws SQLException {
        if (!catalog.inWriteTransaction()) {
            throw new IllegalStateException("AuditLog.append(Connection, ...) must run inside catalog.inTransaction");
        }
        return insert(c, actor, action, entity, entityId, CanonicalJson.details(details == null ? Map.of() : details));
    }

    private AuditEntry insert(Connection c, String actor, String action, String entity, String entityId,
                              String detailsJson) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entity, "entity");
        long seq = 1;
        String prev = GENESIS_HASH;
        try (PreparedStatement st = c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
        }
        long time = clock.millis();
        String hash = hash(prev, seq, time, actor, action, entity, entityId, detailsJson);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_log(" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, seq);
            st.setLong(2, time);
            st.setString(3, actor);
            st.setString(4, action);
            st.setString(5, entity);
            st.setString(6, entityId);
            st.setString(7, detailsJson);
            st.setString(8, prev);
            st.setString(9, hash);
            st.executeUpdate();
        }
        LOG.debug("Audit #{}: {} {} {} {}", seq, actor, action, entity, entityId);
        return new AuditEntry(seq, time, actor, action, entity, entityId, detailsJson, prev, hash);
    }

    /**
     * Lists entries oldest first (ascending seq), the order the chain is read in.
     *
     * @param offset entries to skip, from the oldest
     * @param limit  the most entries to return
     * @return the entries
     */
    public List<AuditEntry> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        return catalog.read("list audit entries", c -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM audit_log ORDER BY seq LIMIT ? OFFSET ?")) {
                st.setInt(1, limit);
                st.setInt(2, offset);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
            return entries;
        });
    }

    /** @return how many entries the log holds */
    public long count() {
        return catalog.read("count audit entries", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM audit_log");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Recomputes the chain from the first entry, in one read snapshot, and stops at the first entry that does
     * not match.
     *
     * @return whether the chain is intact and, if not, the first broken entry and why
     */
    public AuditVerification verify() {
        return catalog.read("verify the audit log", c -> {
            long checked = 0;
            long expectedSeq = 1;
            String prev = GENESIS_HASH;
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = entry(rs);
                    checked++;
                    if (e.seq() != expectedSeq) {
                        return broken(checked, e.seq(), AuditVerification.GAP_IN_SEQUENCE);
                    }
                    if (!prev.equals(e.prevHash())) {
                        return broken(checked, e.seq(), AuditVerification.PREVIOUS_HASH_MISMATCH);
                    }
                    String recomputed;
                    try {
                        recomputed = hash(e.prevHash(), e.seq(), e.timeMillis(), e.actor(), e.action(), e.entity(),
                                e.entityId(), e.detailsJson());
                    } catch (RuntimeException unreadable) {
                        recomputed = null;   // details no longer parse as JSON: the row was altered
                    }
                    if (!e.hash().equals(recomputed)) {
                        return broken(checked, e.seq(), AuditVerification.HASH_MISMATCH);
                    }
                    prev = e.hash();
                    expectedSeq++;
                }
            }
            return AuditVerification.intact(checked);
        });
    }

    private AuditVerification broken(long checked, long seq, String reason) {
        LOG.warn("Audit log of {} is broken at entry {}: {}", catalog.file(), seq, reason);
        return AuditVerification.broken(checked, seq, reason);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getLong("time"), rs.getString("actor"), rs.getString("action"),
                rs.getString("entity"), rs.getString("entity_id"), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** The chain's hash: SHA-256 hex of {@code prev + "\n" + canonical envelope}. */
    static String hash(String prev, long seq, long time, String actor, String action, String entity, String entityId,
                       String detailsJson) {
        try {
            String envelope = CanonicalJson.envelope(seq, time, actor, action, entity, entityId, detailsJson);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((prev + "\n" + envelope).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException e) {
            throw new CatalogException("An audit entry's details are not valid JSON: " + e.getOriginalMessage(),
                    "Run 'mlwb audit verify' to find the altered entry.", ExitCode.CHECK_FAILED, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
