package io.mlwb.vcs;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What differs between HEAD, the index and the work tree. Paths are relative to the repository root with
 * {@code /} separators; every set is sorted and unmodifiable. Ignored files are not reported.
 *
 * @param modified    tracked files whose content changed since HEAD, staged or not
 * @param added       files staged as new (not in HEAD)
 * @param removed     files staged for deletion
 * @param missing     tracked files deleted from the work tree but not staged as removed
 * @param untracked   files git does not track and does not ignore
 * @param conflicting files with unresolved merge conflicts
 */
public record RepoStatus(Set<String> modified, Set<String> added, Set<String> removed, Set<String> missing,
                         Set<String> untracked, Set<String> conflicting) {
    /** Copies every set into a sorted, unmodifiable one. */
    public RepoStatus {
        modified = sorted(modified);
        added = sorted(added);
        removed = sorted(removed);
        missing = sorted(missing);
        untracked = sorted(untracked);
        conflicting = sorted(conflicting);
    }

    /** @return true when tracked files differ from HEAD; untracked files alone do not make a tree dirty */
    public boolean isDirty() {
        return !modified.isEmpty() || !added.isEmpty() || !removed.isEmpty() || !missing.isEmpty()
                || !conflicting.isEmpty();
    }

    /** @return true when nothing differs at all: not dirty and no untracked files */
    public boolean clean() {
        return !isDirty() && untracked.isEmpty();
    }

    /** @return every tracked path that differs from HEAD (the union of all sets except untracked) */
    public Set<String> dirtyPaths() {
        SortedSet<String> all = new TreeSet<>(modified);
        all.addAll(added);
        all.addAll(removed);
        all.addAll(missing);
        all.addAll(conflicting);
        return Collections.unmodifiableSortedSet(all);
    }

    private static Set<String> sorted(Collection<String> paths) {
        return paths == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }
}
