package io.mlwb.catalog.profile;

import java.time.Instant;

/**
 * One stored schema snapshot of a dataset.
 *
 * @param id               catalog id
 * @param datasetId        the dataset
 * @param datasetVersionId the version the schema was taken from, or null
 * @param schemaJson       the schema as JSON
 * @param approvedBy       who approved it, or null when not approved
 * @param approvedAt       when it was approved, or null
 * @param createdAt        when it was stored
 */
public record SchemaSnapshotRecord(long id, long datasetId, Long datasetVersionId, String schemaJson,
                                   String approvedBy, Instant approvedAt, Instant createdAt) {
}
