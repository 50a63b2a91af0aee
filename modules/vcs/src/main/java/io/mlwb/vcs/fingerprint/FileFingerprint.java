package io.mlwb.vcs.fingerprint;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file's content was when it was read, for run provenance and dataset identity.
 *
 * @param path       the file that was read
 * @param size       its size in bytes
 * @param sha256     SHA-256 of the content, 64 lowercase hex characters
 * @param gitBlobId  the git blob id (SHA-1 of {@code "blob <size>\0"} followed by the raw content), equal to
 *                   {@code git hash-object --no-filters}; 40 lowercase hex characters
 * @param lfsPointer present when the file is a Git LFS pointer rather than real content
 */
public record FileFingerprint(Path path, long size, String sha256, String gitBlobId,
                              Optional<LfsPointer> lfsPointer) {
    /** Rejects null parts. */
    public FileFingerprint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(gitBlobId, "gitBlobId");
        Objects.requireNonNull(lfsPointer, "lfsPointer");
    }

    /** @return true when the file is a Git LFS pointer, so the hashes describe the pointer, not the data */
    public boolean isLfsPointer() {
        return lfsPointer.isPresent();
    }
}
