package io.mlwb.data.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a dataset file: a commit that changed it, or the working copy when it differs from HEAD.
 *
 * @param path        the file, relative to the repository root, {@code /}-separated
 * @param commitSha   the commit's full id, or null for the working copy
 * @param shortSha    the commit's abbreviated id, or {@code "working"} for the working copy
 * @param time        when the commit was authored, or the working file's last-modified time
 * @param message     the commit's short message, or a note on the working copy
 * @param blobId      the git blob id of the content (for the working copy: as {@code git hash-object} computes
 *                    it; that blob need not exist in the repository)
 * @param workingTree true for the working copy (uncommitted changes, or a file git does not track)
 */
public record DatasetVersion(String path, String commitSha, String shortSha, Instant time, String message,
                             String blobId, boolean workingTree) {
    /** Rejects null parts, except the working copy's commit. */
    public DatasetVersion {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(shortSha, "shortSha");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(blobId, "blobId");
        if (workingTree != (commitSha == null)) {
            throw new IllegalArgumentException("a version has a commit exactly when it is not the working copy");
        }
    }
}
