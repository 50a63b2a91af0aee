package io.mlwb.app.log;

import java.time.Instant;

/**
 * One logged event as the Log tool window shows it.
 *
 * @param seq       position in the buffer's sequence (increasing; the view drains lines after the last it saw)
 * @param time      when it was logged
 * @param level     its level
 * @param logger    the logger's full name
 * @param thread    the thread that logged it
 * @param message   the formatted message
 * @param exception the first line of the attached exception ("Type: message"), or empty
 */
public record LogLine(long seq, Instant time, LogLevel level, String logger, String thread, String message,
                      String exception) {

    /** @return the logger's simple name: the part after the last dot */
    public String loggerShortName() {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    /** @return the message, followed by the exception's first line when there is one */
    public String fullMessage() {
        return exception.isEmpty() ? message : message + " — " + exception;
    }
}
