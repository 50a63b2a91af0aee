package io.mlwb.tracking.imports;

import java.util.Arrays;

/**
 * One metric series as the source stores it, in the source's order (not yet sorted). Values are kept bit for bit:
 * NaN and infinities are data.
 *
 * @param steps  step of each point
 * @param times  timestamp of each point, ms since the epoch
 * @param values value of each point
 */
public record ImportedSeries(long[] steps, long[] times, double[] values) {

    /** Checks that the arrays have one length. */
    public ImportedSeries {
        if (steps.length != times.length || steps.length != values.length) {
            throw new IllegalArgumentException("steps, times and values differ in length");
        }
    }

    /** @return the number of points */
    public int size() {
        return steps.length;
    }

    /**
     * The point a tracking tool reports as "latest": the highest step, then the latest timestamp, then the larger
     * value (MLflow's rule; a NaN never wins a tie against a number).
     *
     * @return the index of that point, or -1 for an empty series
     */
    public int latestIndex() {
        int best = -1;
        for (int i = 0; i < steps.length; i++) {
            if (best < 0 || steps[i] > steps[best]
                    || steps[i] == steps[best] && times[i] > times[best]
                    || steps[i] == steps[best] && times[i] == times[best] && values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A growable buffer for readers that meet points one at a time. */
    public static final class Builder {
        private long[] steps = new long[16];
        private long[] times = new long[16];
        private double[] values = new double[16];
        private int n;

        /**
         * @param step   step
         * @param timeMs timestamp, ms since the epoch
         * @param value  value
         * @return this
         */
        public Builder add(long step, long timeMs, double value) {
            if (n == steps.length) {
                steps = Arrays.copyOf(steps, n * 2);
                times = Arrays.copyOf(times, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            steps[n] = step;
            times[n] = timeMs;
            values[n] = value;
            n++;
            return this;
        }

        /** @return the points so far */
        public ImportedSeries build() {
            return new ImportedSeries(Arrays.copyOf(steps, n), Arrays.copyOf(times, n), Arrays.copyOf(values, n));
        }
    }
}
