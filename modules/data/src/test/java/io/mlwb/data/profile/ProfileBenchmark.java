package io.mlwb.data.profile;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a unit test: times the statistics half of {@code profile-1m} on a generated in-memory 1,000,000 × 20 table
 * shaped like the benchmark file (12 numeric, 5 categorical of cardinality 3/10/50/1,000/20,000, two of
 * them Zipf-skewed, 2 dates, 1 short text). Run:
 * {@code java -Xmx1g -cp <test classpath> io.mlwb.data.profile.ProfileBenchmark [rows] [threads] [repeats]}.
 */
public final class ProfileBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileBenchmark.class);

    private ProfileBenchmark() {
    }

    /** Generates the table, profiles it once to warm up, then {@code repeats} times, and logs the timings. */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long t0 = System.nanoTime();
        DataTable table = generate(rows, 42);
        LOG.info("generated {} x {} in {} ms", rows, table.columns().size(), (System.nanoTime() - t0) / 1_000_000);
        ProfileOptions options = new ProfileOptions(50, 10, java.util.Optional.of("n_correlated"), true, threads);
        Profiler profiler = new Profiler();
        long c0 = cpuNanos();
        long w0 = System.nanoTime();
        DatasetProfile p = profiler.profile(table, options, Progress.NONE);
        LOG.info("cold run (first in this JVM): {} ms wall, {} ms CPU; {} alerts, {} duplicate rows",
                (System.nanoTime() - w0) / 1_000_000, (cpuNanos() - c0) / 1_000_000, p.alerts().size(),
                p.duplicateRows());
        long best = Long.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long cpu = cpuNanos();
            long s = System.nanoTime();
            profiler.profile(table, options, Progress.NONE);
            long ms = (System.nanoTime() - s) / 1_000_000;
            best = Math.min(best, ms);
            Runtime rt = Runtime.getRuntime();
            LOG.info("run {}: {} ms wall, {} ms CPU (heap in use after: {} MB)", r + 1, ms,
                    (cpuNanos() - cpu) / 1_000_000, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        LOG.info("profile-stats rows={} threads={} best_ms={}", rows, threads, best);
        LOG.info("json bytes: {}", ProfileJson.toJson(p).length());
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** The generated table; deterministic for a seed. */
    static DataTable generate(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Column> cols = new ArrayList<>();
        double[] base = new double[rows];
        for (int i = 0; i < rows; i++) {
            base[i] = normal(rnd);
        }
        cols.add(num("n_normal", base));
        cols.add(num("n_lognormal", fill(rows, () -> Math.exp(normal(rnd)))));
        cols.add(num("n_counts", fill(rows, () -> Math.floor(-Math.log(1 - rnd.nextDouble()) * 3))));
        cols.add(num("n_uniform", fill(rows, rnd::nextDouble)));
        cols.add(num("n_heavy", fill(rows, () -> Math.tan(Math.PI * (rnd.nextDouble() - 0.5)))));
        double[] withMissing = fill(rows, () -> normal(rnd) * 10);
        BitSet missing = new BitSet(rows);
        for (int i = 0; i < rows; i++) {
            if (rnd.nextDouble() < 0.05) {
                missing.set(i);
                withMissing[i] = Double.NaN;
            }
        }
        cols.add(new NumericColumn("n_missing", withMissing, missing, false));
        double[] corr = new double[rows];
        for (int i = 0; i < rows; i++) {
            corr[i] = 2 * base[i] + 0.3 * normal(rnd);
        }
        cols.add(num("n_correlated", corr));
        for (int k = 0; k < 5; k++) {
            double scale = k + 1;
            cols.add(num("n_extra" + k, fill(rows, () -> Math.round(normal(rnd) * 1000 * scale) / 100.0)));
        }
        int[] cards = {3, 10, 50, 1000, 20_000};
        for (int k = 0; k < cards.length; k++) {
            boolean zipf = k == 3 || k == 4;
            cols.add(cat("c_" + cards[k], cards[k], zipf, rows, rnd, ColumnType.CATEGORICAL, "v"));
        }
        for (int k = 0; k < 2; k++) {
            long[] millis = new long[rows];
            for (int i = 0; i < rows; i++) {
                millis[i] = (18_000L + rnd.nextInt(3650)) * 86_400_000L;
            }
            cols.add(new DateTimeColumn("d_" + k, millis, new BitSet(), true, "yyyy-MM-dd"));
        }
        cols.add(cat("t_text", 600_000, false, rows, rnd, ColumnType.TEXT, "word "));
        return new DataTable(rows, cols);
    }

    private static NumericColumn num(String name, double[] v) {
        return new NumericColumn(name, v, new BitSet(), false);
    }

    private static double[] fill(int rows, java.util.function.DoubleSupplier s) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = s.getAsDouble();
        }
        return v;
    }

    private static CategoricalColumn cat(String name, int card, boolean zipf, int rows, SplittableRandom rnd,
            ColumnType type, String prefix) {
        List<String> dict = new ArrayList<>(card);
        for (int i = 0; i < card; i++) {
            dict.add(prefix + i);
        }
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            // Zipf-like: inverse-CDF of a power law over ranks
            codes[i] = zipf ? (int) Math.min(card - 1, Math.floor(Math.pow(card + 1.0, rnd.nextDouble()) - 1))
                    : rnd.nextInt(card);
        }
        return new CategoricalColumn(name, type, codes, dict);
    }

    private static double normal(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
