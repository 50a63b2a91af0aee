package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** F1: the keyboard shortcuts of every action, and where the documentation is. */
final class HelpDialog {
    private HelpDialog() {
    }

    static void show(Window owner, List<ActionSpec> actions) {
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
        grid.addRow(row++, new Label("Alt+1 / Alt+6..9"), new Label(Messages.get("shell.help.tools")));
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(Messages.get("shell.action.shortcuts"));
        alert.setHeaderText(Messages.get("shell.help.header"));
        alert.getDialogPane().setContent(grid);
        alert.show();
    }
}
