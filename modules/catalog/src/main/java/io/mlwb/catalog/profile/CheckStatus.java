package io.mlwb.catalog.profile;

import java.util.Locale;

/** The outcome of one quality check, as stored in {@code quality_check.status}. */
public enum CheckStatus {
    /** The rule held. */
    PASSED,
    /** The rule did not hold and its severity is error. */
    FAILED,
    /** The rule did not hold but only warns, or could not be judged yet. */
    WARNING,
    /** The rule could not be checked. */
    ERROR;

    /** @return the stored text, e.g. {@code "passed"} */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the stored text
     * @return the status
     * @throws IllegalArgumentException for an unknown text
     */
    public static CheckStatus fromDb(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
