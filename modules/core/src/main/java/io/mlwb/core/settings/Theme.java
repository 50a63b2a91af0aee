package io.mlwb.core.settings;

/** The workbench's colour theme. */
public enum Theme {
    /** Light background (Primer Light). */
    LIGHT,
    /** Dark background (Primer Dark). */
    DARK
}
