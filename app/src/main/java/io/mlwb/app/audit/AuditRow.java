package io.mlwb.app.audit;

import io.mlwb.catalog.audit.AuditEntry;
import java.time.Instant;

/**
 * One row of the Audit log table: an entry as a person reads it (no hashes; an absent entity id and empty details
 * are blank).
 *
 * @param seq      the entry's position in the chain
 * @param time     when it was appended
 * @param actor    who made the change
 * @param action   what was done
 * @param entity   the kind of thing changed
 * @param entityId its id, or "" when none
 * @param details  the details as canonical JSON, or "" when there are none
 */
public record AuditRow(long seq, Instant time, String actor, String action, String entity, String entityId,
                       String details) {

    /** @return the row showing {@code entry} */
    public static AuditRow of(AuditEntry entry) {
        String details = entry.detailsJson() == null || "{}".equals(entry.detailsJson()) ? "" : entry.detailsJson();
        return new AuditRow(entry.seq(), Instant.ofEpochMilli(entry.timeMillis()), entry.actor(), entry.action(),
                entry.entity(), entry.entityId() == null ? "" : entry.entityId(), details);
    }
}
