package io.mlwb.app.shell;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** An open editor tab's content. Created by an {@link EditorSpec}'s factory on the FX thread. */
public interface Editor {
    /** @return the node shown in the tab */
    Node node();

    /** @return the tab's title */
    String title();

    /** @return true while the editor holds unsaved changes (its tab's title then starts with "* "); null if never */
    default ObservableBooleanValue dirty() {
        return null;
    }

    /** Releases what the editor holds (watchers, listeners, running jobs). Called when its tab closes. */
    default void dispose() {
    }
}
