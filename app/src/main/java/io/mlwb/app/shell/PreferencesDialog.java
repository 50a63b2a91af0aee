package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.AppearanceSettings;
import io.mlwb.core.settings.Theme;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Ctrl+,: theme and font size; applied at once and remembered. */
final class PreferencesDialog {
    private PreferencesDialog() {
    }

    static void show(Window owner, WorkbenchViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("shell.prefs.title"));
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.getItems().setAll(Theme.values());
        theme.setValue(vm.themeProperty().get());
        theme.setId("prefsTheme");
        Spinner<Double> font = new Spinner<>(AppearanceSettings.MIN_FONT_SIZE, AppearanceSettings.MAX_FONT_SIZE,
                vm.settings().current().appearance().fontSize(), 1);
        font.setId("prefsFont");
        font.setEditable(true);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.setPadding(new Insets(16));
        grid.addRow(0, new Label(Messages.get("shell.prefs.theme")), theme);
        grid.addRow(1, new Label(Messages.get("shell.prefs.font")), font);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            double size = font.getValue() == null ? AppearanceSettings.DEFAULT_FONT_SIZE : font.getValue();
            vm.settings().update(s -> WorkbenchViewModel.withFontSize(s, size));
            vm.setTheme(theme.getValue());
        });
    }
}
