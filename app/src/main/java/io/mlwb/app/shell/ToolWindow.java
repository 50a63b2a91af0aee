package io.mlwb.app.shell;

import java.util.Objects;
import javafx.scene.Node;

/**
 * A tool window's content, built by a {@link ToolWindowSpec}'s factory on the FX thread. The shell calls
 * {@link #dispose()} when the window goes away: a feature's tool window when its project closes (or another opens),
 * the shell's own ones when the workbench closes.
 */
public interface ToolWindow {
    /** @return the node shown in the tool window's tab */
    Node node();

    /** Releases what the tool window holds (watchers, listeners, running jobs). Called once. */
    default void dispose() {
    }

    /** @return a tool window showing {@code node} that holds nothing to release */
    static ToolWindow of(Node node) {
        Objects.requireNonNull(node, "node");
        return () -> node;
    }

    /**
     * @param node    what it shows
     * @param dispose what releases it
     * @return a tool window showing {@code node}, released by {@code dispose}
     */
    static ToolWindow of(Node node, Runnable dispose) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(dispose, "dispose");
        return new ToolWindow() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void dispose() {
                dispose.run();
            }
        };
    }
}
