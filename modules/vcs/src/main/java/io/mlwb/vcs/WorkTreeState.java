package io.mlwb.vcs;

/**
 * The state of the work tree captured in one call, as a run records it for provenance.
 *
 * @param commitSha the HEAD commit id, or null when the branch is unborn (no commits yet)
 * @param branch    the checked-out branch's short name, or null when HEAD is detached
 * @param detached  true when HEAD points at a commit rather than a branch
 * @param dirty     true when tracked files differ from HEAD (untracked files alone do not count)
 * @param diff      the unified diff of tracked files against HEAD; empty when not dirty
 */
public record WorkTreeState(String commitSha, String branch, boolean detached, boolean dirty, String diff) {
    /** A null diff becomes empty so callers can store it as-is. */
    public WorkTreeState {
        diff = diff == null ? "" : diff;
    }
}
