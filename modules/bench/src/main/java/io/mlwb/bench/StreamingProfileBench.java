package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.stream.StreamingProfiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code profile-10m-streaming}: writes the seeded {@link ProfileDataGenerator} CSV with 10,000,000 rows (about
 * 1.45 GB, into the work folder, deleted afterwards) and profiles it with {@link StreamingProfiler} under
 * {@code -Xmx1g}. Memory must stay flat: {@code heap_mb_1m} is the peak heap in use up to the first million rows,
 * {@code heap_mb} the peak over the whole file; the two should be about equal. Both include garbage not yet
 * collected (the parallel collector lets the young generation fill); {@code live_mb} is the most heap in use right
 * after a collection, during the run. The headline is {@code ms}.
 */
final class StreamingProfileBench implements Benchmark {
    private static final long ROWS = 10_000_000L;
    private static final long FIRST = 1_000_000L;

    @Override
    public String name() {
        return "profile-10m-streaming";
    }

    @Override
    public String description() {
        return "streaming profile of a seeded 10,000,000-row x 20-column CSV (~1.45 GB) within -Xmx1g; "
                + "heap_mb_1m vs heap_mb shows memory stays flat";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        if (!Boolean.getBoolean(ProfileBench.IN_PROCESS)) {
            // ProfileBench re-launches BenchMain with this name under -Xmx1g -XX:+UseParallelGC; the child JVM,
            // in process, then runs the code below.
            new ProfileBench(name(), ROWS, 0).run(workDir, size, out);
            return;
        }
        long rows = size > 0 ? size : ROWS;
        Path csv = workDir.resolve(name() + ".csv");
        Path warm = workDir.resolve("warmup.csv");
        try {
            long genStart = System.nanoTime();
            ProfileDataGenerator.write(csv, rows, ProfileDataGenerator.SEED);
            double genMs = BenchOutput.millisSince(genStart);
            ProfileDataGenerator.write(warm, Math.min(rows, 50_000), 7L);
            profile(warm, Progress.NONE);
            Files.deleteIfExists(warm);
            System.gc();
            resetPeaks();
            double[] peakAtFirst = {Double.NaN};
            double[] live = {0};
            double firstFraction = Math.min(1.0, (double) FIRST / rows);
            Progress watch = new Progress() {
                @Override
                public void report(double fraction, String message) {
                    live[0] = Math.max(live[0], afterGcMb());
                    if (Double.isNaN(peakAtFirst[0]) && fraction / 0.97 >= firstFraction) {
                        peakAtFirst[0] = peakHeapMb();
                    }
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            };
            long start = System.nanoTime();
            DatasetProfile p = profile(csv, watch);
            double ms = BenchOutput.millisSince(start);
            double peak = peakHeapMb();
            if (p.rows() != rows) {
                throw new IllegalStateException("profiled " + p.rows() + " rows, expected " + rows);
            }
            long bytes = Files.size(csv);
            out.line("rows", p.rows(), "rows");
            out.line("columns", p.columnsCount(), "columns");
            out.line("file_mb", bytes / 1e6, "MB");
            out.line("generate_ms", genMs, "ms");
            out.line("heap_mb_1m", Double.isNaN(peakAtFirst[0]) ? peak : peakAtFirst[0], "MB");
            out.line("heap_mb", peak, "MB");
            out.line("live_mb", Math.max(live[0], afterGcMb()), "MB");
            out.line("heap_max_mb", Runtime.getRuntime().maxMemory() / 1e6, "MB");
            out.line("mb_per_s", bytes / 1e6 / (ms / 1000), "MB/s");
            out.line("ms", ms, "ms");
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(warm);
        }
    }

    private static DatasetProfile profile(Path csv, Progress progress) {
        return new StreamingProfiler().profile(csv, ReadOptions.defaults(), ProfileOptions.defaults(), progress);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Heap in use right after the latest collection of each pool: what is live, without uncollected garbage. */
    private static double afterGcMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum / 1e6;
    }

    /** Sum over the heap pools of each pool's peak use (as {@code ProfileBench} measures it). */
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
