package io.mlwb.app.problems;

/** How bad a problem is. */
public enum Severity {
    /** Something failed. */
    ERROR,
    /** Something needs attention but work went on. */
    WARNING,
    /** For information. */
    INFO
}
