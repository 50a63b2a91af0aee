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
     * Debiased exponential moving average.
     *
     * @param y      values (NaN kept as NaN and skipped)
     * @param weight 0 (none) to 0.999
     * @return smoothed values
     */
    public static double[] smooth(double[] y, double weight) {
        if (weight <= 0) {
            return y.clone();
        }
        double[] out = new double[y.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                out[i] = Double.NaN;
                continue;
            }
            last = last * weight + (1 - weight) * y[i];
            n++;
            out[i] = last / (1 - Math.pow(weight, n));
        }
        return out;
    }

    /**
     * Largest-triangle-three-buckets.
     *
     * @param x         ascending x
     * @param y         y (NaN points are never chosen unless a bucket holds nothing else)
     * @param threshold the most points to keep (at least 3)
     * @return {x, y} downsampled; the input itself when it is small enough
     */
    public static double[][] lttb(double[] x, double[] y, int threshold) {
        int n = x.length;
        if (n <= threshold || threshold < 3) {
            return new double[][] {x, y};
        }
        double[] ox = new double[threshold];
        double[] oy = new double[threshold];
        ox[0] = x[0];
        oy[0] = y[0];
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        for (int i = 0; i < threshold - 2; i++) {
            int nextStart = (int) Math.floor((i + 1) * every) + 1;
            int nextEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            int cnt = 0;
            for (int j = nextStart; j < nextEnd; j++) {
                if (!Double.isNaN(y[j])) {
                    avgX += x[j];
                    avgY += y[j];
                    cnt++;
                }
            }
            if (cnt > 0) {
                avgX /= cnt;
                avgY /= cnt;
            } else {
                avgX = x[Math.min(nextStart, n - 1)];
                avgY = y[a];
            }
            int start = (int) Math.floor(i * every) + 1;
            int end = (int) Math.floor((i + 1) * every) + 1;
            double best = -1;
            int chosen = start;
            for (int j = start; j < end; j++) {
                if (Double.isNaN(y[j])) {
                    continue;
                }
                double area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
                if (area > best) {
                    best = area;
                    chosen = j;
                }
            }
            ox[i + 1] = x[chosen];
            oy[i + 1] = y[chosen];
            a = chosen;
        }
        ox[threshold - 1] = x[n - 1];
        oy[threshold - 1] = y[n - 1];
        return new double[][] {ox, oy};
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
