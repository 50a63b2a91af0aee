package io.mlwb.data.history;

import io.mlwb.catalog.dataset.DatasetVersionRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A profile as stored in the catalog, with the dataset version it describes.
 *
 * @param profileId   catalog id of the profile (what quality checks are stored against)
 * @param datasetName the dataset
 * @param version     the file version profiled: path, SHA-256, git blob id and commit
 * @param profileJson the profile, in the {@code mlwb profile --json} shape
 * @param approximate true when some figures come from sketches (streaming mode)
 * @param createdAt   when the profile was stored
 */
public record StoredProfile(long profileId, String datasetName, DatasetVersionRecord version, String profileJson,
                            boolean approximate, Instant createdAt) {
    /** Rejects null parts. */
    public StoredProfile {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(profileJson, "profileJson");
    }

    /** @return SHA-256 of the profiled bytes */
    public String sha256() {
        return version.sha256();
    }

    /** @return the commit holding these bytes, or null when they were not committed when recorded */
    public String commitSha() {
        return version.commitSha();
    }

    /**
     * @return true when these bytes were in no commit when recorded (a working copy with uncommitted changes, or
     *         a file git does not track); a later clean profile of the same bytes fills in the commit
     */
    public boolean dirty() {
        return version.commitSha() == null;
    }
}
