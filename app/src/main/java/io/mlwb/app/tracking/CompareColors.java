package io.mlwb.app.tracking;

import io.mlwb.app.charts.ChartPalette;
import javafx.scene.paint.Color;

/**
 * The Compare pane's colours: one per run (the theme's eight series colours, then two more shifted in hue, so ten
 * runs stay apart) and a sequential scale for a metric's value (viridis, cut so both ends read on the background).
 */
final class CompareColors {
    private static final Color[] LIGHT_SCALE = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
        Color.web("#5ec962"), Color.web("#b5de2b")};
    private static final Color[] DARK_SCALE = {Color.web("#3b528b"), Color.web("#21918c"), Color.web("#5ec962"),
        Color.web("#b5de2b"), Color.web("#fde725")};

    private CompareColors() {
    }

    /**
     * @param palette the theme
     * @param run     a run's position, 0 to 9
     * @return its colour
     */
    static Color run(ChartPalette palette, int run) {
        if (run < ChartPalette.SERIES_COLOURS) {
            return palette.series(run);
        }
        return palette.series(run - ChartPalette.SERIES_COLOURS).deriveColor(150, 1, 0.85, 1);
    }

    /**
     * @param palette the theme
     * @param t       a value in [0, 1]; NaN for none
     * @return its colour on the scale; the muted text colour for none
     */
    static Color scale(ChartPalette palette, double t) {
        if (Double.isNaN(t)) {
            return palette.color("muted");
        }
        Color[] stops = palette.dark() ? DARK_SCALE : LIGHT_SCALE;
        double p = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(p));
        return stops[i].interpolate(stops[i + 1], p - i);
    }
}
