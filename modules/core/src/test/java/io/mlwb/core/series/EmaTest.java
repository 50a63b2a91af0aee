package io.mlwb.core.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void debiasedValuesMatchTensorBoard() {
        // w = 0.5: last = 0.5, 1.25, 2.125; debias = 0.5, 0.75, 0.875
        double[] s = Ema.smooth(new double[] {1, 2, 3}, 0.5);
        assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875}, s, 1e-12);
        // w = 0.9 on a constant: debiasing keeps it exactly constant from the first point
        double[] c = Ema.smooth(new double[] {4, 4, 4, 4}, 0.9);
        assertArrayEquals(new double[] {4, 4, 4, 4}, c, 1e-12);
    }

    @Test
    void weightZeroIsTheIdentityAndNonFiniteValuesPassThrough() {
        double[] y = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5};
        assertArrayEquals(y, Ema.smooth(y, 0), 0);
        double[] s = Ema.smooth(y, 0.5);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(Double.POSITIVE_INFINITY, s[3]);
        // the NaN did not enter the average: 1, then 3 as the second value
        assertEquals((0.5 * 0.5 + 0.5 * 3) / 0.75, s[2], 1e-12);
    }

    @Test
    void incrementalEqualsWhole() {
        double[] y = new double[500];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i) + i / 100.0;
        }
        double[] whole = Ema.smooth(y, 0.95);
        Ema ema = new Ema(0.95);
        for (int i = 0; i < y.length; i++) {
            assertEquals(whole[i], ema.next(y[i]), 0);
        }
        assertTrue(Math.abs(whole[499] - y[499]) < 1, "smoothed follows the trend");
    }

    @Test
    void weightsOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], 1));
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Ema(Double.NaN));
    }
}
