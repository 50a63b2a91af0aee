package io.mlwb.bench;

import io.mlwb.core.series.Lttb;
import java.nio.file.Path;
import java.util.Random;

/**
 * {@link Lttb} downsampling of a 1,000,000-point series (a noisy decaying loss with a few spikes and NaN) to 2,000
 * points: median of 21 runs after 10 warm-ups, so the figure is the compiled (warm) cost a chart pays per redraw.
 */
final class LttbBench implements Benchmark {
    private static final int KEEP = 2_000;
    private static final int WARMUP = 10;
    private static final int REPS = 21;

    @Override
    public String name() {
        return "lttb-1m";
    }

    @Override
    public String description() {
        return "LTTB 1,000,000 -> 2,000 points, warm median (target <= 10 ms)";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) {
        int n = size > 0 ? (int) Math.min(size, 100_000_000) : 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.exp(-i / (n / 5.0)) + 0.05 * rnd.nextGaussian() + (i % 99_991 == 0 ? 3 : 0);
        }
        y[n / 3] = Double.NaN;
        double[] ms = new double[REPS];
        long checksum = 0;
        for (int r = -WARMUP; r < REPS; r++) {
            long s = System.nanoTime();
            int[] kept = Lttb.downsample(x, y, n, KEEP);
            double t = BenchOutput.millisSince(s);
            checksum += kept[kept.length / 2];
            if (kept.length != Math.min(n, KEEP)) {
                throw new IllegalStateException("kept " + kept.length);
            }
            if (r >= 0) {
                ms[r] = t;
            }
        }
        if (checksum == 0) {
            throw new IllegalStateException("nothing kept");
        }
        out.line("points", n, "points");
        out.line("kept", KEEP, "points");
        out.line("ms", BenchOutput.median(ms), "ms");
    }
}
