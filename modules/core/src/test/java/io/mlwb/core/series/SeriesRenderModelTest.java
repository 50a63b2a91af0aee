package io.mlwb.core.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesRenderModelTest {
    private static GrowableSeries loss(int n, int spikeAt) {
        GrowableSeries s = new GrowableSeries();
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            s.append(i, i == spikeAt ? 100 : Math.exp(-i / (n / 5.0)) + 0.05 * rnd.nextGaussian());
        }
        return s;
    }

    @Test
    void aMillionPointsDrawAtMostTheCapAndReachTheTrueExtremes() {
        GrowableSeries s = loss(1_000_000, 654_321);
        SeriesRenderModel m = new SeriesRenderModel(s, 1000);
        assertTrue(m.stale());
        SeriesRenderModel.Frame f = m.render(Double.NaN, Double.NaN);
        assertFalse(m.stale());
        assertEquals(1_000_000, f.points());
        assertTrue(f.x().length <= 1000, "drawn " + f.x().length);
        assertTrue(f.x().length >= 900);
        assertEquals(100, Arrays.stream(f.y()).max().orElseThrow(), "the spike is drawn");
        double[][] all = s.snapshot();
        double min = Arrays.stream(all[1]).min().orElseThrow();
        assertEquals(min, Arrays.stream(f.y()).min().orElseThrow(), "the lowest point is drawn");
        assertEquals(0, f.x()[0]);
        assertEquals(999_999, f.x()[f.x().length - 1]);
        for (int i = 1; i < f.x().length; i++) {
            assertTrue(f.x()[i] > f.x()[i - 1]);
        }
        assertNull(f.smoothX());
    }

    @Test
    void aZoomedWindowDrawsOnlyItsPointsAndNewPointsArriveIncrementally() {
        GrowableSeries s = loss(200_000, 150_000);
        SeriesRenderModel m = new SeriesRenderModel(s, 500);
        m.render(Double.NaN, Double.NaN);
        SeriesRenderModel.Frame window = m.render(1000, 1200);
        assertEquals(203, window.x().length, "201 points plus one on each side");
        assertEquals(999, window.x()[0]);
        assertEquals(1201, window.x()[window.x().length - 1]);
        SeriesRenderModel.Frame big = m.render(100_000, 190_000); // longer than RAW_LIMIT: the level of detail
        assertTrue(big.x().length <= 500);
        assertEquals(100, Arrays.stream(big.y()).max().orElseThrow());
        for (int i = 0; i < 1000; i++) {
            s.append(200_000 + i, i == 500 ? -7 : 0.1);
        }
        assertTrue(m.stale());
        SeriesRenderModel.Frame f = m.render(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertEquals(201_000, f.points());
        assertEquals(-7, Arrays.stream(f.y()).min().orElseThrow(), "a new trough is drawn");
        assertEquals(200_999, f.x()[f.x().length - 1]);
    }

    @Test
    void smoothingDrawsASmoothedLineOverTheRawOneAndFollowsWeightChanges() {
        GrowableSeries s = new GrowableSeries();
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i % 2 == 0 ? 1 : 3;
            s.append(i, y[i]);
        }
        SeriesRenderModel m = new SeriesRenderModel(s, 1000);
        m.smoothing(0.9);
        SeriesRenderModel.Frame f = m.render(Double.NaN, Double.NaN);
        assertTrue(f.smoothed());
        assertEquals(100, f.smoothY().length);
        double[] want = Ema.smooth(y, 0.9);
        assertEquals(want[99], f.smoothY()[99], 1e-12);
        s.append(100, 1);
        f = m.render(Double.NaN, Double.NaN);
        assertEquals(Ema.smooth(append(y, 1), 0.9)[100], f.smoothY()[100], 1e-12);
        m.smoothing(0.5);
        assertTrue(m.stale());
        f = m.render(Double.NaN, Double.NaN);
        assertEquals(Ema.smooth(append(y, 1), 0.5)[100], f.smoothY()[100], 1e-12);
        m.smoothing(0);
        assertFalse(m.render(Double.NaN, Double.NaN).smoothed());
    }

    @Test
    void levelOfDetailKeepsEachBlocksExtremesAndBoundsItsSize() {
        MinMaxBlocks b = new MinMaxBlocks(8);
        for (int i = 0; i < 1000; i++) {
            b.add(i, i, i == 777 ? 1e6 : (i == 100 ? Double.NaN : i % 10));
        }
        double[][] g = b.gather(0, 1000);
        assertTrue(g[0].length <= 16, "two points per block at most");
        assertEquals(1e6, Arrays.stream(g[1]).max().orElseThrow());
        MinMaxBlocks nan = new MinMaxBlocks(4);
        for (int i = 0; i < 4; i++) {
            nan.add(i, i, i < 2 ? Double.NaN : 1);
        }
        double[][] gap = nan.gather(0, 4);
        assertTrue(Double.isNaN(gap[1][0]), "an all-NaN block stays a gap");
    }

    private static double[] append(double[] y, double v) {
        double[] out = Arrays.copyOf(y, y.length + 1);
        out[y.length] = v;
        return out;
    }
}
