package io.mlwb.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Entry point of the {@code mlwb} command line. Sets up logging before anything logs, then hands the arguments
 * to picocli. Exit codes are those of {@link io.mlwb.core.error.ExitCode}.
 */
public final class Main {
    /**
     * Internal, for the launcher's class-data-sharing archive: a second file to profile in the same JVM after the
     * command, so that the classes its format needs (Parquet's) are archived too. Output is discarded.
     */
    static final String WARM_UP_PROPERTY = "mlwb.cds.warmUp";
    /**
     * Internal, for the launcher's class-data-sharing archive: a CSV file compared with itself by {@code drift} in
     * the same JVM after the command, so that the drift engine's classes and Jackson's (about 600 that a drift
     * otherwise loads and verifies from the jars) are archived too. Output is discarded, nothing is recorded.
     */
    static final String WARM_UP_DRIFT_PROPERTY = "mlwb.cds.warmUpDrift";

    private Main() {
    }

    private static void warmUp(String file) {
        if (file == null || file.isBlank()) {
            return;
        }
        java.io.StringWriter sink = new java.io.StringWriter();
        PrintWriter quiet = new PrintWriter(sink);
        run(new String[] {"profile", file, "--json", "-", "--no-store"}, quiet, quiet);
    }

    /**
     * Sets where and how much the command line logs, before Logback starts; {@link #main} does it first thing. A
     * launcher that runs code of its own before {@code main} (the installed package's) calls it earlier; calling it
     * again is harmless.
     *
     * @param args command-line arguments ({@code --verbose} or {@code -v} also log to stderr)
     */
    public static void configureLogging(String[] args) {
        CliLogging.configure(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
    }

    private static void warmUpDrift(String csv) {
        if (csv == null || csv.isBlank()) {
            return;
        }
        java.io.StringWriter sink = new java.io.StringWriter();
        PrintWriter quiet = new PrintWriter(sink);
        run(new String[] {"drift", csv, csv, "--json", "-", "--no-record"}, quiet, quiet);
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        configureLogging(args);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        warmUp(System.getProperty(WARM_UP_PROPERTY));
        warmUpDrift(System.getProperty(WARM_UP_DRIFT_PROPERTY));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command in-process, writing to the given streams. Used by {@link #main} and by tests.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Cli.commandLine(out, err, args).execute(args);
    }
}
