package io.mlwb.app.shell;

import io.mlwb.core.settings.AppearanceSettings;
import io.mlwb.core.settings.Theme;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The preferences being edited: theme and base font size. Starts from what is in use; {@link #apply()} uses and
 * remembers a valid edit, {@link #cancel()} goes back to what is in use. No JavaFX nodes: tested without a toolkit.
 */
public final class PreferencesViewModel {
    private final WorkbenchViewModel workbench;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> fontSize = new SimpleObjectProperty<>();
    private final BooleanBinding valid;

    /** @param workbench the window's state, which uses and remembers the appearance */
    public PreferencesViewModel(WorkbenchViewModel workbench) {
        this.workbench = workbench;
        valid = Bindings.createBooleanBinding(() -> theme.get() != null && validFontSize(fontSize.get()),
                theme, fontSize);
        cancel();
    }

    /** @return the themes to choose from */
    public List<Theme> themes() {
        return List.of(Theme.values());
    }

    /** @return the smallest font size allowed */
    public double minFontSize() {
        return AppearanceSettings.MIN_FONT_SIZE;
    }

    /** @return the largest font size allowed */
    public double maxFontSize() {
        return AppearanceSettings.MAX_FONT_SIZE;
    }

    /** @return the chosen theme */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** @return the chosen base font size in points; null while the field is empty */
    public ObjectProperty<Double> fontSizeProperty() {
        return fontSize;
    }

    /** @return whether the edit can be applied: a theme and a font size within the allowed range */
    public BooleanBinding validProperty() {
        return valid;
    }

    /**
     * Uses and remembers the edit, if it is valid.
     *
     * @return whether it was applied
     */
    public boolean apply() {
        if (!valid.get()) {
            return false;
        }
        workbench.setAppearance(theme.get(), fontSize.get());
        return true;
    }

    /** Drops the edit: the fields show what is in use again. */
    public void cancel() {
        theme.set(workbench.themeProperty().get());
        fontSize.set(workbench.fontSizeProperty().get());
    }

    private boolean validFontSize(Double size) {
        return size != null && !size.isNaN() && size >= minFontSize() && size <= maxFontSize();
    }
}
