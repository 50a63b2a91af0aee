package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import io.mlwb.app.ui.Views;
import io.mlwb.core.settings.Theme;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Ctrl+,: the preferences form (PreferencesView.fxml), bound to a {@link PreferencesViewModel}. */
public final class PreferencesView {
    private final PreferencesViewModel vm;
    @FXML
    private ChoiceBox<Theme> prefsTheme;
    @FXML
    private Spinner<Double> prefsFont;

    /** @param vm the preferences being edited */
    public PreferencesView(PreferencesViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        prefsTheme.getItems().setAll(vm.themes());
        prefsTheme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return t == null ? "" : Messages.get(t == Theme.DARK ? "shell.prefs.theme.dark" : "shell.prefs.theme.light");
            }

            @Override
            public Theme fromString(String s) {
                return null; // a choice box never parses
            }
        });
        prefsTheme.valueProperty().bindBidirectional(vm.themeProperty());
        double start = vm.fontSizeProperty().get() == null ? vm.minFontSize() : vm.fontSizeProperty().get();
        prefsFont.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(vm.minFontSize(),
                vm.maxFontSize(), start, 1));
        prefsFont.getValueFactory().valueProperty().bindBidirectional(vm.fontSizeProperty());
    }

    /** @return the form */
    Parent node() {
        return Views.load(this);
    }

    /** Shows the dialog; OK applies the edit, Cancel drops it. */
    static void show(Window owner, PreferencesViewModel vm) {
        PreferencesView view = new PreferencesView(vm);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("shell.prefs.title"));
        d.getDialogPane().setContent(view.node());
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ((Button) d.getDialogPane().lookupButton(ButtonType.OK)).disableProperty().bind(vm.validProperty().not());
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresentOrElse(b -> vm.apply(), vm::cancel);
    }
}
