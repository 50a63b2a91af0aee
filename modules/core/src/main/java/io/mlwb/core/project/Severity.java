package io.mlwb.core.project;

import java.util.Locale;

/** What a failing data-quality rule does. Written in lower case in mlwb.yaml. */
public enum Severity {
    /** Fails the check (non-zero exit in the CLI). */
    ERROR,
    /** Reported, but the check still passes. */
    WARNING;

    /** @return the value as written in mlwb.yaml, e.g. {@code "error"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
