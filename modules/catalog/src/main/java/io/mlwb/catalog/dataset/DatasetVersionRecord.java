package io.mlwb.catalog.dataset;

import java.time.Instant;

/**
 * One recorded content version of a dataset.
 *
 * @param id          catalog id (what profiles, runs and drift reports reference)
 * @param datasetId   the dataset
 * @param versionNo   1 for the first version of the dataset, then 2, 3, ...
 * @param path        the file, relative to the project root
 * @param sha256      SHA-256 of the file's bytes (hex)
 * @param gitBlobId   the git blob id, or null
 * @param commitSha   the commit it was read at, or null
 * @param sizeBytes   file size in bytes
 * @param rowCount    rows, or null
 * @param columnCount columns, or null
 * @param createdAt   when it was recorded
 */
public record DatasetVersionRecord(long id, long datasetId, int versionNo, String path, String sha256,
                                   String gitBlobId, String commitSha, long sizeBytes, Long rowCount,
                                   Long columnCount, Instant createdAt) {
}
