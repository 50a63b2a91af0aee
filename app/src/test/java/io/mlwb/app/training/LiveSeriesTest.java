package io.mlwb.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LiveSeriesTest {
    @Test
    void aMillionStepsAreDrawnAsAtMostTheCapAndKeepTheSpike() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 5000.0);
        }
        y[777_777] = 50;
        LiveSeries.Drawn d = LiveSeries.drawn("loss", x, y, false);
        assertEquals(LiveSeries.DRAW_POINTS, d.x().length);
        assertEquals(0, d.x()[0]);
        assertEquals(n - 1, d.x()[d.x().length - 1]);
        assertTrue(Arrays.stream(d.y()).anyMatch(v -> v == 50), "the spike survives downsampling");
        for (int i = 1; i < d.x().length; i++) {
            assertTrue(d.x()[i] > d.x()[i - 1]);
        }
    }

    @Test
    void smallSeriesAreDrawnAsTheyAre() {
        double[] x = {1, 2, 3};
        double[] y = {0.5, Double.NaN, 0.25};
        LiveSeries.Drawn d = LiveSeries.drawn("v", x, y, false);
        assertEquals(3, d.x().length);
    }

    @Test
    void smoothingIsDebiasedSoTheFirstValueStays() {
        double[] s = LiveSeries.smooth(new double[] {2, 2, 2, 4}, 0.9);
        assertEquals(2, s[0], 1e-12);
        assertEquals(2, s[2], 1e-12);
        assertTrue(s[3] > 2 && s[3] < 4);
        assertEquals(Double.NaN, LiveSeries.smooth(new double[] {Double.NaN}, 0.5)[0]);
    }
}
