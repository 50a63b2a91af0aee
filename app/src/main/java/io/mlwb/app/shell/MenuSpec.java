package io.mlwb.app.shell;

import java.util.Objects;

/**
 * A menu of the main menu bar. The shell registers its own (file, view, help); a feature registers the menus its
 * actions go into (git registers "git", the project tree "project"). An {@link ActionSpec#menu()} names one by id.
 *
 * @param id       stable id, e.g. "git"; the menu's node id is "menu" plus the id capitalized ("menuGit")
 * @param titleKey the bundle key of its title, e.g. "git.menu"
 * @param order    position on the menu bar (lower first); the shell uses 10 (file), 30 (view) and 1000 (help)
 */
public record MenuSpec(String id, String titleKey, int order) {
    /** Validates the parts. */
    public MenuSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(titleKey, "titleKey");
    }
}
