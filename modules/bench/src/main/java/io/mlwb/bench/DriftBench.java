package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * {@code drift-1m}: the seeded {@link DriftDataGenerator} reference and current CSVs, 1,000,000 × 20 each (8 columns
 * shifted), compared by {@link DriftEngine} with every test, PSI and KL (Wasserstein on the 14 numeric columns,
 * Jensen–Shannon on the 6 categorical ones), under {@code -Xmx1g}. After two warm-up rounds on 100,000-row files,
 * three timed rounds; each reads both files as {@code mlwb drift} does (the current typed as the reference) and then
 * compares. Figures are the medians: {@code read_ms} reading both, {@code total_ms} both steps, and the headline
 * {@code ms} the comparison alone (the "≤ 2 s on 2 cores, tables already read"). {@code heap_mb} is the most
 * heap in use over the timed rounds (read at each collection, garbage not yet collected included), {@code live_mb}
 * the most left after a collection (both tables and the comparison's work arrays). The system property
 * {@code mlwb.bench.drift.dir} names a folder where the two files are kept between runs (writing them takes ~15 s).
 */
final class DriftBench implements Benchmark {
    private static final long DEFAULT_ROWS = 1_000_000L;
    private static final double TARGET_MS = 2000;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int TIMED_ROUNDS = 3;

    @Override
    public String name() {
        return "drift-1m";
    }

    @Override
    public String description() {
        return "read + compare a seeded 1,000,000 x 20 reference and current CSV (Wasserstein, Jensen-Shannon, PSI, "
                + "KL per column); target: the comparison <= " + (long) TARGET_MS + " ms within -Xmx1g";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        if (!Boolean.getBoolean(ProfileBench.IN_PROCESS)) {
            ProfileBench.runInChildJvm(name(), workDir, size, out);
            return;
        }
        long rows = size > 0 ? size : DEFAULT_ROWS;
        String keep = System.getProperty("mlwb.bench.drift.dir");
        Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : workDir;
        Path ref = dir.resolve("drift-ref-" + rows + ".csv");
        Path cur = dir.resolve("drift-cur-" + rows + ".csv");
        writeIfMissing(ref, cur, rows);

        Path warmRef = workDir.resolve("warm-ref.csv");
        Path warmCur = workDir.resolve("warm-cur.csv");
        writeIfMissing(warmRef, warmCur, Math.min(rows, 100_000));
        DriftEngine engine = new DriftEngine();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            Tables t = read(warmRef, warmCur);
            engine.compare(t.ref(), t.cur(), DriftOptions.defaults());
        }
        Files.deleteIfExists(warmRef);
        Files.deleteIfExists(warmCur);

        double[] readMs = new double[TIMED_ROUNDS];
        double[] compareMs = new double[TIMED_ROUNDS];
        double[] totalMs = new double[TIMED_ROUNDS];
        DatasetDrift drift = null;
        Tables tables = null;
        System.gc();
        HeapWatch heap = new HeapWatch();
        for (int i = 0; i < TIMED_ROUNDS; i++) {
            tables = null; // the previous round's tables are garbage before this round reads
            long start = System.nanoTime();
            tables = read(ref, cur);
            long read = System.nanoTime();
            drift = engine.compare(tables.ref(), tables.cur(), DriftOptions.defaults());
            long end = System.nanoTime();
            readMs[i] = (read - start) / 1e6;
            compareMs[i] = (end - read) / 1e6;
            totalMs[i] = (end - start) / 1e6;
        }
        if (tables.ref().rowCount() != rows && keep == null) {
            throw new IllegalStateException("read " + tables.ref().rowCount() + " rows, expected " + rows);
        }
        double ms = BenchOutput.median(compareMs);
        out.line("rows", tables.ref().rowCount(), "rows");
        out.line("columns", tables.ref().columns().size(), "columns");
        out.line("drifted_columns", drift.drifted(), "columns");
        out.line("threads", Runtime.getRuntime().availableProcessors(), "threads");
        out.line("read_ms", BenchOutput.median(readMs), "ms");
        out.line("total_ms", BenchOutput.median(totalMs), "ms");
        out.line("ms_min", min(compareMs), "ms");
        out.line("ms_max", max(compareMs), "ms");
        out.line("heap_mb", heap.peakMb(), "MB");
        out.line("live_mb", heap.liveMb(), "MB");
        out.line("heap_max_mb", Runtime.getRuntime().maxMemory() / 1e6, "MB");
        out.line("target_ms", TARGET_MS, "ms");
        out.flag("target_met", ms <= TARGET_MS);
        out.line("ms", ms, "ms");
    }

    private record Tables(DataTable ref, DataTable cur) {
    }

    /** Reads both files as DriftService does: the current with the reference's column types. */
    private static Tables read(Path ref, Path cur) {
        TableReader reader = new TableReader();
        DataTable r = reader.read(ref, ReadOptions.defaults(), Progress.NONE).table();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column c : r.columns()) {
            types.put(c.name(), c.type());
        }
        DataTable c = reader.read(cur, ReadOptions.defaults().withColumnTypes(types), Progress.NONE).table();
        return new Tables(r, c);
    }

    private static void writeIfMissing(Path ref, Path cur, long rows) throws Exception {
        if (Files.exists(ref) && Files.exists(cur)) {
            return;
        }
        Path refPart = ref.resolveSibling(ref.getFileName() + ".part");
        Path curPart = cur.resolveSibling(cur.getFileName() + ".part");
        DriftDataGenerator.write(refPart, rows, DriftDataGenerator.SEED, false);
        DriftDataGenerator.write(curPart, rows, DriftDataGenerator.SEED + 1, true);
        Files.move(refPart, ref, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(curPart, cur, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * The most heap in use over a stretch of work, read at every collection (the heap is fullest just before one)
     * and at the end, and the most left live just after one. Summing each pool's own peak, as the profile benchmarks
     * do, overstates it: the pools peak at different moments.
     */
    private static final class HeapWatch implements NotificationListener {
        private final Set<String> heapPools = new HashSet<>();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong live = new AtomicLong();

        HeapWatch() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                }
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
            peak.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
            live.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
        }

        private long heapUsed(Map<String, MemoryUsage> usage) {
            long sum = 0;
            for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    sum += e.getValue().getUsed();
                }
            }
            return sum;
        }

        /** @return the most heap in use so far, in MB (now included) */
        double peakMb() {
            return Math.max(peak.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()) / 1e6;
        }

        /** @return the most heap left live after a collection so far, in MB */
        double liveMb() {
            return live.get() / 1e6;
        }
    }
}
