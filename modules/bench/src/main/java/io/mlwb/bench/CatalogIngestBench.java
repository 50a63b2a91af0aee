package io.mlwb.bench;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import java.nio.file.Path;

/**
 * 1,000,000 points from 10 interleaved metrics (step-major) through {@link MetricWriter} into a new catalog
 * file, timed from the first log() to close() returning, after a warm-up on a separate file.
 */
final class CatalogIngestBench implements Benchmark {
    static final long TARGET_POINTS_PER_S = 400_000;
    private static final int METRICS = 10;
    private static final String[] NAMES = new String[METRICS];

    static {
        for (int m = 0; m < METRICS; m++) {
            NAMES[m] = "metric_" + m;
        }
    }

    @Override
    public String name() {
        return "catalog-ingest";
    }

    @Override
    public String description() {
        return "1M points, 10 interleaved metrics, MetricWriter log() to close(); target >= 400,000 points/s";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        long points = size > 0 ? size : 1_000_000;
        ingest(workDir.resolve("warmup.db"), points); // JIT, native library, page cache
        Path db = workDir.resolve("ingest.db");
        double ms = ingest(db, points);
        double rate = points / (ms / 1000);
        out.line("points", points, "points");
        out.line("ms", ms, "ms");
        out.line("file_mb", BenchSupport.fileMegabytes(db), "MB");
        out.line("target_points_per_s", TARGET_POINTS_PER_S, "points_per_s");
        out.flag("target_met", rate >= TARGET_POINTS_PER_S);
        out.line("points_per_s", Math.round(rate), "points_per_s");
    }

    private static double ingest(Path db, long points) {
        try (Catalog catalog = Catalog.open(db)) {
            long run = BenchSupport.newRun(catalog, "ingest");
            long steps = points / METRICS;
            long start = System.nanoTime();
            long now = System.currentTimeMillis();
            try (MetricWriter writer = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (long step = 0; step < steps; step++) {
                    for (int m = 0; m < METRICS; m++) {
                        writer.log(run, NAMES[m], MetricKind.TRAIN, step, 1.0 / (step + m + 1), now + step);
                    }
                }
            }
            return BenchOutput.millisSince(start);
        }
    }
}
