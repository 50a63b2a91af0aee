package io.mlwb.app.shell;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import java.util.Optional;
import javafx.stage.Window;

/** What the shell gives every pane: the open project, background jobs, error reporting, editors, events. */
public interface WorkbenchContext {
    /** @return the open project, empty on the welcome screen */
    Optional<OpenProject> project();

    /** @return where to start long work */
    UiJobs jobs();

    /** @return where to report errors and warnings */
    ErrorReporter errors();

    /** Opens (or selects, if already open) the editor tab for {@code ref}. */
    void open(ItemRef ref);

    /** @return the main window, owner of dialogs; null in tests without a window */
    Window window();

    /** Tells every listener that project files, git state or the catalog changed (e.g. after a commit). */
    void fireProjectChanged();

    /** @param listener called on the FX thread after {@link #fireProjectChanged()} or a file-watcher event */
    void addProjectListener(Runnable listener);

    /**
     * Opens a project read-only at a revision, for review ({@link OpenProject#openForReview}), in place of the open
     * one. The default (a context without a window, in tests) does nothing.
     *
     * @param dir      the project folder
     * @param revision a tag, branch or commit
     * @param whenOpen called on the FX thread once it is open; may be null
     */
    default void openForReview(java.nio.file.Path dir, String revision, Runnable whenOpen) {
    }
}
