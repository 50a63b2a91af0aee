package io.mlwb.app.shell;

import javafx.scene.Node;

/** An open editor tab's content. Created by an {@link EditorSpec}'s factory on the FX thread. */
public interface Editor {
    /** @return the node shown in the tab */
    Node node();

    /** @return the tab's title */
    String title();

    /** Releases what the editor holds (watchers, listeners, running jobs). Called when its tab closes. */
    default void dispose() {
    }
}
