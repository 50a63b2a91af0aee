package io.mlwb.app.problems;

import java.time.Instant;

/**
 * One entry of the Problems tool window.
 *
 * @param severity how bad
 * @param message  what happened (one sentence)
 * @param whatToDo what the person can do; may be empty
 * @param source   where it came from, e.g. "Git", "Catalog", "Profiling"
 * @param time     when it was reported
 * @param cause    the exception for the details pane, or null; null for a {@link io.mlwb.core.error.UserError}'s trace
 */
public record Problem(Severity severity, String message, String whatToDo, String source, Instant time, Throwable cause) {
}
