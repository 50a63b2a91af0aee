package io.mlwb.vcs;

import java.util.Objects;

/**
 * One committed version of a file: a commit that changed the file, and the file's blob at that commit.
 *
 * @param commit the commit that changed the file
 * @param path   the file, relative to the repository root, {@code /}-separated
 * @param blobId the git blob id of the file's content at {@code commit}, 40 lowercase hex characters
 */
public record FileVersion(CommitInfo commit, String path, String blobId) {
    /** Rejects null parts. */
    public FileVersion {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(blobId, "blobId");
    }
}
