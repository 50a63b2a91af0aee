package io.mlwb.catalog.run;

import java.util.Locale;

/** Where a run is in its life; stored lowercase in {@code run.status}. */
public enum RunStatus {
    /** Recorded, not started yet. */
    CREATED,
    /** Training or evaluating now. */
    RUNNING,
    /** Paused by the person; can resume from its checkpoint. */
    PAUSED,
    /** Ended normally. */
    FINISHED,
    /** Ended with an error. */
    FAILED,
    /** Stopped by the person (or killed, for imported runs). */
    STOPPED;

    /** @return the value stored in the catalog */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a value stored in the catalog
     * @return the status
     * @throws IllegalArgumentException for an unknown value
     */
    public static RunStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** @return true for the statuses a run ends in */
    public boolean terminal() {
        return this == FINISHED || this == FAILED || this == STOPPED;
    }
}
