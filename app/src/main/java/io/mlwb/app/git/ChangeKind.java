package io.mlwb.app.git;

/** How a file differs from HEAD, as the Local changes list shows it (one CSS class and one label each). */
public enum ChangeKind {
    /** A tracked file whose content changed. */
    MODIFIED,
    /** A new file staged for the next commit. */
    ADDED,
    /** A tracked file staged for deletion. */
    REMOVED,
    /** A tracked file deleted from the folder but not staged. */
    MISSING,
    /** A file git does not track yet. */
    UNTRACKED,
    /** A file with unresolved merge conflicts. */
    CONFLICTING;

    /** @return the CSS class of this kind, e.g. {@code git-status-modified} (coloured with -color-* tokens) */
    public String styleClass() {
        return "git-status-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the bundle key of this kind's label, e.g. {@code git.status.modified} */
    public String messageKey() {
        return "git.status." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
