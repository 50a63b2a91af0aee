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
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    private Launcher() {
    }

    /** @param args {@code [open] [DIR]} */
    public static void main(String[] args) {
        AppLogging.configure();
        Application.launch(MlwbApp.class, args);
    }

    /** @return milliseconds since the JVM process started */
    static long millisSinceProcessStart() {
        return Duration.between(STARTED, Instant.now()).toMillis();
    }

    /** @return the product version from the jar manifest, or "dev" */
    static String productVersion() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
