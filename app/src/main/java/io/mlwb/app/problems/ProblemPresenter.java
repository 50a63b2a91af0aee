package io.mlwb.app.problems;

/**
 * What the window does with problems beyond listing them: the app's implementation
 * ({@link io.mlwb.app.error.Notifier}) shows a notification for each new one and opens the error dialog for a bug.
 * Tests install a recording one to see "a dialog would open". FX thread.
 */
@FunctionalInterface
public interface ProblemPresenter {
    /** @param problem a problem just listed */
    void reported(Problem problem);

    /**
     * The person asked for a problem's full details (the Problems tool window's Details button). Default: nothing.
     *
     * @param problem the problem, a {@link Problem#bug() bug}
     */
    default void showDetails(Problem problem) {
    }
}
