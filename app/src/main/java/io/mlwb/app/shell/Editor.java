package io.mlwb.app.shell;

import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * An open editor tab's content. Created by an {@link EditorSpec}'s factory on the FX thread. An editor that holds
 * unsaved changes ({@link #dirty()} true) may veto being closed: before its tab, the project or the window closes, the
 * shell asks the person Save / Discard / Cancel; Save calls {@link #save}, Cancel keeps everything open.
 */
public interface Editor {
    /** @return the node shown in the tab */
    Node node();

    /** @return the tab's title */
    String title();

    /** @return true while the editor holds unsaved changes (its tab's title then starts with "* "); null if never */
    default ObservableBooleanValue dirty() {
        return null;
    }

    /**
     * Saves the unsaved changes, in the background, when the person chose Save in the shell's unsaved-changes prompt.
     * The default saves nothing and answers false, so an editor that reports {@link #dirty()} but cannot save here
     * is never closed by Save (Discard still closes it).
     *
     * @param done called on the FX thread with true once saved, false when the save failed or was refused (the editor
     *             shows why); the tab, the project or the window then stays open
     */
    default void save(Consumer<Boolean> done) {
        done.accept(false);
    }

    /** Releases what the editor holds (watchers, listeners, running jobs). Called when its tab closes. */
    default void dispose() {
    }
}
