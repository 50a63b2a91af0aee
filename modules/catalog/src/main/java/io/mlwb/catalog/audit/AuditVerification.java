package io.mlwb.catalog.audit;

import java.util.Optional;

/**
 * The result of recomputing the audit chain.
 *
 * @param ok             true when every entry's sequence, previous hash and hash are as recomputed
 * @param entriesChecked how many entries were checked: all of them when ok, else up to and including the
 *                       first broken one
 * @param firstBroken    the seq of the first entry that does not match, empty when ok
 * @param reason         why it does not match ({@code "hash mismatch"}, {@code "previous-hash mismatch"},
 *                       {@code "gap in sequence"}), empty when ok
 */
public record AuditVerification(boolean ok, long entriesChecked, Optional<Long> firstBroken, Optional<String> reason) {
    /** Reason: the entry's stored hash is not the hash of its content (the row was altered). */
    public static final String HASH_MISMATCH = "hash mismatch";
    /** Reason: the entry's prev_hash is not the previous entry's hash (an entry was replaced). */
    public static final String PREVIOUS_HASH_MISMATCH = "previous-hash mismatch";
    /** Reason: the entry's seq does not follow the previous one (an entry was deleted). */
    public static final String GAP_IN_SEQUENCE = "gap in sequence";

    static AuditVerification intact(long checked) {
        return new AuditVerification(true, checked, Optional.empty(), Optional.empty());
    }

    static AuditVerification broken(long checked, long seq, String reason) {
        return new AuditVerification(false, checked, Optional.of(seq), Optional.of(reason));
    }
}
