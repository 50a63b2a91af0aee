package io.mlwb.data.quality;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What quality rules are checked against besides the table itself.
 *
 * @param now            the time {@code freshness} rules measure age from
 * @param approvedSchema the dataset's approved schema, or empty when none was approved yet
 */
public record QualityContext(Instant now, Optional<SchemaSnapshot> approvedSchema) {
    /** Rejects null parts. */
    public QualityContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(approvedSchema, "approvedSchema");
    }
}
