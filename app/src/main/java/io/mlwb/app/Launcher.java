package io.mlwb.app;

import io.mlwb.app.log.AppLogging;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;

/**
 * Starts the workbench: {@code mlwb-app.jar [open] [DIR]}. A separate class from {@link MlwbApp} because JavaFX on
 * the class path cannot start from a main class that extends Application.
 */
public final class Launcher {
    // The JVM's own start (not the process's: the launcher script execs java after a possible build).
    private static final Instant STARTED =
            Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

    private Launcher() {
    }

    /** @param args {@code [open] [DIR]} */
    public static void main(String[] args) {
        AppLogging.configure();
        Application.launch(MlwbApp.class, args);
    }

    /** @return milliseconds since the JVM started */
    static long millisSinceProcessStart() {
        return Duration.between(STARTED, Instant.now()).toMillis();
    }

    /** @return the product version from the jar manifest, or "dev" */
    static String productVersion() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
