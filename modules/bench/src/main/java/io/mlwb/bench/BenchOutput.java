package io.mlwb.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** Formats {@code BENCH <name> <metric>=<value> <unit>} lines. */
final class BenchOutput {
    private final String bench;
    private final PrintStream out;

    BenchOutput(String bench, PrintStream out) {
        this.bench = bench;
        this.out = out;
    }

    void line(String metric, double value, String unit) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
        out.println("BENCH " + bench + " " + metric + "=" + v + " " + unit);
    }

    /** Passes a line through as it came (from a child JVM). */
    void raw(String metric, String value, String unit) {
        out.println("BENCH " + bench + " " + metric + "=" + value + " " + unit);
    }

    void flag(String metric, boolean value) {
        out.println("BENCH " + bench + " " + metric + "=" + value + " bool");
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
