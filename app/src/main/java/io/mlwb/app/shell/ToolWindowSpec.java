package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import java.util.function.Function;

/**
 * A feature's tool window: docked left (beside the project tree), bottom (beside Jobs, Log, Problems) or right.
 * When a project opens and the saved layout names no bottom tool window, the first registered feature tool window
 * docked at the bottom is selected.
 *
 * @param id       stable id, also the key of its visibility in the saved layout, e.g. "git"
 * @param title    shown on its tab (from the bundle)
 * @param icon     its icon
 * @param side     where it docks
 * @param shortcut an accelerator such as "Alt+9" to show/hide it, or null
 * @param factory  builds its content once per open project (FX thread); the shell disposes it when the project
 *                 closes
 */
public record ToolWindowSpec(String id, String title, AppIcon icon, Side side, String shortcut,
                             Function<WorkbenchContext, ToolWindow> factory) {
    /** Where a tool window docks. */
    public enum Side {
        /** Beside the project tree. */
        LEFT,
        /** Below the editors. */
        BOTTOM,
        /** Right of the editors. */
        RIGHT
    }
}
