package io.mlwb.catalog.dataset;

import java.util.Objects;

/**
 * What is known about one content version of a dataset file when it is recorded.
 *
 * @param path        the file, relative to the project root
 * @param sha256      SHA-256 of the file's bytes (hex); identifies the version
 * @param gitBlobId   the git blob id, or null while the file is not committed
 * @param commitSha   the commit it was read at, or null
 * @param sizeBytes   file size in bytes
 * @param rowCount    rows, or null when not yet counted
 * @param columnCount columns, or null when not yet counted
 */
public record NewDatasetVersion(String path, String sha256, String gitBlobId, String commitSha, long sizeBytes,
                                Long rowCount, Long columnCount) {
    /** Checks the required fields (path, sha256) and that the size is not negative. */
    public NewDatasetVersion {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
    }
}
