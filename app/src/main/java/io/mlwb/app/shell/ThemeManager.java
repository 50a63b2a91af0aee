package io.mlwb.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.mlwb.core.settings.Theme;
import java.util.Objects;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/** Applies the AtlantaFX Primer theme (light or dark), our small mlwb.css, and the font size to a scene. */
public final class ThemeManager {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    /** Our stylesheet: tokens only, no colours of its own. */
    public static final String MLWB_CSS = Objects.requireNonNull(ThemeManager.class.getResource("/theme/mlwb.css"),
            "theme/mlwb.css missing from the build").toExternalForm();

    private ThemeManager() {
    }

    /**
     * @param scene    the scene to style (its root gets the font size and the :dark pseudo-class)
     * @param theme    light or dark
     * @param fontSize base font size in px
     */
    public static void apply(Scene scene, Theme theme, double fontSize) {
        Application.setUserAgentStylesheet(theme == Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        if (!scene.getStylesheets().contains(MLWB_CSS)) {
            scene.getStylesheets().add(MLWB_CSS);
        }
        scene.getRoot().pseudoClassStateChanged(DARK, theme == Theme.DARK);
        scene.getRoot().setStyle("-fx-font-size: " + fontSize + "px;");
    }
}
