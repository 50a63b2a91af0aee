package io.mlwb.app.git;

import io.mlwb.vcs.RepoStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One changed file of the work tree.
 *
 * @param path       relative to the repository root, with {@code /}
 * @param kind       how it differs from HEAD
 * @param lfsPointer true when the file in the folder is a Git LFS pointer rather than real content
 */
public record FileChange(String path, ChangeKind kind, boolean lfsPointer) {
    /** Rejects null parts. */
    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return every file of {@code status}, sorted by path (no LFS check) */
    public static List<FileChange> of(RepoStatus status) {
        List<FileChange> all = new ArrayList<>();
        add(all, status.conflicting(), ChangeKind.CONFLICTING);
        add(all, status.modified(), ChangeKind.MODIFIED);
        add(all, status.added(), ChangeKind.ADDED);
        add(all, status.removed(), ChangeKind.REMOVED);
        add(all, status.missing(), ChangeKind.MISSING);
        add(all, status.untracked(), ChangeKind.UNTRACKED);
        all.sort(Comparator.comparing(FileChange::path));
        return all;
    }

    private static void add(List<FileChange> all, Set<String> paths, ChangeKind kind) {
        paths.forEach(p -> all.add(new FileChange(p, kind, false)));
    }

    /** @return a copy marked as an LFS pointer */
    public FileChange asLfsPointer() {
        return new FileChange(path, kind, true);
    }
}
