package io.mlwb.catalog.audit;

import java.util.List;

/**
 * One page of audit entries and how many entries match the query in all, read from one snapshot of the catalog (so
 * {@code total} counts the same log the page was cut from).
 *
 * @param entries the entries of the page, in the query's order; at most its limit
 * @param total   how many entries match the query's filter (every entry when it has none), regardless of paging
 */
public record AuditPage(List<AuditEntry> entries, long total) {
    /** Copies the entries (the page is immutable) and checks the total. */
    public AuditPage {
        entries = List.copyOf(entries);
        if (total < entries.size()) {
            throw new IllegalArgumentException("total " + total + " is below the page's " + entries.size() + " entries");
        }
    }
}
