package io.mlwb.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The appender gets SLF4J events once installed; AppLogging writes mlwb-app.log under mlwb.log.dir. */
class UiLogAppenderTest {
    private static final Logger LOG = LoggerFactory.getLogger(UiLogAppenderTest.class);

    @Test
    void installIsIdempotentAndCapturesEventsWithTheExceptionsFirstLine() {
        UiLogAppender appender = UiLogAppender.install();
        assertSame(appender, UiLogAppender.install());
        String marker = "appender-" + UUID.randomUUID();

        LOG.warn("Something odd: {}", marker, new IllegalStateException("first line\nsecond line"));

        List<LogLine> mine = appender.buffer().since(0).stream().filter(l -> l.message().contains(marker)).toList();
        assertEquals(1, mine.size(), "one appender, one copy of the event");
        LogLine line = mine.get(0);
        assertEquals(LogLevel.WARN, line.level());
        assertEquals("UiLogAppenderTest", line.loggerShortName());
        assertEquals("java.lang.IllegalStateException: first line", line.exception());
    }

    @Test
    void configureWritesTheAppLogFileAndKeepsTheWindowAppender() throws Exception {
        UiLogAppender appender = UiLogAppender.install();
        AppLogging.configure();
        AppLogging.configure();
        String marker = "file-" + UUID.randomUUID();
        LOG.info("Written to the file: {}", marker);

        assertEquals(AppLogging.FILE_NAME, AppLogging.logFile().getFileName().toString());
        assertEquals(System.getProperty(AppLogging.DIR_PROPERTY), AppLogging.logDir().toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            found = Files.exists(AppLogging.logFile()) && Files.readString(AppLogging.logFile()).contains(marker);
            if (!found) {
                Thread.sleep(50);
            }
        }
        assertTrue(found, "the message is in " + AppLogging.logFile());
        assertEquals(1, appender.buffer().since(0).stream().filter(l -> l.message().contains(marker)).count(),
                "the Log window's appender survived the reload, attached once");
    }
}
