package io.mlwb.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seeded reference and current tables of the {@code drift-1m} benchmark: {@code rows} × 20 columns each, 14
 * numeric and 6 categorical, about 130 bytes a row. The current table is drawn from shifted distributions in 8 of the
 * 20 columns (a mean shift, a scale change, a new heavy tail, a category mix change, a new category, a vanished one),
 * so the comparison has drifted and stable columns side by side. Same seed, same bytes: the Java and pandas runs read
 * the same files.
 */
final class DriftDataGenerator {
    /** The seed of the reference file; the current file uses the next one. */
    static final long SEED = 20_241_204L;
    static final String HEADER = "amount,balance,age,tenure,calls,income,score,latency,ratio,heavy,uniform,counts,"
            + "bimodal,signed,region,plan,channel,segment,device,merchant\n";

    private DriftDataGenerator() {
    }

    /**
     * Writes both files from the command line, for scripts that compare whole processes:
     * {@code java -cp mlwb-bench.jar io.mlwb.bench.DriftDataGenerator REF.csv CUR.csv [ROWS]}.
     *
     * @param args the reference file, the current file, then optionally the rows of each (default 1,000,000)
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: DriftDataGenerator REFERENCE.csv CURRENT.csv [ROWS]");
            System.exit(2);
        }
        long rows = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        write(Path.of(args[0]), rows, SEED, false);
        write(Path.of(args[1]), rows, SEED + 1, true);
    }

    /** Writes one table and returns its size in bytes; {@code drifted} draws the current distributions. */
    static long write(Path file, long rows, long seed, boolean drifted) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] zipf = ProfileDataGenerator.zipfCdf(500, 1.1);
        String[] regions = {"north", "south", "east", "west", "central"};
        String[] plans = {"basic", "plus", "pro"};
        String[] channels = {"web", "app", "branch", "phone"};
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 20)) {
            w.write(HEADER);
            StringBuilder sb = new StringBuilder(256);
            for (long i = 0; i < rows; i++) {
                sb.setLength(0);
                double g = ProfileDataGenerator.gaussian(r);
                num(sb, Math.exp(4 + (drifted ? 0.9 : 0.75) * g), 2);                       // amount: scale change
                num(sb, 1000 + 300 * ProfileDataGenerator.gaussian(r), 2);                 // balance: stable
                sb.append(18 + r.nextInt(drifted ? 50 : 60)).append(',');                  // age: range shrinks
                num(sb, r.nextDouble() * 120, 1);                                          // tenure: stable
                sb.append(ProfileDataGenerator.poisson(r, drifted ? 4.2 : 3.5)).append(','); // calls: mean shift
                num(sb, 50_000 + 12_000 * ProfileDataGenerator.gaussian(r) + (drifted ? 4_000 : 0), 0); // income
                num(sb, 600 + 80 * ProfileDataGenerator.gaussian(r), 1);                   // score: stable
                num(sb, -Math.log(1 - r.nextDouble()) * 20, 3);                            // latency: stable
                num(sb, r.nextDouble(), 4);                                                // ratio: stable
                num(sb, drifted && r.nextDouble() < 0.05 ? ProfileDataGenerator.studentT2(r) * 50
                        : ProfileDataGenerator.studentT2(r), 4);                           // heavy: new tail
                num(sb, r.nextDouble() * 1000, 3);                                         // uniform: stable
                sb.append(ProfileDataGenerator.poisson(r, 2.0)).append(',');               // counts: stable (<= 5?)
                num(sb, r.nextBoolean() ? 20 + 3 * ProfileDataGenerator.gaussian(r)
                        : 60 + 5 * ProfileDataGenerator.gaussian(r), 3);                   // bimodal: stable
                num(sb, r.nextDouble() < 0.1 ? 0 : 5 * ProfileDataGenerator.gaussian(r), 3); // signed: stable
                sb.append(regions[r.nextInt(regions.length)]).append(',');                 // region: stable
                double p = r.nextDouble();
                sb.append(plans[drifted ? (p < 0.5 ? 0 : p < 0.7 ? 1 : 2) : (p < 0.34 ? 0 : p < 0.67 ? 1 : 2)])
                        .append(',');                                                      // plan: mix change
                sb.append(drifted && r.nextDouble() < 0.08 ? "chat" : channels[r.nextInt(channels.length)])
                        .append(',');                                                      // channel: new category
                sb.append("seg_").append(r.nextInt(drifted ? 9 : 10)).append(',');         // segment: one vanishes
                sb.append(r.nextDouble() < 0.6 ? "mobile" : "desktop").append(',');        // device: stable
                sb.append("m").append(ProfileDataGenerator.sample(r, zipf)).append('\n');  // merchant: stable
                w.append(sb);
            }
        }
        return Files.size(file);
    }

    private static void num(StringBuilder sb, double v, int decimals) {
        sb.append(String.format(Locale.ROOT, "%." + decimals + "f", v)).append(',');
    }
}
