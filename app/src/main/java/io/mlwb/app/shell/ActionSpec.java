package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A command: listed in the command palette (Ctrl+Shift+A) and, when {@code menu} is set, in that menu.
 *
 * @param id       stable id, e.g. "git.commit"
 * @param title    shown in menus and the palette
 * @param menu     the id of the {@link MenuSpec} it goes into (the shell's "file", "view", "help", or one a feature
 *                 registered, e.g. "git"), or null for palette only
 * @param icon     its icon, or null
 * @param shortcut an accelerator in JavaFX KeyCombination syntax, e.g. "Shortcut+K", or null
 * @param enabled  whether it can run now (e.g. needs an open project)
 * @param handler  what it does (FX thread)
 */
public record ActionSpec(String id, String title, String menu, AppIcon icon, String shortcut,
                         Predicate<WorkbenchContext> enabled, Consumer<WorkbenchContext> handler) {
    /** The shell's File menu. */
    public static final String FILE_MENU = "file";
    /** The shell's View menu. */
    public static final String VIEW_MENU = "view";
    /** The shell's Help menu. */
    public static final String HELP_MENU = "help";

    /** An action enabled only while a project is open. */
    public static Predicate<WorkbenchContext> needsProject() {
        return ctx -> ctx.project().isPresent();
    }

    /** An action that edits, trains or registers: enabled only while a project is open and not read-only (review). */
    public static Predicate<WorkbenchContext> needsWritableProject() {
        return ctx -> ctx.project().filter(p -> !p.readOnly()).isPresent();
    }
}
