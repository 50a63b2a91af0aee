package io.mlwb.core.series;

import java.util.Arrays;

/**
 * An append-only series of (x, y) points in primitive arrays that grow by doubling.
 *
 * <p>Thread safety: every method takes this object's lock, so one thread (a training callback) may
 * {@link #append} while another (the FX thread, through {@link SeriesRenderModel}) reads. Readers never see a
 * half-written point: they copy what they need in bulk ({@link #copy}) under the lock and work on the copy. Holding
 * the lock costs the writer at most one bulk copy of the points a reader asked for; readers only ask for points
 * that are new since their last read, or for a bounded window.
 *
 * <p>Points are kept in append order. {@link #sortedByX()} says whether x never decreased so far, which lets readers
 * find a window by binary search ({@link #lowerBound}); a series whose x went back (a resumed run that logs a step
 * again) still works, readers then scan.
 */
public final class GrowableSeries {
    private static final int INITIAL = 256;

    private double[] xs;
    private double[] ys;
    private int size;
    private boolean sorted = true;

    /** An empty series. */
    public GrowableSeries() {
        this(INITIAL);
    }

    /**
     * An empty series with room for {@code capacity} points before it first grows.
     *
     * @param capacity the initial capacity; at least 1
     */
    public GrowableSeries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        xs = new double[capacity];
        ys = new double[capacity];
    }

    /**
     * Appends one point. Any thread; never blocks longer than a reader's bulk copy.
     *
     * @param x the x value (a step, an epoch, a time); should not be NaN
     * @param y the y value; NaN and infinities are kept (drawn as gaps)
     */
    public synchronized void append(double x, double y) {
        if (size == xs.length) {
            int grown = xs.length > (Integer.MAX_VALUE - 8) / 2 ? Integer.MAX_VALUE - 8 : xs.length * 2;
            if (grown == size) {
                throw new IllegalStateException("GrowableSeries is full (" + size + " points)");
            }
            xs = Arrays.copyOf(xs, grown);
            ys = Arrays.copyOf(ys, grown);
        }
        if (size > 0 && !(x >= xs[size - 1])) {
            sorted = false;
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** @return how many points have been appended */
    public synchronized int size() {
        return size;
    }

    /** @return whether x never decreased (and was never NaN after the first point) */
    public synchronized boolean sortedByX() {
        return sorted;
    }

    /**
     * Copies points {@code [from, to)} into the given arrays at {@code offset}.
     *
     * @param from   first index, inclusive
     * @param to     last index, exclusive; at most {@link #size()}
     * @param x      where the x values go
     * @param y      where the y values go
     * @param offset where in {@code x} and {@code y} the first point goes
     */
    public synchronized void copy(int from, int to, double[] x, double[] y, int offset) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + size);
        }
        System.arraycopy(xs, from, x, offset, to - from);
        System.arraycopy(ys, from, y, offset, to - from);
    }

    /** @return a copy of every point: {@code [0]} the x values, {@code [1]} the y values */
    public synchronized double[][] snapshot() {
        return new double[][] {Arrays.copyOf(xs, size), Arrays.copyOf(ys, size)};
    }

    /**
     * The first index whose x is at least {@code x}; meaningful only while {@link #sortedByX()}.
     *
     * @param x the x value looked for
     * @return an index in {@code [0, size()]}
     */
    public synchronized int lowerBound(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
