package io.mlwb.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Entry point of the {@code mlwb} command line. Sets up logging before anything logs, then hands the arguments
 * to picocli. Exit codes are those of {@link io.mlwb.core.error.ExitCode}.
 */
public final class Main {
    private Main() {
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        CliLogging.configure(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
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
        return Cli.commandLine(out, err).execute(args);
    }
}
