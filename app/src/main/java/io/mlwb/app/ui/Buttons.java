package io.mlwb.app.ui;

import javafx.scene.control.Button;

/** Small rules for buttons that several panes share. */
public final class Buttons {
    private Buttons() {
    }

    /**
     * Gives a button an accent style class (AtlantaFX's {@code success}, {@code danger}…) only while it can be
     * pressed: a disabled green or red button still reads as "approved" or "danger here".
     *
     * @param button     the button
     * @param styleClass the accent style class
     */
    public static void accentWhenEnabled(Button button, String styleClass) {
        button.disabledProperty().subscribe(disabled -> {
            if (disabled) {
                button.getStyleClass().remove(styleClass);
            } else if (!button.getStyleClass().contains(styleClass)) {
                button.getStyleClass().add(styleClass);
            }
        });
    }
}
