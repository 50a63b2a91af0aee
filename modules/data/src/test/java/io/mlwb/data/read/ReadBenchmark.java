package io.mlwb.data.read;

import io.mlwb.core.job.Progress;
import io.mlwb.data.table.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times {@link TableReader} on a generated 1,000,000 x 20 CSV (about 160 MB): 12 numeric, 5 categorical
 * (cardinality 3, 10, 50, 1000, 20000; the last two Zipf-skewed), 2 ISO dates, 1 short text. Not a test: run
 * {@code java -Xmx1g -cp ... io.mlwb.data.read.ReadBenchmark [file] [rows] [threads] [reads]}. The file is generated once
 * (seeded) and kept in /tmp.
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    /** Generates the file if needed, then reads it (6 times by default) and prints each time and the best. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/mlwb-read-1m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        if (!Files.exists(file)) {
            generate(file, rows);
        }
        double mb = Files.size(file) / 1e6;
        TableReader reader = new TableReader();
        ReadOptions options = ReadOptions.defaults().withThreads(threads);
        long best = Long.MAX_VALUE;
        long[] times = new long[reps];
        long[] cpu = new long[reps];
        long[] peakMb = new long[reps];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < times.length; i++) {
            System.gc();
            for (java.lang.management.MemoryPoolMXBean mp : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                mp.resetPeakUsage();
            }
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ReadResult r = reader.read(file, options, Progress.NONE);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1_000_000;
            long peak = 0;
            for (java.lang.management.MemoryPoolMXBean mp : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (mp.getType() == java.lang.management.MemoryType.HEAP) {
                    peak += mp.getPeakUsage().getUsed();
                }
            }
            peakMb[i] = peak >> 20;
            times[i] = ms;
            best = Math.min(best, ms);
            if (i == 0) {
                for (Column c : r.table().columns()) {
                    System.out.printf("  %-10s %-12s missing=%d%n", c.name(), c.type(), c.missingCount());
                }
                System.out.println("  warnings: " + r.warnings());
                Runtime rt = Runtime.getRuntime();
                System.out.printf("  heap in use after read: %d MB (table %d MB)%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, r.table().memoryBytes() >> 20);
            }
        }
        System.out.printf("read-1m: %.1f MB, threads=%d, wall ms %s, best %d ms = %.0f MB/s; process CPU ms %s; "
                + "peak heap MB (sum of pool peaks, garbage included) %s%n", mb, options.threads(), Arrays.toString(times),
                best, mb / (best / 1000.0), Arrays.toString(cpu), Arrays.toString(peakMb));
    }

    private static void generate(Path file, int rows) throws IOException {
        SplittableRandom rnd = new SplittableRandom(20_240_101);
        String[] words = new String[300];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + rnd.nextInt(6);
            for (int k = 0; k < len; k++) {
                w.append((char) ('a' + rnd.nextInt(26)));
            }
            words[i] = w.toString();
        }
        long day0 = LocalDate.of(2015, 1, 1).toEpochDay();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("normal,lognormal,count,uniform,heavy,sparse,correlated,price,score,ratio,temp,id,"
                    + "cat3,cat10,cat50,cat1000,cat20000,created,updated,comment\n");
            StringBuilder sb = new StringBuilder(256);
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                double normal = rnd.nextGaussian();
                num(sb, normal, 4);
                num(sb, Math.exp(rnd.nextGaussian()), 4);
                sb.append(poisson(rnd, 4)).append(',');
                num(sb, rnd.nextDouble() * 100, 3);
                num(sb, rnd.nextGaussian() / Math.max(1e-3, Math.abs(rnd.nextGaussian())), 3);
                if (rnd.nextInt(20) == 0) {
                    sb.append(',');
                } else {
                    num(sb, rnd.nextGaussian() * 10, 2);
                }
                num(sb, 2 * normal + rnd.nextGaussian() * 0.5, 4);
                num(sb, 10 + rnd.nextDouble() * 990, 2);
                num(sb, rnd.nextDouble(), 5);
                num(sb, rnd.nextDouble() * 2 - 1, 4);
                num(sb, 15 + rnd.nextGaussian() * 8, 1);
                sb.append(r + 1).append(',');
                sb.append("c").append(rnd.nextInt(3)).append(',');
                sb.append("level_").append(rnd.nextInt(10)).append(',');
                sb.append("group").append(rnd.nextInt(50)).append(',');
                sb.append("item").append(zipf(rnd, 1000)).append(',');
                sb.append("user").append(zipf(rnd, 20000)).append(',');
                sb.append(LocalDate.ofEpochDay(day0 + rnd.nextInt(3650))).append(',');
                sb.append(LocalDate.ofEpochDay(day0 + rnd.nextInt(3650))).append(',');
                sb.append(words[rnd.nextInt(300)]).append(' ').append(words[rnd.nextInt(300)]).append(' ')
                        .append(words[rnd.nextInt(300)]).append('\n');
                w.append(sb);
            }
        }
    }

    private static void num(StringBuilder sb, double v, int decimals) {
        double scale = Math.pow(10, decimals);
        sb.append(Math.round(v * scale) / scale).append(',');
    }

    private static int poisson(SplittableRandom rnd, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Roughly Zipf(1) over 1..n by inverting the harmonic CDF approximation. */
    private static int zipf(SplittableRandom rnd, int n) {
        double h = Math.log(n) + 0.5772;
        return Math.min(n, (int) Math.exp(rnd.nextDouble() * h - 0.5772) + 1);
    }
}
