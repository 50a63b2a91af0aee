package io.mlwb.app.problems;

/**
 * Where view models send errors and warnings. The app's implementation lists them in the Problems tool window and
 * shows a notification (a {@link io.mlwb.core.error.UserError} with its what-to-do; anything else as our bug with
 * the log file's path). Call on the FX thread.
 */
public interface ErrorReporter {
    /**
     * @param source what was being done, e.g. "Git", "Open project"
     * @param error  the failure
     */
    void error(String source, Throwable error);

    /**
     * @param source   where the warning comes from
     * @param message  what happened
     * @param whatToDo what to do about it; may be empty
     */
    void warning(String source, String message, String whatToDo);
}
