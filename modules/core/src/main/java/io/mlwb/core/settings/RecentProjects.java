package io.mlwb.core.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recently opened project folders, newest first, at most {@link #MAX} of them, without duplicates
 * (STYLE.md rule 16). Folders that are missing now are kept, since a disk may come back; {@link #existing()}
 * hides them.
 *
 * @param paths the folders, newest first
 */
public record RecentProjects(List<Path> paths) {

    /** The most entries kept. */
    public static final int MAX = 10;

    /** Copies the list, dropping repeats (the first, newest, stays) and entries past {@link #MAX}. */
    public RecentProjects {
        paths = paths.stream().distinct().limit(MAX).toList();
    }

    /** @return no recent projects */
    public static RecentProjects defaults() {
        return new RecentProjects(List.of());
    }

    /**
     * @param project a project folder; made absolute and normalised
     * @return a copy with {@code project} first, removed from further down, and the oldest entry dropped past
     *         {@link #MAX}
     */
    public RecentProjects opened(Path project) {
        Path p = project.toAbsolutePath().normalize();
        return new RecentProjects(Stream.concat(Stream.of(p), paths.stream().filter(q -> !q.equals(p))).toList());
    }

    /**
     * @param project a project folder; made absolute and normalised
     * @return a copy without {@code project} (the user chose "remove from list")
     */
    public RecentProjects removed(Path project) {
        Path p = project.toAbsolutePath().normalize();
        return new RecentProjects(paths.stream().filter(q -> !q.equals(p)).toList());
    }

    /** @return the entries whose folder exists now, newest first; checks the disk on every call */
    public List<Path> existing() {
        return paths.stream().filter(Files::isDirectory).toList();
    }
}
