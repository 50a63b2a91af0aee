package io.mlwb.telemetry;

import java.util.function.LongSupplier;

/**
 * Turns cumulative counters (bytes read, bytes received) into per-second rates between two readings. The first
 * reading only sets the baseline, so a rate never covers "since boot"; a counter that went back (an interface or disk
 * that vanished, a wrap) gives no rate for that interval rather than a negative or huge one.
 */
final class RateMeter {
    private final LongSupplier nanoClock;
    private long[] previous;
    private long previousAt;

    RateMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * @param counters the counters now
     * @return each counter's increase per second since the previous reading, or null on the first reading, after a
     *     counter went back, or when no time passed
     */
    double[] update(long[] counters) {
        long now = nanoClock.getAsLong();
        long[] before = previous;
        long beforeAt = previousAt;
        previous = counters.clone();
        previousAt = now;
        if (before == null || before.length != counters.length || now - beforeAt <= 0) {
            return null;
        }
        double seconds = (now - beforeAt) / 1e9;
        double[] rates = new double[counters.length];
        for (int i = 0; i < counters.length; i++) {
            long delta = counters[i] - before[i];
            if (delta < 0) {
                return null;
            }
            rates[i] = delta / seconds;
        }
        return rates;
    }
}
