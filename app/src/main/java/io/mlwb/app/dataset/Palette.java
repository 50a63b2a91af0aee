package io.mlwb.app.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The theme's colours for what is drawn in code (Canvas, JFreeChart): hidden regions styled in {@code dataset.css}
 * with the AtlantaFX {@code -color-*} tokens, read back once CSS has been applied. When the theme switches, the
 * regions' backgrounds change and {@link #onChange(Runnable)} listeners redraw.
 */
final class Palette {
    /** The tokens read, by name: {@code chart-1} is {@code -color-chart-1}, and so on. */
    static final List<String> TOKENS = List.of("chart-1", "chart-2", "chart-3", "accent", "danger", "success",
            "warning", "bg", "fg", "muted", "border", "neutral");

    private final Pane node = new Pane();
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    Palette() {
        node.getStyleClass().add("dataset-palette");
        node.setManaged(false);
        node.setVisible(false);
        node.setMouseTransparent(true);
        for (String t : TOKENS) {
            Region r = new Region();
            r.getStyleClass().add("palette-" + t);
            regions.put(t, r);
            node.getChildren().add(r);
            r.backgroundProperty().addListener((o, was, now) -> listeners.forEach(Runnable::run));
        }
    }

    /** @return the hidden node; it must be in the scene for the colours to resolve */
    Pane node() {
        return node;
    }

    /** @param listener called when a colour changes (theme switch, first CSS pass) */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** @return the colour of token {@code name}, or a neutral grey before CSS has been applied */
    Color color(String name) {
        Region r = regions.get(name);
        Background b = r == null ? null : r.getBackground();
        if (b != null && !b.getFills().isEmpty()) {
            Paint p = b.getFills().get(0).getFill();
            if (p instanceof Color c) {
                return c;
            }
        }
        return Color.GRAY;
    }

    /** @return the colour as AWT, for JFreeChart */
    java.awt.Color awt(String name) {
        return awt(color(name));
    }

    /** @return {@code c} as AWT */
    static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }

    /** @return a readable text colour on {@code bg}: the theme's foreground or background, by luminance contrast */
    Color textOn(Color bg) {
        Color fg = color("fg");
        Color inverse = color("bg");
        return Math.abs(luma(bg) - luma(fg)) >= Math.abs(luma(bg) - luma(inverse)) ? fg : inverse;
    }

    private static double luma(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
