package io.mlwb.catalog.audit;

/**
 * Which audit entries to read: a page of them, in one order, optionally only those matching a text.
 *
 * @param offset      matching entries to skip, counted in the chosen order; not negative
 * @param limit       the most entries to return; not negative (0 only counts)
 * @param filter      text that the actor, action, entity, entity id or details must contain, ignoring the case of
 *                    ASCII letters; null or blank means every entry
 * @param newestFirst true for descending seq (the newest entry first), false for the chain's own order
 */
public record AuditQuery(int offset, int limit, String filter, boolean newestFirst) {
    /** Checks the bounds and normalizes a blank filter to the empty string. */
    public AuditQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        filter = filter == null || filter.isBlank() ? "" : filter.strip();
    }

    /**
     * @param limit the most entries to return
     * @return the newest {@code limit} entries, unfiltered
     */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(0, limit, "", true);
    }

    /** @return true when a filter is set */
    public boolean filtered() {
        return !filter.isEmpty();
    }
}
