package io.mlwb.app.problems;

import io.mlwb.core.error.UserError;
import java.time.Instant;

/**
 * One entry of the Problems tool window.
 *
 * @param severity how bad
 * @param message  what happened (one sentence)
 * @param whatToDo what the person can do; may be empty
 * @param source   where it came from, e.g. "Git", "Catalog", "Profiling"
 * @param time     when it was reported
 * @param cause    the exception for the details pane, or null (a warning); the {@link UserError} for a user error
 */
public record Problem(Severity severity, String message, String whatToDo, String source, Instant time, Throwable cause) {
    /** @return true for our bug: an error whose cause holds no {@link UserError} anywhere in its chain */
    public boolean bug() {
        return severity == Severity.ERROR && cause != null && UserError.find(cause).isEmpty();
    }
}
