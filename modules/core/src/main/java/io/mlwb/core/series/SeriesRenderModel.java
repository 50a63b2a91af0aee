package io.mlwb.core.series;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns one growing series into the few points a chart draws, in time that does not grow with the series: a run of
 * 1,000,000 steps renders about as fast as one of 1,000.
 *
 * <p>Each {@link #render} first takes in the points appended to the {@link GrowableSeries} since the last call (and
 * smooths them, {@link Ema}, when smoothing is on), keeping a min/max level of detail of the raw and of the smoothed
 * values as it goes. It then draws the visible x window: a window of at most {@value #RAW_LIMIT} points is read
 * directly; a longer one through the level of detail (at most {@code 2 * }{@value #MAX_BLOCKS} points, each block's
 * lowest and highest). Either way largest-triangle-three-buckets ({@link Lttb}) picks at most {@code cap - 2}
 * points, and the lowest and highest finite point of what was read are added when LTTB left them out, so the drawn
 * line always reaches the true extremes of the window.
 *
 * <p>Not thread-safe: one thread (the FX thread, a benchmark) renders; any thread appends to the source.
 */
public final class SeriesRenderModel {
    /** The default number of points drawn per line. */
    public static final int DEFAULT_CAP = 1500;
    /** Windows of at most this many points are read point by point; longer ones through the level of detail. */
    public static final int RAW_LIMIT = 1 << 15;
    /** The level of detail keeps at most this many blocks (two points each). */
    public static final int MAX_BLOCKS = 1 << 12;
    private static final int CHUNK = 1 << 16;

    private final GrowableSeries source;
    private final int cap;
    private final MinMaxBlocks rawBlocks = new MinMaxBlocks(MAX_BLOCKS);
    private int seen;
    private double weight;
    private boolean smoothingReset;
    private Ema ema;
    private MinMaxBlocks smoothBlocks;
    private double[] smoothY = new double[0];
    private double[] chunkX = new double[0];
    private double[] chunkY = new double[0];

    /**
     * A model drawing {@code source} with at most {@code cap} points per line.
     *
     * @param source the series; appended to by any thread
     * @param cap    the most points drawn per line; at least 5
     */
    public SeriesRenderModel(GrowableSeries source, int cap) {
        this.source = Objects.requireNonNull(source, "source");
        if (cap < 5) {
            throw new IllegalArgumentException("cap must be at least 5, not " + cap);
        }
        this.cap = cap;
    }

    /**
     * A model drawing {@code source} with at most {@link #DEFAULT_CAP} points per line.
     *
     * @param source the series
     */
    public SeriesRenderModel(GrowableSeries source) {
        this(source, DEFAULT_CAP);
    }

    /** @return the series drawn */
    public GrowableSeries source() {
        return source;
    }

    /** @return the most points drawn per line */
    public int cap() {
        return cap;
    }

    /** @return the smoothing weight; 0 when off */
    public double smoothing() {
        return weight;
    }

    /**
     * Sets the smoothing weight; the smoothed line is recomputed on the next {@link #render}.
     *
     * @param weight 0 (off) to {@link Ema#MAX_WEIGHT}
     */
    public void smoothing(double weight) {
        new Ema(weight); // validates
        if (weight != this.weight) {
            this.weight = weight;
            smoothingReset = true;
        }
    }

    /** @return whether a {@link #render} would draw something new: points were appended or the smoothing changed */
    public boolean stale() {
        return smoothingReset || source.size() != seen;
    }

    /**
     * Draws the points whose x lies in {@code [from, to]} (plus one on each side, so the line reaches the edges).
     *
     * @param from the left edge of the visible window; NaN or -infinity for the whole series
     * @param to   the right edge; NaN or +infinity for the whole series
     * @return the lines to draw
     */
    public Frame render(double from, double to) {
        catchUp();
        int n = seen;
        int i0 = 0;
        int i1 = n;
        if (source.sortedByX()) {
            if (Double.isFinite(from)) {
                i0 = Math.max(0, source.lowerBound(from) - 1);
            }
            if (Double.isFinite(to)) {
                i1 = Math.min(n, source.lowerBound(Math.nextUp(to)) + 1);
            }
            i1 = Math.max(i0, i1);
        }
        double[][] raw = draw(i0, i1, rawBlocks, false);
        double[][] smooth = weight > 0 ? draw(i0, i1, smoothBlocks, true) : null;
        return new Frame(raw[0], raw[1], smooth == null ? null : smooth[0], smooth == null ? null : smooth[1], n);
    }

    /** Takes in the points appended since the last call; recomputes the smoothing from the start when it changed. */
    private void catchUp() {
        if (smoothingReset) {
            smoothingReset = false;
            smoothBlocks = null;
            ema = null;
            smoothY = new double[0];
            if (weight > 0) {
                ema = new Ema(weight);
                smoothBlocks = new MinMaxBlocks(MAX_BLOCKS);
                smoothY = new double[Math.max(16, seen)];
                for (int from = 0; from < seen; from += CHUNK) {
                    int to = Math.min(seen, from + CHUNK);
                    read(from, to);
                    for (int k = 0; k < to - from; k++) {
                        smoothOne(from + k, chunkX[k], chunkY[k]);
                    }
                }
            }
        }
        int n = source.size();
        for (int from = seen; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            read(from, to);
            for (int k = 0; k < to - from; k++) {
                rawBlocks.add(from + k, chunkX[k], chunkY[k]);
                if (ema != null) {
                    smoothOne(from + k, chunkX[k], chunkY[k]);
                }
            }
        }
        seen = n;
    }

    private void smoothOne(int i, double x, double y) {
        if (i >= smoothY.length) {
            smoothY = Arrays.copyOf(smoothY, Math.max(16, smoothY.length * 2));
        }
        double s = ema.next(y);
        smoothY[i] = s;
        smoothBlocks.add(i, x, s);
    }

    private void read(int from, int to) {
        if (chunkX.length < to - from) {
            chunkX = new double[to - from];
            chunkY = new double[to - from];
        }
        source.copy(from, to, chunkX, chunkY, 0);
    }

    private double[][] draw(int from, int to, MinMaxBlocks blocks, boolean smoothed) {
        double[] x;
        double[] y;
        int count = to - from;
        if (count <= RAW_LIMIT) {
            x = new double[count];
            y = new double[count];
            source.copy(from, to, x, y, 0);
            if (smoothed) {
                System.arraycopy(smoothY, from, y, 0, count);
            }
        } else {
            // the blocks' extremes, between the window's own first and last point so the line reaches its edges
            double[][] g = blocks.gather(from, to);
            int m = g[0].length;
            x = new double[m + 2];
            y = new double[m + 2];
            System.arraycopy(g[0], 0, x, 1, m);
            System.arraycopy(g[1], 0, y, 1, m);
            source.copy(from, from + 1, x, y, 0);
            source.copy(to - 1, to, x, y, m + 1);
            if (smoothed) {
                y[0] = smoothY[from];
                y[m + 1] = smoothY[to - 1];
            }
        }
        return pick(x, y, cap);
    }

    /** LTTB down to {@code cap - 2} points, then the lowest and highest finite point added where LTTB left them. */
    static double[][] pick(double[] x, double[] y, int cap) {
        int n = x.length;
        if (n <= cap) {
            return new double[][] {x, y};
        }
        int[] kept = Lttb.downsample(x, y, n, cap - 2);
        int lo = -1;
        int hi = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(y[i])) {
                if (lo < 0 || y[i] < y[lo]) {
                    lo = i;
                }
                if (hi < 0 || y[i] > y[hi]) {
                    hi = i;
                }
            }
        }
        kept = withIndex(withIndex(kept, lo), hi);
        return Lttb.select(x, y, kept);
    }

    private static int[] withIndex(int[] sorted, int index) {
        if (index < 0) {
            return sorted;
        }
        int at = Arrays.binarySearch(sorted, index);
        if (at >= 0) {
            return sorted;
        }
        int insert = -at - 1;
        int[] out = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, out, 0, insert);
        out[insert] = index;
        System.arraycopy(sorted, insert, out, insert + 1, sorted.length - insert);
        return out;
    }

    /**
     * What to draw for one series.
     *
     * @param x       the raw line's x values
     * @param y       the raw line's y values (NaN: a gap)
     * @param smoothX the smoothed line's x values; null when smoothing is off
     * @param smoothY the smoothed line's y values; null when smoothing is off
     * @param points  how many points the series had when this was drawn
     */
    public record Frame(double[] x, double[] y, double[] smoothX, double[] smoothY, int points) {
        /** @return whether a smoothed line is drawn (over a faint raw one) */
        public boolean smoothed() {
            return smoothX != null;
        }
    }
}
