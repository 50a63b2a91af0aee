package io.mlwb.core.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LttbTest {
    @Test
    void keepsFirstLastAndTheExtremesOfASpike() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Random rnd = new Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 1 + 0.01 * rnd.nextGaussian();
        }
        y[4321] = 50;   // a spike up
        y[7000] = -40;  // and one down
        int[] kept = Lttb.downsample(x, y, n, 100);
        assertEquals(100, kept.length);
        assertEquals(0, kept[0]);
        assertEquals(n - 1, kept[kept.length - 1]);
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == 4321), "the spike up is kept");
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == 7000), "the spike down is kept");
    }

    @Test
    void outputSizeIsTheThresholdAndXStaysMonotone() {
        Random rnd = new Random(5);
        for (int n : new int[] {3, 10, 999, 1000, 1001, 54_321}) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i * 0.5;
                y[i] = rnd.nextDouble();
            }
            int[] kept = Lttb.downsample(x, y, n, 1000);
            assertEquals(Math.min(n, 1000), kept.length, "n = " + n);
            double[][] sel = Lttb.select(x, y, kept);
            for (int i = 1; i < kept.length; i++) {
                assertTrue(kept[i] > kept[i - 1], "indices increase");
                assertTrue(sel[0][i] > sel[0][i - 1], "x increases");
            }
        }
    }

    @Test
    void usesOnlyTheFirstNPoints() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {0, 9, 0, 0, 0, 0, 0, 0, 99, 99};
        int[] kept = Lttb.downsample(x, y, 6, 4);
        assertEquals(4, kept.length);
        assertEquals(5, kept[3], "the last of the first six");
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == 1));
    }

    @Test
    void nanIsNeverChosenUnlessTheBucketIsAllNan() {
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = (i % 2 == 0) ? Double.NaN : Math.sin(i / 30.0);
        }
        for (int i = 500; i < 600; i++) {
            y[i] = Double.NaN; // a gap wider than a bucket
        }
        int[] kept = Lttb.downsample(x, y, n, 52); // buckets of 20 points
        boolean gap = false;
        for (int k = 1; k < kept.length - 1; k++) {
            int i = kept[k];
            if (Double.isNaN(y[i])) {
                assertTrue(i >= 500 && i < 600, "a NaN chosen outside the gap: " + i);
                gap = true;
            }
        }
        assertTrue(gap, "the all-NaN buckets keep a NaN point, so the line shows the gap");
    }

    @Test
    void smallInputsComeBackWholeAndTinyThresholdsAreRefused() {
        double[] x = {1, 2, 3};
        double[] y = {3, 2, 1};
        assertArrayEquals(new int[] {0, 1, 2}, Lttb.downsample(x, y, 3, 3));
        assertArrayEquals(new int[0], Lttb.downsample(x, y, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Lttb.downsample(x, y, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Lttb.downsample(x, y, 4, 3));
    }
}
