package io.mlwb.data.history;

import io.mlwb.data.profile.DatasetProfile;
import java.util.Objects;

/**
 * One side of a comparison.
 *
 * @param rev     the revision as asked, or {@value #WORKING_TREE} for the file in the working tree
 * @param commit  the commit's full id; for the working tree, HEAD when the file's bytes equal HEAD's, else null
 * @param blob    the git blob id of the bytes profiled
 * @param profile their profile (exact, without correlations)
 */
public record ComparedVersion(String rev, String commit, String blob, DatasetProfile profile) {
    /** The {@code rev} of the working-tree side. */
    public static final String WORKING_TREE = "working";

    /** Rejects null parts, except the commit. */
    public ComparedVersion {
        Objects.requireNonNull(rev, "rev");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(profile, "profile");
    }
}
