package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** F1: the keyboard shortcuts of every action and tool window, and where the documentation is. */
final class HelpDialog {
    private HelpDialog() {
    }

    static void show(Window owner, List<ActionSpec> actions, List<ToolWindowSpec> toolWindows) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        int row = 0;
        for (ActionSpec a : actions) {
            if (a.shortcut() != null) {
                Label key = new Label(a.shortcut().replace("Shortcut", "Ctrl"));
                key.getStyleClass().add("shortcut-key");
                grid.addRow(row++, key, new Label(a.title()));
            }
        }
        for (ToolWindowSpec t : toolWindows) {
            if (t.shortcut() != null) {
                Label key = new Label(t.shortcut());
                key.getStyleClass().add("shortcut-key");
                grid.addRow(row++, key, new Label(Messages.format("shell.help.tool", t.title())));
            }
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(Messages.get("shell.action.shortcuts"));
        alert.setHeaderText(Messages.get("shell.help.header"));
        alert.getDialogPane().setContent(grid);
        alert.show();
    }
}
