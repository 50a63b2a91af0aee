package io.mlwb.catalog.profile;

import java.time.Instant;

/**
 * One stored quality check.
 *
 * @param id               catalog id
 * @param datasetVersionId the dataset version checked
 * @param profileId        the profile the check ran with, or null when that profile was deleted
 * @param rule             the rule, e.g. {@code not_null(id)}
 * @param status           the outcome
 * @param detailsJson      JSON details, or null
 * @param createdAt        when it was stored
 */
public record QualityCheckRecord(long id, long datasetVersionId, Long profileId, String rule, CheckStatus status,
                                 String detailsJson, Instant createdAt) {
}
