package io.mlwb.core.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The main window's geometry and tool-window layout. Core does not know the screens: the GUI checks that
 * the saved bounds are still on a screen before using them.
 *
 * @param x                  left edge in screen coordinates, or NaN to centre the window
 * @param y                  top edge in screen coordinates, or NaN to centre the window
 * @param width              width, positive
 * @param height             height, positive
 * @param maximized          whether the window is maximised (the bounds are then its restored size)
 * @param dividers           named split-pane divider positions, each in [0, 1]
 * @param toolWindowsVisible named tool windows (e.g. {@code "jobs"}, {@code "log"}) and whether each is shown
 * @param selectedBottomTool the tool window selected in the bottom area, or null for none
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           Map<String, Double> dividers, Map<String, Boolean> toolWindowsVisible,
                           String selectedBottomTool) {

    /** Default window width. */
    public static final double DEFAULT_WIDTH = 1280;
    /** Default window height. */
    public static final double DEFAULT_HEIGHT = 800;

    /** Checks the size is positive and the divider positions are in [0, 1], and copies the maps. */
    public WindowLayout {
        if (!(width > 0 && height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("window size must be positive, got " + width + " x " + height);
        }
        dividers = Map.copyOf(dividers);
        dividers.forEach((name, pos) -> {
            if (!(pos >= 0 && pos <= 1)) {
                throw new IllegalArgumentException("divider " + name + " must be in [0, 1], got " + pos);
            }
        });
        toolWindowsVisible = Map.copyOf(toolWindowsVisible);
    }

    /** @return a centred 1280 x 800 window, not maximised, with no saved dividers or tool windows */
    public static WindowLayout defaults() {
        return new WindowLayout(Double.NaN, Double.NaN, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, Map.of(), Map.of(), null);
    }

    /** @return whether the window has no saved position and should be centred */
    public boolean centred() {
        return Double.isNaN(x) || Double.isNaN(y);
    }

    /** @return a copy with these bounds; NaN {@code x} or {@code y} means centre */
    public WindowLayout withBounds(double x, double y, double width, double height) {
        return new WindowLayout(x, y, width, height, maximized, dividers, toolWindowsVisible, selectedBottomTool);
    }

    /** @return a copy with {@code maximized} */
    public WindowLayout withMaximized(boolean maximized) {
        return new WindowLayout(x, y, width, height, maximized, dividers, toolWindowsVisible, selectedBottomTool);
    }

    /** @return a copy with the divider {@code name} at {@code position}, in [0, 1] */
    public WindowLayout withDivider(String name, double position) {
        Map<String, Double> next = new HashMap<>(dividers);
        next.put(Objects.requireNonNull(name, "name"), position);
        return new WindowLayout(x, y, width, height, maximized, next, toolWindowsVisible, selectedBottomTool);
    }

    /** @return a copy with the tool window {@code name} shown or hidden */
    public WindowLayout withToolWindowVisible(String name, boolean visible) {
        Map<String, Boolean> next = new HashMap<>(toolWindowsVisible);
        next.put(Objects.requireNonNull(name, "name"), visible);
        return new WindowLayout(x, y, width, height, maximized, dividers, next, selectedBottomTool);
    }

    /** @return a copy with {@code tool} selected in the bottom area, or none when null */
    public WindowLayout withSelectedBottomTool(String tool) {
        return new WindowLayout(x, y, width, height, maximized, dividers, toolWindowsVisible, tool);
    }
}
