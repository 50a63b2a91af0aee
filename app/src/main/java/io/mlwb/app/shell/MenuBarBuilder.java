package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/**
 * Builds the menu bar from the registered menus and actions: each action in its menu, in registration order, with
 * its icon and accelerator, enabled as its action says when the menu opens. The shell adds two things of its own:
 * the recent-projects submenu after the File menu's opening actions, and the tool-window toggles in View.
 */
final class MenuBarBuilder {
    private MenuBarBuilder() {
    }

    /**
     * @param contributions menus and actions (checked)
     * @param ctx           what the actions run against
     * @param recent        the recent-projects submenu
     * @param recentAfter   the id of the shell action after which the submenu goes
     * @param toggles       the tool windows' show/hide items, for the View menu
     * @return the menu bar, id "menuBar"; menus "menu" plus the capitalized menu id, items "action-" plus action id
     */
    static MenuBar build(Contributions contributions, WorkbenchContext ctx, Menu recent, String recentAfter,
                         List<CheckMenuItem> toggles) {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (MenuSpec spec : contributions.menus()) {
            Menu m = new Menu(Messages.get(spec.titleKey()));
            m.setId("menu" + spec.id().substring(0, 1).toUpperCase(Locale.ROOT) + spec.id().substring(1));
            menus.put(spec.id(), m);
        }
        for (ActionSpec a : contributions.actions()) {
            if (a.menu() == null) {
                continue;
            }
            Menu m = menus.get(a.menu());
            m.getItems().add(item(a, ctx));
            if (a.id().equals(recentAfter)) {
                m.getItems().addAll(recent, new SeparatorMenuItem());
            }
        }
        for (Menu m : menus.values()) {
            m.setOnShowing(e -> m.getItems().forEach(mi -> {
                String id = mi.getId();
                if (id != null && id.startsWith("action-")) {
                    contributions.action(id.substring("action-".length()))
                            .ifPresent(a -> mi.setDisable(!a.enabled().test(ctx)));
                }
            }));
        }
        Menu view = menus.get(ActionSpec.VIEW_MENU);
        if (view != null && !toggles.isEmpty()) {
            view.getItems().add(new SeparatorMenuItem());
            view.getItems().addAll(toggles);
        }
        MenuBar bar = new MenuBar(menus.values().stream().filter(m -> !m.getItems().isEmpty()).toArray(Menu[]::new));
        bar.setId("menuBar");
        return bar;
    }

    private static MenuItem item(ActionSpec a, WorkbenchContext ctx) {
        MenuItem item = new MenuItem(a.title());
        item.setId("action-" + a.id());
        if (a.icon() != null) {
            item.setGraphic(a.icon().node());
        }
        if (a.shortcut() != null) {
            item.setAccelerator(KeyCombination.valueOf(a.shortcut()));
        }
        item.setOnAction(e -> {
            if (a.enabled().test(ctx)) {
                a.handler().accept(ctx);
            }
        });
        return item;
    }
}
