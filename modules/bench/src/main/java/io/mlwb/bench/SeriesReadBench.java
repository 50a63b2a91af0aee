package io.mlwb.bench;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.metrics.MetricWriter;
import java.nio.file.Path;

/** Reads one metric's 1,000,000 points in step order into primitive arrays; median of several reads. */
final class SeriesReadBench implements Benchmark {
    static final double TARGET_MS = 200;
    private static final int READS = 15;

    @Override
    public String name() {
        return "series-read";
    }

    @Override
    public String description() {
        return "read one metric's 1M points into long[]/double[]/long[]; median of 15 reads; target <= 200 ms";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        long points = size > 0 ? size : 1_000_000;
        Path db = workDir.resolve("series.db");
        long run;
        try (Catalog catalog = Catalog.open(db)) {
            run = BenchSupport.newRun(catalog, "series");
            long now = System.currentTimeMillis();
            try (MetricWriter writer = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (long step = 0; step < points; step++) {
                    writer.log(run, "loss", MetricKind.TRAIN, step, Math.exp(-step / 1e5), now + step * 37);
                }
            }
        }
        try (Catalog catalog = Catalog.open(db)) {
            MetricSeriesReader reader = new MetricSeriesReader(catalog);
            double[] ms = new double[READS];
            long checksum = 0;
            for (int i = 0; i < READS; i++) {
                long start = System.nanoTime();
                MetricSeries s = reader.read(run, "loss", MetricKind.TRAIN);
                ms[i] = BenchOutput.millisSince(start);
                if (s.size() != points) {
                    throw new IllegalStateException("read " + s.size() + " points, expected " + points);
                }
                checksum += s.steps()[s.size() - 1];
            }
            double median = BenchOutput.median(ms);
            out.line("points", points, "points");
            out.line("first_ms", ms[0], "ms");
            out.line("file_mb", BenchSupport.fileMegabytes(db), "MB");
            out.line("checksum", checksum % 1000, "-");
            out.line("target_ms", TARGET_MS, "ms");
            out.flag("target_met", median <= TARGET_MS);
            out.line("ms", median, "ms");
        }
    }
}
