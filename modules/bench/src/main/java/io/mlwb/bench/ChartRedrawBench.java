package io.mlwb.bench;

import io.mlwb.core.series.GrowableSeries;
import io.mlwb.core.series.SeriesRenderModel;
import java.nio.file.Path;
import java.util.Random;

/**
 * What a live chart does on each redraw, without a display: a training-loss series grows by a batch of new points,
 * then {@link SeriesRenderModel} takes them in and builds the drawn lines (EMA smoothing, LTTB to at most 1,500
 * points, raw and smoothed). Timed at 1,000, 100,000 and 1,000,000 points. At 1,000 nothing needs downsampling, so
 * the headline ratio 1M/1k shows the fixed cost of downsampling at all; {@code ratio_1m_100k} shows that the cost
 * stops growing with the run (the level of detail bounds it).
 */
final class ChartRedrawBench implements Benchmark {
    private static final int SMALL = 1_000;
    private static final int BATCH = 1_000; // new points per redraw: 10,000 points/s at 10 redraws/s
    private static final int REDRAWS = 50;

    @Override
    public String name() {
        return "chart-redraw";
    }

    @Override
    public String description() {
        return "build a live chart's drawn lines (EMA + LTTB) for 1k vs 1M points; median of 50 redraws; ratio";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) {
        int large = size > 0 ? (int) Math.min(size, 50_000_000) : 1_000_000;
        redrawMs(SMALL); // warm-up: compiles the render path before either figure is taken
        redrawMs(Math.min(large, 100_000));
        double small = redrawMs(SMALL);
        double mid = redrawMs(Math.max(SMALL, large / 10));
        double big = redrawMs(large);
        out.line("points_1k_ms", small, "ms");
        out.line("points_100k_ms", mid, "ms");
        out.line("points_1m_ms", big, "ms");
        out.line("points_large", large, "points");
        // flat from here on: past the level of detail's size, a redraw costs the same however long the run
        out.line("ratio_1m_100k", big / Math.max(mid, 1e-6), "x");
        out.line("ratio", big / Math.max(small, 1e-6), "x");
    }

    /**
     * Median time of one redraw (take in a batch of new points, build the lines) of a series that ends at
     * {@code points}: up to {@value #BATCH} new points per redraw, at most half the series over all redraws.
     */
    private static double redrawMs(int points) {
        Random rnd = new Random(42);
        GrowableSeries s = new GrowableSeries();
        int batch = Math.max(1, Math.min(BATCH, points / (2 * REDRAWS)));
        int step = 0;
        for (; step < points - REDRAWS * batch; step++) {
            s.append(step, loss(step, rnd));
        }
        SeriesRenderModel model = new SeriesRenderModel(s);
        model.smoothing(0.9);
        model.render(Double.NaN, Double.NaN); // takes in the history once, as when a chart opens on a running run
        double[] ms = new double[REDRAWS];
        long checksum = 0;
        for (int r = 0; r < REDRAWS; r++) {
            for (int k = 0; k < batch; k++, step++) {
                s.append(step, loss(step, rnd));
            }
            long start = System.nanoTime();
            SeriesRenderModel.Frame f = model.render(Double.NaN, Double.NaN);
            ms[r] = BenchOutput.millisSince(start);
            checksum += f.x().length + f.smoothX().length;
        }
        if (checksum == 0 || s.size() != points) {
            throw new IllegalStateException("nothing drawn");
        }
        return BenchOutput.median(ms);
    }

    private static double loss(int step, Random rnd) {
        return Math.exp(-step / 2e5) + 0.05 * rnd.nextGaussian();
    }
}
