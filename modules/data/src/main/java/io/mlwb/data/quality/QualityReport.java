package io.mlwb.data.quality;

import java.util.List;

/**
 * The results of a dataset's quality rules on one table, in rule order.
 *
 * @param results one result per rule
 */
public record QualityReport(List<RuleResult> results) {
    /** Copies the list. */
    public QualityReport {
        results = List.copyOf(results);
    }

    /** @return true when no rule failed (warnings allowed); what {@code mlwb profile --check} exits 0 on */
    public boolean passed() {
        return count(RuleResult.Status.FAIL) == 0;
    }

    /**
     * @param status an outcome
     * @return how many results have it
     */
    public long count(RuleResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
