package io.mlwb.core.series;

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson, "Downsampling Time Series for Visual Representation",
 * 2013): keeps the first and the last point and, from each of {@code threshold - 2} equal buckets in between, the
 * point that makes the largest triangle with the point kept before it and the average of the next bucket. Peaks and
 * troughs survive; flat stretches thin out.
 *
 * <p>NaN and infinite y values are skipped: they are never chosen, and never enter a bucket average, unless every
 * point of a bucket is non-finite (then its first point is kept, so that a chart draws a gap there). The first and
 * last point are kept whatever their value.
 */
public final class Lttb {
    private Lttb() {
    }

    /**
     * Chooses at most {@code threshold} of the first {@code n} points.
     *
     * @param x         x values, in drawing order (usually increasing); at least {@code n} long
     * @param y         y values; at least {@code n} long
     * @param n         how many points of the arrays to use
     * @param threshold how many points to keep; at least 3
     * @return the indices kept, increasing, {@code min(n, threshold)} of them; every index when {@code n <=
     *     threshold}
     */
    public static int[] downsample(double[] x, double[] y, int n, int threshold) {
        if (threshold < 3) {
            throw new IllegalArgumentException("threshold must be at least 3, not " + threshold);
        }
        if (n < 0 || n > x.length || n > y.length) {
            throw new IllegalArgumentException("n = " + n + " does not fit arrays of " + x.length + " and "
                    + y.length);
        }
        if (n <= threshold) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] kept = new int[threshold];
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        kept[0] = 0;
        for (int i = 0; i < threshold - 2; i++) {
            // the average of the next bucket (the last point when the next "bucket" is the end)
            int avgFrom = (int) Math.floor((i + 1) * every) + 1;
            int avgTo = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            int finite = 0;
            for (int j = avgFrom; j < avgTo; j++) {
                if (Double.isFinite(y[j])) {
                    avgX += x[j];
                    avgY += y[j];
                    finite++;
                }
            }
            double ax = x[a];
            double ay = y[a];
            if (finite > 0) {
                avgX /= finite;
                avgY /= finite;
            } else {
                // nothing to aim at: prefer the point farthest from the one kept before
                avgX = avgFrom < avgTo ? x[(avgFrom + avgTo - 1) >>> 1] : x[n - 1];
                avgY = ay;
            }
            if (!Double.isFinite(ay)) {
                ay = avgY; // after a gap: prefer the point farthest from where the line goes next
            }
            int from = (int) Math.floor(i * every) + 1;
            int to = (int) Math.floor((i + 1) * every) + 1;
            int best = -1;
            double bestArea = -1;
            for (int j = from; j < to; j++) {
                if (!Double.isFinite(y[j])) {
                    continue;
                }
                double area = Math.abs((ax - avgX) * (y[j] - ay) - (ax - x[j]) * (avgY - ay));
                if (best < 0 || area > bestArea) {
                    best = j;
                    bestArea = area;
                }
            }
            a = best < 0 ? from : best;
            kept[i + 1] = a;
        }
        kept[threshold - 1] = n - 1;
        return kept;
    }

    /**
     * The chosen points as new arrays.
     *
     * @param x       x values
     * @param y       y values
     * @param indices indices into them, as {@link #downsample} returns
     * @return {@code [0]} the x values, {@code [1]} the y values of the chosen points, in order
     */
    public static double[][] select(double[] x, double[] y, int[] indices) {
        double[] sx = new double[indices.length];
        double[] sy = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            sx[i] = x[indices[i]];
            sy[i] = y[indices[i]];
        }
        return new double[][] {sx, sy};
    }
}
