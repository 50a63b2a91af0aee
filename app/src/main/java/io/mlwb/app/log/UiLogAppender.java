package io.mlwb.app.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that keeps the last {@value LogBuffer#DEFAULT_CAPACITY} events in a {@link LogBuffer} for the
 * Log tool window. It only copies the event (no formatting beyond the message, no FX calls), so logging from any
 * thread stays cheap; the window drains the buffer on a timer.
 */
public final class UiLogAppender extends AppenderBase<ILoggingEvent> {
    /** The appender's name on the root logger. */
    public static final String NAME = "MLWB_UI";

    private static volatile UiLogAppender installed;

    private final LogBuffer buffer;

    /** @param buffer where events go */
    public UiLogAppender(LogBuffer buffer) {
        this.buffer = buffer;
        setName(NAME);
    }

    /**
     * Attaches one appender to Logback's root logger; later calls return the same one (and re-attach it if the
     * configuration was reloaded since). Without Logback as the SLF4J backend the appender is created but gets
     * no events.
     *
     * @return the installed appender
     */
    public static synchronized UiLogAppender install() {
        if (installed == null) {
            installed = new UiLogAppender(new LogBuffer());
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(NAME) != installed) {
                installed.setContext(context);
                installed.start();
                root.addAppender(installed);
            }
        }
        return installed;
    }

    /** @return the buffer the Log tool window reads */
    public LogBuffer buffer() {
        return buffer;
    }

    @Override
    protected void append(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        String exception = "";
        if (t != null) {
            exception = t.getMessage() == null ? t.getClassName() : t.getClassName() + ": " + firstLine(t.getMessage());
        }
        buffer.add(new LogLine(0, Instant.ofEpochMilli(event.getTimeStamp()), LogLevel.of(event.getLevel().toString()),
                event.getLoggerName(), event.getThreadName(), event.getFormattedMessage(), exception));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).stripTrailing();
    }
}
