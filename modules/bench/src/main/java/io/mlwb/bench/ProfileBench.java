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
import java.util.ArrayList;
import java.util.List;

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

    /** JVM options the profile benchmarks run under: the heap bound, and the throughput collector. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseParallelGC");

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        if (!Boolean.getBoolean(IN_PROCESS)) {
            runInChildJvm(workDir, size, out);
            return;
        }
        long rows = size > 0 ? size : defaultRows;
        String keep = System.getProperty("mlwb.bench.csv");
        Path csv = keep != null ? Path.of(keep) : workDir.resolve(name + ".csv");
        if (!Files.exists(csv)) {
            ProfileDataGenerator.write(csv, rows, ProfileDataGenerator.SEED);
        }
        // Warm-up on a small slice so the JIT has compiled the parsers before the timed run.
        // Two warm-up rounds on a smaller file so the JIT has compiled the parsers and the statistics before the
        // timed run; one round left the timed run bimodal (C2 sometimes not done yet on 2 cores).
        Path warm = workDir.resolve("warmup.csv");
        ProfileDataGenerator.write(warm, Math.min(rows, 100_000), 7L);
        profile(warm);
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

    /** Set to true to run in this JVM (tests; or when the caller already chose the JVM options). */
    static final String IN_PROCESS = "mlwb.bench.inprocess";

    /**
     * Runs the benchmark in a fresh JVM with {@link #JVM_OPTIONS}, so that {@code java -jar mlwb-bench.jar profile-1m}
     * measures within the 1 GB heap bound whatever the caller's JVM was started with; passes its lines through.
     */
    private void runInChildJvm(Path workDir, long size, BenchOutput out) throws Exception {
        runInChildJvm(name, workDir, size, out);
    }

    /**
     * Runs the benchmark {@code name} in a fresh JVM with {@link #JVM_OPTIONS} and passes its BENCH lines through;
     * the {@code mlwb.bench.*} system properties are passed on.
     */
    static void runInChildJvm(String name, Path workDir, long size, BenchOutput out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-D" + IN_PROCESS + "=true");
        // the caller's mlwb.bench.* settings (mlwb.bench.csv, mlwb.bench.drift.dir) travel along
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("mlwb.bench.") && !key.equals(IN_PROCESS)) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), name,
                "--size", Long.toString(size), "--dir", workDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String prefix = "BENCH " + name + " ";
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    String[] kv = line.substring(prefix.length()).split(" ");
                    String[] metric = kv[0].split("=", 2);
                    out.raw(metric[0], metric[1], kv.length > 1 ? kv[1] : "");
                } else {
                    System.err.println(line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the benchmark JVM exited with " + p.exitValue());
        }
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
