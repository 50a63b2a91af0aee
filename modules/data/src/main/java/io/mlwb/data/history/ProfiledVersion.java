package io.mlwb.data.history;

import io.mlwb.vcs.fingerprint.FileFingerprint;
import java.util.Objects;

/**
 * A file version as it was read: where it sits in the project and in git.
 *
 * @param datasetName  the dataset's name, or the file's project-relative path for a file not in mlwb.yaml
 * @param relativePath the file relative to the project root, {@code /}-separated
 * @param fingerprint  its fingerprint (SHA-256 and git blob id)
 * @param commit       HEAD when it was read, or null on an unborn branch
 * @param dirty        true when its bytes differ from HEAD's (or git does not track it)
 */
public record ProfiledVersion(String datasetName, String relativePath, FileFingerprint fingerprint, String commit,
                              boolean dirty) {
    /** Rejects null parts, except the commit. */
    public ProfiledVersion {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
