package io.mlwb.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seeded table the profiling benchmarks read: {@code rows} × 20 columns, about 160 bytes a row.
 * <ul>
 *   <li>12 numeric: normal, lognormal, counts (Poisson), uniform, heavy-tailed (Student t, 2 d.f.), one with 5 %
 *       missing, one correlated with the first (r ≈ 0.8), exponential, integers, a small-range score, a bimodal
 *       mixture, and one with zeros and negatives;</li>
 *   <li>5 categorical of cardinality 3, 10, 50, 1,000 and 20,000 (the last two Zipf-skewed);</li>
 *   <li>2 ISO dates; 1 short free text.</li>
 * </ul>
 * Same seed, same bytes: figures from different runs and from pandas are comparable.
 */
final class ProfileDataGenerator {
    /** The seed of the {@code profile-1m} and {@code profile-100k} files. */
    static final long SEED = 20_240_331L;
    static final String[] TEXT_WORDS = {"late", "payment", "ok", "review", "call", "customer", "asked", "rate",
        "lower", "income", "seasonal", "new", "address", "verified", "pending", "docs"};

    private ProfileDataGenerator() {
    }

    /**
     * Writes the benchmark CSV from the command line, for scripts that compare whole processes:
     * {@code java -cp mlwb-bench.jar io.mlwb.bench.ProfileDataGenerator FILE [ROWS]} (default 1,000,000 rows, the
     * seed of {@code profile-1m}, so the bytes are those the benchmark profiles).
     *
     * @param args the file to write, then optionally the number of rows
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: ProfileDataGenerator FILE [ROWS]");
            System.exit(2);
        }
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        write(Path.of(args[0]), rows, SEED);
    }

    /** Writes the CSV and returns its size in bytes. */
    static long write(Path file, long rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] zipf1000 = zipfCdf(1000, 1.1);
        double[] zipf20000 = zipfCdf(20000, 1.05);
        LocalDate base = LocalDate.of(2020, 1, 1);
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 20)) {
            w.write("normal,lognormal,counts,uniform,heavy_tail,with_missing,correlated,exponential,integers,score,"
                    + "bimodal,signed,cat3,cat10,cat50,cat1000,cat20000,opened,closed,note\n");
            StringBuilder sb = new StringBuilder(256);
            for (long i = 0; i < rows; i++) {
                sb.setLength(0);
                double n = gaussian(r);
                num(sb, 50 + 10 * n, 4);
                num(sb, Math.exp(1 + 0.75 * gaussian(r)), 4);
                sb.append(poisson(r, 3.5)).append(',');
                num(sb, r.nextDouble() * 1000, 3);
                num(sb, studentT2(r), 5);
                if (r.nextDouble() < 0.05) {
                    sb.append(',');
                } else {
                    num(sb, 100 + 15 * gaussian(r), 2);
                }
                num(sb, 50 + 10 * (0.8 * n + 0.6 * gaussian(r)), 4);
                num(sb, -Math.log(1 - r.nextDouble()) * 20, 4);
                sb.append(r.nextInt(1_000_000)).append(',');
                sb.append(300 + r.nextInt(551)).append(',');
                num(sb, r.nextBoolean() ? 20 + 3 * gaussian(r) : 60 + 5 * gaussian(r), 3);
                num(sb, r.nextDouble() < 0.1 ? 0 : 5 * gaussian(r), 3);
                sb.append((char) ('a' + r.nextInt(3))).append(',');
                sb.append("level_").append(r.nextInt(10)).append(',');
                sb.append("group_").append(r.nextInt(50)).append(',');
                sb.append("item_").append(sample(r, zipf1000)).append(',');
                sb.append("user_").append(sample(r, zipf20000)).append(',');
                LocalDate opened = base.plusDays(r.nextInt(1500));
                sb.append(opened).append(',');
                sb.append(opened.plusDays(1 + r.nextInt(400))).append(',');
                int words = r.nextInt(4);
                for (int k = 0; k < words; k++) {
                    if (k > 0) {
                        sb.append(' ');
                    }
                    sb.append(TEXT_WORDS[r.nextInt(TEXT_WORDS.length)]);
                }
                sb.append('\n');
                w.append(sb);
            }
        }
        return Files.size(file);
    }

    /**
     * Writes the wide numeric table of {@code profile-wide}: {@code rows} × {@code cols} columns {@code g0, g1, …},
     * each value a full-precision double (about 19 bytes, as {@link Double#toString} writes it). Most columns are
     * independent normals; every 50th column ({@code g1, g51, …}) follows the one before it (r ≈ 0.97), so the
     * profile has pairs above the alert threshold; the last two columns hold small integers (not unique).
     *
     * @return the file's size in bytes
     */
    static long writeWide(Path file, int rows, int cols, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder sb = new StringBuilder(cols * 22);
            for (int j = 0; j < cols; j++) {
                sb.append(j > 0 ? "," : "").append('g').append(j);
            }
            w.append(sb).append('\n');
            double[] row = new double[cols];
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                for (int j = 0; j < cols; j++) {
                    if (j >= cols - 2 && cols > 2) {
                        sb.append(r.nextInt(10));
                    } else {
                        double g = gaussian(r);
                        row[j] = j % 50 == 1 ? 0.97 * row[j - 1] + 0.243 * g : g;
                        sb.append(row[j]);
                    }
                    sb.append(j < cols - 1 ? ',' : '\n');
                }
                w.append(sb);
            }
        }
        return Files.size(file);
    }

    private static void num(StringBuilder sb, double v, int decimals) {
        sb.append(String.format(Locale.ROOT, "%." + decimals + "f", v)).append(',');
    }

    static double gaussian(SplittableRandom r) {
        // Box–Muller with StrictMath so the bytes are the same on every JVM.
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    static double studentT2(SplittableRandom r) {
        // t with 2 degrees of freedom: z / sqrt(chi-square(2) / 2), chi-square(2) the sum of two squared normals.
        // (Until 2026-12-04 the two normals were not squared but multiplied by others, so about half the values
        // were NaN.)
        double z = gaussian(r);
        double a = gaussian(r);
        double b = gaussian(r);
        return z / StrictMath.sqrt((a * a + b * b) / 2 + 1e-12);
    }

    static int poisson(SplittableRandom r, double lambda) {
        double l = StrictMath.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / StrictMath.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    static int sample(SplittableRandom r, double[] cdf) {
        int i = java.util.Arrays.binarySearch(cdf, r.nextDouble());
        return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
    }
}
