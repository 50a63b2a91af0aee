package io.mlwb.app.shell;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;

/** The main toolbar: one icon button per registered {@link ToolbarEntry}, in order, enabled as its action is. */
final class MainToolBar {
    private MainToolBar() {
    }

    /**
     * @param contributions the toolbar entries and their actions (checked)
     * @param ctx           what the actions run against
     * @param triggers      when one changes, every button re-checks whether its action is enabled
     * @return the toolbar, id "toolBar"; buttons "tool-" plus the action id
     */
    static Node build(Contributions contributions, WorkbenchContext ctx, ObservableValue<?>... triggers) {
        ToolBar bar = new ToolBar();
        bar.setId("toolBar");
        bar.getStyleClass().add("main-toolbar");
        List<Runnable> refreshers = new ArrayList<>();
        for (ToolbarEntry entry : contributions.toolbar()) {
            ActionSpec a = contributions.action(entry.actionId()).orElseThrow();
            Button b = new Button();
            b.setId("tool-" + a.id());
            b.setGraphic((a.icon() == null ? AppIcon.COMMAND : a.icon()).node());
            b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            b.setTooltip(new Tooltip(a.title() + (a.shortcut() == null ? ""
                    : "  (" + a.shortcut().replace("Shortcut", "Ctrl") + ")")));
            b.setOnAction(e -> {
                if (a.enabled().test(ctx)) {
                    a.handler().accept(ctx);
                }
            });
            refreshers.add(() -> b.setDisable(!a.enabled().test(ctx)));
            bar.getItems().add(b);
        }
        Runnable refreshAll = () -> refreshers.forEach(Runnable::run);
        for (ObservableValue<?> t : triggers) {
            t.addListener((o, before, now) -> refreshAll.run());
        }
        refreshAll.run();
        return bar;
    }
}
