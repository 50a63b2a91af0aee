package io.mlwb.core.error;

/**
 * Process exit codes shared by every {@code mlwb} subcommand, now and later.
 * The GUI uses the same classification to decide how an error is shown.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** The command ran, and a check it performs failed (broken audit chain, failed quality rule, drift). */
    CHECK_FAILED(1),
    /** The person gave input we cannot use: a bad file, a missing project, a wrong option. */
    BAD_INPUT(2),
    /** Our bug or an environment failure we did not anticipate. */
    INTERNAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** @return the numeric process exit status */
    public int code() {
        return code;
    }
}
