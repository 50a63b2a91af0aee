package io.mlwb.cli;

import java.nio.file.Path;

/**
 * Chooses where logs go before Logback starts: a rolling file under {@code $XDG_STATE_HOME/mlwb/logs}
 * (default {@code ~/.local/state/mlwb/logs}), and stderr only with {@code --verbose}. The system property
 * {@code mlwb.log.dir} overrides the folder (tests use it).
 */
final class CliLogging {
    private CliLogging() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty("mlwb.log.dir") == null) {
            System.setProperty("mlwb.log.dir", logDir().toString());
        }
        System.setProperty("mlwb.log.stderr.level", verbose ? "DEBUG" : "OFF");
        System.setProperty("mlwb.log.level", verbose ? "DEBUG" : "INFO");
    }

    static Path logDir() {
        String override = System.getProperty("mlwb.log.dir");
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
