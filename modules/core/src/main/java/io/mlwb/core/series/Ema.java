package io.mlwb.core.series;

/**
 * TensorBoard's smoothing: a debiased exponential moving average. With weight {@code w}, the running value is
 * {@code last = w * last + (1 - w) * y}, started at 0 and divided by {@code 1 - w^k} after {@code k} finite values,
 * so the first points are not pulled towards zero. Non-finite values pass through unchanged and do not enter the
 * average (a gap stays a gap). Weight 0 leaves the series as it is.
 *
 * <p>The static {@link #smooth} smooths a whole array; an instance smooths one value at a time, for a series that
 * grows. An instance is not thread-safe.
 */
public final class Ema {
    /** The largest weight accepted: beyond it the average hardly moves. */
    public static final double MAX_WEIGHT = 0.999;

    private final double weight;
    private double last;
    private double weightPower = 1; // weight^k after k finite values

    /**
     * A smoother at the start of a series.
     *
     * @param weight the smoothing weight, 0 to {@link #MAX_WEIGHT}
     */
    public Ema(double weight) {
        this.weight = check(weight);
    }

    /** @return the weight */
    public double weight() {
        return weight;
    }

    /**
     * Smooths the next value of the series.
     *
     * @param y the next raw value
     * @return the smoothed value; {@code y} itself when it is NaN or infinite
     */
    public double next(double y) {
        if (!Double.isFinite(y)) {
            return y;
        }
        last = last * weight + (1 - weight) * y;
        weightPower *= weight;
        double debias = 1 - weightPower;
        return debias == 0 ? y : last / debias;
    }

    /**
     * Smooths a whole series.
     *
     * @param y      the raw values
     * @param weight the smoothing weight, 0 to {@link #MAX_WEIGHT}
     * @return a new array of the smoothed values, as long as {@code y}
     */
    public static double[] smooth(double[] y, double weight) {
        Ema ema = new Ema(weight);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = ema.next(y[i]);
        }
        return out;
    }

    private static double check(double weight) {
        if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("smoothing weight must be between 0 and " + MAX_WEIGHT + ", not "
                    + weight);
        }
        return weight;
    }
}
