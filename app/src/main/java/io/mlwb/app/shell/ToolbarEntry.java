package io.mlwb.app.shell;

import java.util.Objects;

/**
 * An action shown as a button on the main toolbar. The toolbar lists entries by order; the button's id is
 * "tool-" plus the action id.
 *
 * @param actionId an action registered by some feature (checked by {@link Contributions#check()})
 * @param order    position on the toolbar (lower first); the shell uses 10 (open) and 900+ (theme, palette)
 */
public record ToolbarEntry(String actionId, int order) {
    /** Validates the id. */
    public ToolbarEntry {
        Objects.requireNonNull(actionId, "actionId");
    }
}
