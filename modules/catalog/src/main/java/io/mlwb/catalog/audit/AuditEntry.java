package io.mlwb.catalog.audit;

/**
 * One audit log entry, as stored.
 *
 * @param seq         position in the chain, 1 for the first entry, without gaps
 * @param timeMillis  when it was appended, epoch milliseconds (hashed as {@code time})
 * @param actor       who made the change (user name, or {@code mlwb} for automatic changes)
 * @param action      what was done ({@code create}, {@code approve}, {@code deploy}, ...)
 * @param entity      the kind of thing changed ({@code run}, {@code model_card}, ...)
 * @param entityId    its id, or null when the action concerns no single thing
 * @param detailsJson canonical JSON of the details: keys sorted, no whitespace
 * @param prevHash    the previous entry's hash (hex), 64 zeros for the first entry
 * @param hash        SHA-256 (hex) of {@code prevHash + "\n" + canonical JSON of
 *                    {seq,time,actor,action,entity,entity_id,details}}
 */
public record AuditEntry(long seq, long timeMillis, String actor, String action, String entity, String entityId,
                         String detailsJson, String prevHash, String hash) {
}
