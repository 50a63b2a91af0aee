package io.mlwb.data.history;

import io.mlwb.data.read.ReadOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ProfileService#compare} compares: a file at two revisions.
 *
 * @param file        the data file in the working tree
 * @param name        how the person knows it, for messages and output
 * @param readOptions how to read every version
 * @param base        the earlier revision: any revision git understands (sha, tag, branch, {@code HEAD~1}), or null
 *                    for the file as it is in the working tree now
 * @param current     the later revision, or null for the working tree
 * @param bins        histogram bins, 1 to 1000
 */
public record CompareRequest(Path file, String name, ReadOptions readOptions, String base, String current,
                             int bins) {
    /** Rejects null parts (except the revisions) and bins outside 1..1000. */
    public CompareRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readOptions, "readOptions");
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("bins must be between 1 and 1000, not " + bins);
        }
    }

    /**
     * @param file        the data file
     * @param name        how the person knows it
     * @param readOptions how to read it
     * @param base        the earlier revision
     * @return a comparison of {@code base} with the working tree, {@value ProfileRequest#DEFAULT_BINS} bins
     */
    public static CompareRequest withWorkingTree(Path file, String name, ReadOptions readOptions, String base) {
        return new CompareRequest(file, name, readOptions, base, null, ProfileRequest.DEFAULT_BINS);
    }
}
