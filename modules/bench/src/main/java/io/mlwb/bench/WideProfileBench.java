package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code profile-wide}: reads and profiles a seeded 2,000-row × 3,000-column numeric CSV
 * ({@link ProfileDataGenerator#writeWide}) with everything the profile does (Pearson and Spearman over all
 * 4.5 million pairs) and writes the default JSON (per-column statistics, correlation pairs rather than matrices).
 * Timed from opening the file to the JSON written, after one warm-up round on a 200-row slice; the headline is the
 * time, with the JSON's size and the process's CPU time over the run beside it (on a shared machine the wall
 * time depends on what else runs; CPU time divided by the cores is what the run would take alone). {@code --size N} sets the number of columns (rows stay 2,000), so tests can
 * run it small. Runs in a child JVM with {@link ProfileBench#JVM_OPTIONS} ({@code -Xmx1g}: the table is 48 MB of
 * doubles, the two matrices 144 MB).
 */
final class WideProfileBench implements Benchmark {
    static final String NAME = "profile-wide";
    private static final int ROWS = 2_000;
    private static final int COLUMNS = 3_000;
    private static final double TARGET_MS = 10_000;
    private static final double TARGET_JSON_MB = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "read + profile a seeded 2000-row x 3000-column numeric CSV (Pearson, Spearman) and write the default "
                + "JSON; target <= " + (long) TARGET_MS + " ms and <= " + (long) TARGET_JSON_MB + " MB of JSON";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        if (!Boolean.getBoolean(ProfileBench.IN_PROCESS)) {
            ProfileBench.runInChildJvm(NAME, workDir, size, out);
            return;
        }
        int cols = size > 0 ? Math.toIntExact(size) : COLUMNS;
        Path csv = workDir.resolve(NAME + ".csv");
        ProfileDataGenerator.writeWide(csv, ROWS, cols, 20_240_331L);
        Path warm = workDir.resolve("warmup.csv");
        ProfileDataGenerator.writeWide(warm, 200, cols, 7L);
        profile(warm, workDir.resolve("warmup.json"));
        Files.deleteIfExists(warm);
        Files.deleteIfExists(workDir.resolve("warmup.json"));
        System.gc();
        Path json = workDir.resolve(NAME + ".json");
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        DatasetProfile p = profile(csv, json);
        double ms = BenchOutput.millisSince(start);
        double cpuMs = (processCpuNanos() - cpuStart) / 1e6;
        if (p.rows() != ROWS || p.columnsCount() != cols) {
            throw new IllegalStateException("profiled " + p.rows() + " x " + p.columnsCount() + ", expected "
                    + ROWS + " x " + cols);
        }
        double jsonMb = Files.size(json) / 1e6;
        out.line("rows", p.rows(), "rows");
        out.line("columns", p.columnsCount(), "columns");
        out.line("file_mb", Files.size(csv) / 1e6, "MB");
        out.line("json_mb", jsonMb, "MB");
        // CPU time of the whole process over the timed run: with the wall time, says how busy the machine was
        out.line("cpu_ms", cpuMs, "ms");
        out.line("processors", Runtime.getRuntime().availableProcessors(), "cores");
        out.line("target_ms", TARGET_MS, "ms");
        out.line("target_json_mb", TARGET_JSON_MB, "MB");
        out.flag("target_met", ms <= TARGET_MS && jsonMb <= TARGET_JSON_MB);
        out.line("ms", ms, "ms");
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static DatasetProfile profile(Path csv, Path json) throws Exception {
        ReadResult read = new TableReader().read(csv, ReadOptions.defaults(), Progress.NONE);
        DatasetProfile p = new Profiler().profile(read.table(), ProfileOptions.defaults(), Progress.NONE);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(json), 1 << 16)) {
            ProfileJson.write(p, o);
        }
        return p;
    }
}
