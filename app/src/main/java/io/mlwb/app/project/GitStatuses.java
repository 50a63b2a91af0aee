package io.mlwb.app.project;

import io.mlwb.core.project.Project;
import io.mlwb.vcs.RepoStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the git status of every project path, with folder statuses aggregated from their contents. Paths
 * are project-relative with {@code /} separators ({@code ""} is the project folder). Immutable.
 */
public final class GitStatuses {
    /** No status known: everything is {@link GitStatus#NONE} except {@code .mlwb}. */
    public static final GitStatuses EMPTY = new GitStatuses(Map.of(), Map.of(), Set.of());

    private final Map<String, GitStatus> files;
    private final Map<String, GitStatus> folders;
    private final Set<String> ignored;

    private GitStatuses(Map<String, GitStatus> files, Map<String, GitStatus> folders, Set<String> ignored) {
        this.files = files;
        this.folders = folders;
        this.ignored = ignored;
    }

    /**
     * @param status  the repository's status (repository-relative paths)
     * @param ignored the ignored paths (repository-relative), e.g. from {@code GitRepo.ignoredPaths()}
     * @param prefix  the project folder relative to the repository root, {@code ""} when they are the same
     * @return the statuses of the paths inside the project
     */
    public static GitStatuses of(RepoStatus status, Set<String> ignored, String prefix) {
        Map<String, GitStatus> files = new HashMap<>();
        put(files, status.untracked(), GitStatus.UNTRACKED, prefix);
        put(files, status.added(), GitStatus.ADDED, prefix);
        put(files, status.modified(), GitStatus.MODIFIED, prefix);
        put(files, status.removed(), GitStatus.MODIFIED, prefix);
        put(files, status.missing(), GitStatus.MODIFIED, prefix);
        put(files, status.conflicting(), GitStatus.CONFLICT, prefix);
        Map<String, GitStatus> folders = new HashMap<>();
        files.forEach((path, s) -> {
            String p = path;
            while (!p.isEmpty()) {
                int slash = p.lastIndexOf('/');
                p = slash < 0 ? "" : p.substring(0, slash);
                folders.merge(p, s, GitStatus::strongest);
            }
        });
        Map<String, GitStatus> ign = new HashMap<>();
        put(ign, ignored, GitStatus.IGNORED, prefix);
        return new GitStatuses(Map.copyOf(files), Map.copyOf(folders), Set.copyOf(ign.keySet()));
    }

    private static void put(Map<String, GitStatus> into, Set<String> paths, GitStatus s, String prefix) {
        String pre = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        for (String path : paths) {
            if (path.startsWith(pre)) {
                into.merge(path.substring(pre.length()), s, GitStatus::strongest);
            }
        }
    }

    /**
     * @param path a project-relative path
     * @return its own status; for a folder the strongest status of its contents; {@link GitStatus#IGNORED} for an
     *         ignored path or one inside an ignored folder or inside {@code .mlwb}; else {@link GitStatus#NONE}
     */
    public GitStatus of(String path) {
        GitStatus own = files.get(path);
        if (own != null) {
            return own;
        }
        GitStatus folder = folders.get(path);
        if (folder != null) {
            return folder;
        }
        if (path.equals(Project.STATE_DIR) || path.startsWith(Project.STATE_DIR + "/")) {
            return GitStatus.IGNORED;
        }
        for (String p = path; !p.isEmpty(); p = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'))) {
            if (ignored.contains(p)) {
                return GitStatus.IGNORED;
            }
        }
        return GitStatus.NONE;
    }
}
