package io.mlwb.cli;

import java.nio.file.Path;

/**
 * Chooses where logs go before Logback starts: a rolling file under {@code $XDG_STATE_HOME/mlwb/logs}
 * (default {@code ~/.local/state/mlwb/logs}), and stderr only with {@code --verbose}. The system property
 * {@code mlwb.log.dir} overrides the folder (tests use it).
 */
final class CliLogging {
    /** The log folder. */
    static final String DIR_PROPERTY = "mlwb.log.dir";
    /** The root level. */
    static final String LEVEL_PROPERTY = "mlwb.log.level";
    /** The least level that also goes to stderr ({@code OFF}: none). */
    static final String STDERR_LEVEL_PROPERTY = "mlwb.log.stderr.level";
    /** Set once {@link #configure} ran: {@link CliLogbackConfigurator} then configures Logback. */
    static final String CONFIGURED_PROPERTY = "mlwb.log.cli";

    private CliLogging() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty(DIR_PROPERTY) == null) {
            System.setProperty(DIR_PROPERTY, logDir().toString());
        }
        System.setProperty(STDERR_LEVEL_PROPERTY, verbose ? "DEBUG" : "OFF");
        System.setProperty(LEVEL_PROPERTY, verbose ? "DEBUG" : "INFO");
        System.setProperty(CONFIGURED_PROPERTY, "true");
    }

    static Path logDir() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("mlwb").resolve("logs");
    }

    static Path logFile() {
        return logDir().resolve("mlwb.log");
    }
}
