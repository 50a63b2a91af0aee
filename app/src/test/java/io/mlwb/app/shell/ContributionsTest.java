package io.mlwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: ordering, duplicates, and dangling references found by {@code check()}. */
class ContributionsTest {
    private static ActionSpec action(String id, String menu) {
        return new ActionSpec(id, id, menu, null, null, c -> true, c -> { });
    }

    @Test
    void toolbarAndMenusComeInTheirOrder() {
        Contributions c = new Contributions();
        c.menu(new MenuSpec("b", "shell.menu.view", 20));
        c.menu(new MenuSpec("a", "shell.menu.file", 10));
        c.action(action("x", "a"));
        c.action(action("y", "b"));
        c.toolbar("y", 5);
        c.toolbar("x", 1);
        assertEquals(List.of("a", "b"), c.menus().stream().map(MenuSpec::id).toList());
        assertEquals(List.of("x", "y"), c.toolbar().stream().map(ToolbarEntry::actionId).toList());
        assertEquals(c, c.check());
    }

    @Test
    void aToolbarEntryWithoutItsActionFailsTheCheck() {
        Contributions c = new Contributions();
        c.toolbar("nobody.registered", 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::check);
        assertTrue(e.getMessage().contains("nobody.registered"), e.getMessage());
    }

    @Test
    void anActionInAMenuNobodyRegisteredFailsTheCheck() {
        Contributions c = new Contributions();
        c.action(action("x", "nowhere"));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::check);
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void duplicatesAreRefused() {
        Contributions c = new Contributions();
        c.menu(new MenuSpec("a", "shell.menu.file", 10));
        assertThrows(IllegalStateException.class, () -> c.menu(new MenuSpec("a", "shell.menu.view", 20)));
        c.toolbar("x", 1);
        assertThrows(IllegalStateException.class, () -> c.toolbar("x", 2));
    }

    @Test
    void everyInstalledFeatureChecksOutWithTheShellsOwnParts() {
        Contributions shell = new Contributions();
        ShellActions.contribute(shell, new ShellActions.Targets(null, null, () -> { }, () -> { }, () -> { },
                () -> { }, () -> { }), null, null);
        Contributions all = new Contributions();
        all.addAll(shell);
        all.addAll(Contributions.discover());
        all.check();
        assertTrue(all.toolbar().size() > shell.toolbar().size(), "features put actions on the toolbar");
    }
}
