package io.mlwb.app.project;

/**
 * How a file or folder of the project tree differs in git, from weakest to strongest. A folder shows the strongest
 * status among its contents (ignored files do not colour their folder).
 */
public enum GitStatus {
    /** Tracked and unchanged (or not a file at all). */
    NONE(null),
    /** Ignored by git (and {@code .mlwb}, the workbench's own state). */
    IGNORED("git-ignored"),
    /** New and not tracked. */
    UNTRACKED("git-untracked"),
    /** Staged as new. */
    ADDED("git-added"),
    /** Changed, removed or missing since HEAD. */
    MODIFIED("git-modified"),
    /** With unresolved merge conflicts. */
    CONFLICT("git-conflict");

    private final String styleClass;

    GitStatus(String styleClass) {
        this.styleClass = styleClass;
    }

    /** @return the CSS class a tree cell gets for this status, or null for {@link #NONE} */
    public String styleClass() {
        return styleClass;
    }

    /** @return the stronger of this and {@code other} */
    public GitStatus strongest(GitStatus other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
