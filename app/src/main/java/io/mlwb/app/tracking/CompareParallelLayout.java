package io.mlwb.app.tracking;

import io.mlwb.tracking.CompareModel;

/**
 * Where a parallel-coordinates plot draws, in pixels, and which run's polyline is under the mouse. Plain geometry, no
 * toolkit: the canvas that draws ({@link CompareParallelCanvas}) and its tests share it.
 *
 * @param width  the canvas' width
 * @param height the canvas' height
 */
public record CompareParallelLayout(double width, double height) {
    /** Room left of the first axis and right of the last, for tick labels. */
    public static final double SIDE = 90;
    /** More room right of the last axis, for the colour bar. */
    public static final double BAR = 40;
    /** Room above the axes, for their names. */
    public static final double TOP = 40;
    /** Room below the axes. */
    public static final double BOTTOM = 30;

    /**
     * @param axis  an axis' position, from 0
     * @param count how many axes
     * @return its x
     */
    public double axisX(int axis, int count) {
        if (count <= 1) {
            return (width - BAR) / 2;
        }
        return SIDE + axis * (width - 2 * SIDE - BAR) / (count - 1);
    }

    /**
     * @param count how many axes
     * @return the room between two axes (the width when there is one)
     */
    public double spacing(int count) {
        return count <= 1 ? width - BAR : (width - 2 * SIDE - BAR) / (count - 1);
    }

    /**
     * @param normalized a value in [0, 1]
     * @return its y (1 at the top)
     */
    public double y(double normalized) {
        return TOP + (1 - normalized) * Math.max(1, height - TOP - BOTTOM);
    }

    /**
     * @param plot      the plot
     * @param x         the mouse's x
     * @param y         the mouse's y
     * @param tolerance how far from a line still counts, in pixels
     * @return the run whose polyline (or lone point) is nearest and within {@code tolerance}, or -1
     */
    public int runAt(CompareModel.Parallel plot, double x, double y, double tolerance) {
        int n = plot.axes().size();
        int best = -1;
        double bestDistance = tolerance;
        for (int r = 0; r < plot.colour().length; r++) {
            double[] line = plot.polyline(r);
            for (int a = 0; a < n; a++) {
                if (Double.isNaN(line[a])) {
                    continue;
                }
                double ax = axisX(a, n);
                double ay = y(line[a]);
                double d = Math.hypot(x - ax, y - ay);
                if (a + 1 < n && !Double.isNaN(line[a + 1])) {
                    d = Math.min(d, segment(x, y, ax, ay, axisX(a + 1, n), y(line[a + 1])));
                }
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = r;
                }
            }
        }
        return best;
    }

    private static double segment(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }
}
