package io.mlwb.app.error;

import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.ProblemPresenter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the window presents problems (pass it to {@link io.mlwb.app.problems.ProblemsModel#setNotifier}): a user error,
 * a warning or a note gets a short ControlsFX notification (top right of the owner window, 5 seconds); our bug opens
 * the {@link ErrorDialog} with its copyable details — the first time its {@link ErrorCode} is seen, so a bug that
 * repeats in a loop opens one dialog, and later ones get a notification. The Problems tool window's Details button
 * opens the dialog again on request. Does nothing while no owner window is showing (tests, start-up), so it is always
 * safe to call. FX thread.
 */
public final class Notifier implements ProblemPresenter {
    /** How long a notification stays. */
    public static final Duration SHOW_FOR = Duration.seconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int MAX_TEXT = 200;

    private final Supplier<Window> owner;
    private final ErrorDialog.Opener dialogs;
    private final Set<String> dialogShownFor = new HashSet<>();

    /** @param owner gives the main window (may give null while there is none) */
    public Notifier(Supplier<Window> owner) {
        this(owner, ErrorDialog::show);
    }

    /**
     * @param owner   gives the main window (may give null while there is none)
     * @param dialogs opens the error dialog for a bug ({@code ErrorDialog::show}; a recorder in tests)
     */
    public Notifier(Supplier<Window> owner, ErrorDialog.Opener dialogs) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
    }

    /** @param problem the new problem: a bug's dialog the first time its code is seen, else a notification */
    @Override
    public void reported(Problem problem) {
        Window window = showingOwner();
        if (problem == null || window == null) {
            LOG.debug("No window for a notification: {}", problem);
            return;
        }
        if (problem.bug() && dialogShownFor.add(ErrorCode.of(problem.cause()))) {
            dialogs.open(window, problem.source(), problem.cause());
            return;
        }
        String text = problem.message();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        Notifications n = Notifications.create()
                .owner(window)
                .position(Pos.TOP_RIGHT)
                .hideAfter(SHOW_FOR)
                .title(problem.source())
                .text(text);
        switch (problem.severity()) {
            case ERROR -> n.showError();
            case WARNING -> n.showWarning();
            default -> n.showInformation();
        }
    }

    /** @param problem a bug: its error dialog opens (again), whatever was shown before */
    @Override
    public void showDetails(Problem problem) {
        Window window = showingOwner();
        if (problem == null || problem.cause() == null || window == null) {
            return;
        }
        dialogShownFor.add(ErrorCode.of(problem.cause()));
        dialogs.open(window, problem.source(), problem.cause());
    }

    private Window showingOwner() {
        Window window = owner.get();
        return window == null || !window.isShowing() ? null : window;
    }
}
