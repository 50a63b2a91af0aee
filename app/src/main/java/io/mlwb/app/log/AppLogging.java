package io.mlwb.app.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the GUI logs: a rolling file {@code mlwb-app.log} under {@code $XDG_STATE_HOME/mlwb/logs} (default
 * {@code ~/.local/state/mlwb/logs}), configured by the app jar's {@code logback.xml}, plus the Log tool window.
 * The system property {@code mlwb.log.dir} overrides the folder (tests use it), as for the CLI.
 */
public final class AppLogging {
    /** The log file's name inside {@link #logDir()}. */
    public static final String FILE_NAME = "mlwb-app.log";
    /** The system property naming the log folder. */
    public static final String DIR_PROPERTY = "mlwb.log.dir";

    private AppLogging() {
    }

    /**
     * Points Logback at {@link #logDir()} and (re)loads {@code logback.xml}, then installs the Log tool window's
     * appender. Call first thing in {@code main}; calling again is harmless.
     */
    public static synchronized void configure() {
        if (System.getProperty(DIR_PROPERTY) == null || System.getProperty(DIR_PROPERTY).isBlank()) {
            System.setProperty(DIR_PROPERTY, logDir().toString());
        }
        JoranException failure = null;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // Logback may have read logback.xml before the property was set (any earlier static Logger does that).
        if (factory instanceof LoggerContext context) {
            URL config = AppLogging.class.getResource("/logback.xml");
            if (config != null) {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                try {
                    configurator.doConfigure(config);
                } catch (JoranException e) {
                    failure = e; // logged below, once the Log window's appender is attached
                }
            }
        }
        UiLogAppender.install();
        Logger log = LoggerFactory.getLogger(AppLogging.class);
        if (failure != null) {
            log.warn("Could not read logback.xml; logging to the Log window only", failure);
        }
        log.info("Logging to {}", logFile());
    }

    /** @return the log folder: {@code mlwb.log.dir}, else {@code $XDG_STATE_HOME/mlwb/logs}, else under home */
    public static Path logDir() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank()
                ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("mlwb").resolve("logs");
    }

    /** @return the current log file, for error dialogs and bug reports */
    public static Path logFile() {
        return logDir().resolve(FILE_NAME);
    }
}
