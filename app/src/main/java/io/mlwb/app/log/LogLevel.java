package io.mlwb.app.log;

/** The levels the Log tool window filters by, lowest first. */
public enum LogLevel {
    /** Finest detail. */
    TRACE,
    /** Developer detail. */
    DEBUG,
    /** What a bug report needs. */
    INFO,
    /** Something looks wrong. */
    WARN,
    /** Something failed. */
    ERROR;

    /** @return true if this level is at least {@code min} */
    public boolean atLeast(LogLevel min) {
        return compareTo(min) >= 0;
    }

    /** @return the level named like Logback's {@code levelName} ("INFO", ...); TRACE for unknown names */
    public static LogLevel of(String levelName) {
        for (LogLevel l : values()) {
            if (l.name().equalsIgnoreCase(levelName)) {
                return l;
            }
        }
        return TRACE;
    }
}
