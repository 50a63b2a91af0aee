package io.mlwb.app.training;

import java.util.Arrays;

/**
 * Series made ready for drawing: exponential smoothing as TensorBoard does it (debiased), then
 * largest-triangle-three-buckets downsampling, which keeps the shape (peaks included) with a bounded number of points.
 */
public final class LiveSeries {
    /** The most points drawn per series. */
    public static final int DRAW_POINTS = 1200;

    private LiveSeries() {
    }

    /**
     * A series as drawn.
     *
     * @param name   its legend name
     * @param x      x values, ascending
     * @param y      y values
     * @param faint  whether it is drawn faint (the raw values behind a smoothed line)
     */
    public record Drawn(String name, double[] x, double[] y, boolean faint) {
    }

    /**
     * Debiased exponential moving average (core's {@link io.mlwb.core.series.Ema}).
     *
     * @param y      values
     * @param weight 0 (none) to 0.999
     * @return smoothed values
     */
    public static double[] smooth(double[] y, double weight) {
        return weight <= 0 ? y.clone() : io.mlwb.core.series.Ema.smooth(y, Math.min(weight,
                io.mlwb.core.series.Ema.MAX_WEIGHT));
    }

    /**
     * Largest-triangle-three-buckets (core's {@link io.mlwb.core.series.Lttb}).
     *
     * @param x         ascending x
     * @param y         y
     * @param threshold the most points to keep (at least 3)
     * @return {x, y} downsampled; the input itself when it is small enough
     */
    public static double[][] lttb(double[] x, double[] y, int threshold) {
        if (x.length <= threshold || threshold < 3) {
            return new double[][] {x, y};
        }
        return io.mlwb.core.series.Lttb.select(x, y, io.mlwb.core.series.Lttb.downsample(x, y, x.length, threshold));
    }

    /**
     * @param name  legend name
     * @param x     x values
     * @param y     y values
     * @param faint drawn faint
     * @return the series downsampled for drawing
     */
    public static Drawn drawn(String name, double[] x, double[] y, boolean faint) {
        double[][] d = lttb(x, y, DRAW_POINTS);
        return new Drawn(name, d[0] == x ? Arrays.copyOf(x, x.length) : d[0], d[1] == y ? Arrays.copyOf(y, y.length)
                : d[1], faint);
    }
}
