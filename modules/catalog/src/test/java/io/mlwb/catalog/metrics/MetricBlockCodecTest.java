package io.mlwb.catalog.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricBlockCodecTest {

    @Test
    void arithmeticAndIrregularStepsRoundTripExactly() {
        long[] even = {-10, -7, -4, -1, 2};
        long[] odd = {Long.MIN_VALUE, -1, 0, 0, 5, Long.MAX_VALUE};
        for (long[] steps : new long[][] {even, odd, {42}}) {
            double[] values = new double[steps.length];
            long[] times = new long[steps.length];
            Random r = new Random(steps.length);
            for (int i = 0; i < steps.length; i++) {
                values[i] = r.nextGaussian();
                times[i] = i % 2 == 0 ? Long.MAX_VALUE - i : Long.MIN_VALUE + i;
            }
            roundTrip(steps, values, times);
        }
    }

    @Test
    void evenStepsCostFarLessThanRawLongs() {
        int n = 1000;
        long[] steps = new long[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i * 5L;
            times[i] = 1_700_000_000_000L + i * 30L;
            values[i] = i;
        }
        byte[] payload = MetricBlockCodec.encode(steps, values, times, 0, n);
        // 8 bytes per value, 1 per time delta, a few for the header and steps.
        assertEquals(8 * n + (n - 1) + 1 + 2 + 2 + 6 + 2, payload.length, 12);
        roundTrip(steps, values, times);
    }

    private static void roundTrip(long[] steps, double[] values, long[] times) {
        byte[] payload = MetricBlockCodec.encode(steps, values, times, 0, steps.length);
        assertEquals(steps.length, MetricBlockCodec.count(payload));
        long[] s = new long[steps.length + 1];
        double[] v = new double[steps.length + 1];
        long[] t = new long[steps.length + 1];
        assertEquals(steps.length, MetricBlockCodec.decode(payload, s, v, t, 1));
        assertArrayEquals(steps, java.util.Arrays.copyOfRange(s, 1, s.length));
        assertArrayEquals(times, java.util.Arrays.copyOfRange(t, 1, t.length));
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(v[i + 1]));
        }
    }
}
