package io.mlwb.core.settings;

import java.util.Objects;

/**
 * How the workbench looks.
 *
 * @param theme    light or dark
 * @param fontSize base font size in points; clamped to [{@link #MIN_FONT_SIZE}, {@link #MAX_FONT_SIZE}], and a
 *                 NaN becomes {@link #DEFAULT_FONT_SIZE}
 */
public record AppearanceSettings(Theme theme, double fontSize) {

    /** Default base font size. */
    public static final double DEFAULT_FONT_SIZE = 13;
    /** Smallest allowed base font size. */
    public static final double MIN_FONT_SIZE = 9;
    /** Largest allowed base font size. */
    public static final double MAX_FONT_SIZE = 24;

    /** Checks the theme is set and clamps the font size. */
    public AppearanceSettings {
        Objects.requireNonNull(theme, "theme");
        fontSize = Double.isNaN(fontSize) ? DEFAULT_FONT_SIZE : Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, fontSize));
    }

    /** @return the light theme at 13 points */
    public static AppearanceSettings defaults() {
        return new AppearanceSettings(Theme.LIGHT, DEFAULT_FONT_SIZE);
    }

    /** @return a copy with {@code theme} */
    public AppearanceSettings withTheme(Theme theme) {
        return new AppearanceSettings(theme, fontSize);
    }

    /** @return a copy with {@code fontSize}, clamped */
    public AppearanceSettings withFontSize(double fontSize) {
        return new AppearanceSettings(theme, fontSize);
    }
}
