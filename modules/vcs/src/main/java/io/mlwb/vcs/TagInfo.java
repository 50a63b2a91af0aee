package io.mlwb.vcs;

import java.util.Objects;

/**
 * One tag.
 *
 * @param name      the short tag name, e.g. {@code v1.0}
 * @param targetSha the object the tag finally points at (a commit, for tags mlwb makes)
 * @param annotated true for an annotated tag object, false for a lightweight tag
 * @param message   the annotated tag's message; empty for a lightweight tag
 */
public record TagInfo(String name, String targetSha, boolean annotated, String message) {
    /** Rejects null parts so callers never have to check. */
    public TagInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targetSha, "targetSha");
        Objects.requireNonNull(message, "message");
    }
}
