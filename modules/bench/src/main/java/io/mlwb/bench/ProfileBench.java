package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Profiles the seeded {@link ProfileDataGenerator} CSV with everything the profile does (exact quantiles,
 * histograms, top values, Pearson and Spearman): timed from opening the file to the finished profile, with the
 * peak heap in use. Run with {@code java -Xmx1g -jar …} for the memory bound. {@code --keep FILE} (via
 * the system property {@code mlwb.bench.csv}) reuses or keeps the CSV, e.g. to profile the same file with pandas.
 */
final class ProfileBench implements Benchmark {
    private final String name;
    private final long defaultRows;
    private final double targetMs;

    ProfileBench(String name, long defaultRows, double targetMs) {
        this.name = name;
        this.defaultRows = defaultRows;
        this.targetMs = targetMs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "read + profile a seeded " + defaultRows + "-row x 20-column CSV (exact statistics, Pearson, Spearman); "
                + "target <= " + (long) targetMs + " ms within -Xmx1g";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        long rows = size > 0 ? size : defaultRows;
        String keep = System.getProperty("mlwb.bench.csv");
        Path csv = keep != null ? Path.of(keep) : workDir.resolve(name + ".csv");
        if (!Files.exists(csv)) {
            ProfileDataGenerator.write(csv, rows, 20_240_331L);
        }
        // Warm-up on a small slice so the JIT has compiled the parsers before the timed run.
        Path warm = workDir.resolve("warmup.csv");
        ProfileDataGenerator.write(warm, Math.min(rows, 50_000), 7L);
        profile(warm);
        Files.deleteIfExists(warm);
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        DatasetProfile p = profile(csv);
        double ms = BenchOutput.millisSince(start);
        if (p.rows() != rows && keep == null) {
            throw new IllegalStateException("profiled " + p.rows() + " rows, expected " + rows);
        }
        out.line("rows", p.rows(), "rows");
        out.line("columns", p.columnsCount(), "columns");
        out.line("file_mb", Files.size(csv) / 1e6, "MB");
        out.line("heap_mb", peakHeapMb(), "MB");
        out.line("heap_max_mb", Runtime.getRuntime().maxMemory() / 1e6, "MB");
        out.line("mb_per_s", Files.size(csv) / 1e6 / (ms / 1000), "MB/s");
        out.line("target_ms", targetMs, "ms");
        out.flag("target_met", ms <= targetMs);
        out.line("ms", ms, "ms");
    }

    private static DatasetProfile profile(Path csv) {
        ReadResult read = new TableReader().read(csv, ReadOptions.defaults(), Progress.NONE);
        return new Profiler().profile(read.table(), ProfileOptions.defaults(), Progress.NONE);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
