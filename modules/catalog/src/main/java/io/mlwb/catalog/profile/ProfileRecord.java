package io.mlwb.catalog.profile;

import java.time.Instant;

/**
 * One stored profile of a dataset version.
 *
 * @param id               catalog id
 * @param datasetVersionId the dataset version profiled
 * @param payload          the profile as JSON
 * @param approximate      true when some figures come from sketches (streaming mode)
 * @param createdAt        when it was stored
 */
public record ProfileRecord(long id, long datasetVersionId, String payload, boolean approximate, Instant createdAt) {
}
