package io.mlwb.app.charts;

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
 * The AtlantaFX theme's colours for what charts draw in code (JFreeChart, cells): hidden regions whose inline styles
 * name the theme's looked-up colours ({@code -color-chart-1}, {@code -color-fg-default}, ...), read back once CSS has
 * been applied. A theme switch changes the regions' backgrounds, and {@link #onChange} listeners redraw. The
 * {@link #node()} must be in the scene for the colours to resolve; until then every colour is a neutral grey.
 */
public final class ChartPalette {
    /** How many series colours the theme defines ({@code -color-chart-1..8}). */
    public static final int SERIES_COLOURS = 8;

    private static final Map<String, String> TOKENS = tokens();

    private final Pane node = new Pane();
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    /** A palette; put {@link #node()} into the scene next to what it colours. */
    public ChartPalette() {
        node.getStyleClass().add("chart-palette");
        node.setManaged(false);
        node.setVisible(false);
        node.setMouseTransparent(true);
        TOKENS.forEach((name, token) -> {
            Region r = new Region();
            r.setStyle("-fx-background-color: " + token + ";");
            regions.put(name, r);
            node.getChildren().add(r);
            r.backgroundProperty().addListener((o, was, now) -> listeners.forEach(Runnable::run));
        });
    }

    private static Map<String, String> tokens() {
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 1; i <= SERIES_COLOURS; i++) {
            t.put("chart-" + i, "-color-chart-" + i);
        }
        t.put("accent", "-color-accent-emphasis");
        t.put("danger", "-color-danger-emphasis");
        t.put("success", "-color-success-emphasis");
        t.put("bg", "-color-bg-default");
        t.put("fg", "-color-fg-default");
        t.put("muted", "-color-fg-muted");
        t.put("border", "-color-border-default");
        t.put("subtle", "-color-bg-subtle");
        return t;
    }

    /** @return the hidden node; it must be in the scene for the colours to resolve */
    public Pane node() {
        return node;
    }

    /** @param listener called on the FX thread when a colour changes (theme switch, first CSS pass) */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * @param name {@code chart-1..8}, {@code accent}, {@code danger}, {@code success}, {@code bg}, {@code fg},
     *             {@code muted}, {@code border} or {@code subtle}
     * @return the theme's colour, or grey before CSS has been applied
     */
    public Color color(String name) {
        Region r = regions.get(name);
        if (r == null) {
            throw new IllegalArgumentException("No palette colour '" + name + "'; known: " + TOKENS.keySet());
        }
        Background b = r.getBackground();
        if (b != null && !b.getFills().isEmpty()) {
            Paint p = b.getFills().get(0).getFill();
            if (p instanceof Color c) {
                return c;
            }
        }
        return Color.GRAY;
    }

    /**
     * @param index a series' position, from 0
     * @return its colour: {@code chart-1..8}, repeating
     */
    public Color series(int index) {
        return color("chart-" + (Math.floorMod(index, SERIES_COLOURS) + 1));
    }

    /** @return whether the background is dark (text and scales flip) */
    public boolean dark() {
        return luma(color("bg")) < 0.5;
    }

    /** @return {@code c} as AWT, for JFreeChart */
    public static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(),
                (float) c.getOpacity());
    }

    /** @return {@code c} as AWT with the given opacity */
    static java.awt.Color awt(Color c, double opacity) {
        return awt(Color.color(c.getRed(), c.getGreen(), c.getBlue(), opacity));
    }

    /** @return a readable text colour on {@code bg}: the theme's foreground or background, by luminance contrast */
    public Color textOn(Color bg) {
        Color fg = color("fg");
        Color inverse = color("bg");
        return Math.abs(luma(bg) - luma(fg)) >= Math.abs(luma(bg) - luma(inverse)) ? fg : inverse;
    }

    static double luma(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
