package io.mlwb.data.history;

import java.util.Objects;

/**
 * The result of {@link ProfileService#compare}: both versions profiled and what changed between them.
 *
 * @param name         how the person knows the file
 * @param relativePath the file relative to the repository root, {@code /}-separated
 * @param base         the earlier version
 * @param current      the later version
 * @param diff         columns added and removed, type changes, statistic deltas (base = before, current = after)
 */
public record Comparison(String name, String relativePath, ComparedVersion base, ComparedVersion current,
                         DiffResult diff) {
    /** Rejects null parts. */
    public Comparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(diff, "diff");
    }
}
