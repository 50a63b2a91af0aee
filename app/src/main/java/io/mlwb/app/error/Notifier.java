package io.mlwb.app.error;

import io.mlwb.app.problems.Problem;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a short ControlsFX notification (top right of the owner window, 5 seconds) for each new problem. Pass it
 * to {@link io.mlwb.app.problems.ProblemsModel#setNotifier}. Does nothing while no owner window is showing (tests,
 * start-up), so it is always safe to call. FX thread.
 */
public final class Notifier implements Consumer<Problem> {
    /** How long a notification stays. */
    public static final Duration SHOW_FOR = Duration.seconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int MAX_TEXT = 200;

    private final Supplier<Window> owner;

    /** @param owner gives the main window (may give null while there is none) */
    public Notifier(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** @param problem the new problem; shown as its source (title) and message (text) */
    @Override
    public void accept(Problem problem) {
        Window window = owner.get();
        if (problem == null || window == null || !window.isShowing()) {
            LOG.debug("No window for a notification: {}", problem);
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
}
