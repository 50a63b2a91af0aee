package io.mlwb.app.problems;

import io.mlwb.core.error.UserError;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Problems list behind the tool window, and the app's {@link ErrorReporter}. Each reported problem is logged once
 * (here, where it is finally handled) and passed to an optional notifier (the window shows a notification).
 * Use on the FX thread.
 */
public final class ProblemsModel implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemsModel.class);
    private static final int MAX = 500;

    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final Clock clock;
    private Consumer<Problem> notifier = p -> { };
    private Throwable lastError;

    /** A model using the system clock. */
    public ProblemsModel() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock for problem times */
    public ProblemsModel(Clock clock) {
        this.clock = clock;
    }

    /** @return the problems, newest first */
    public ObservableList<Problem> problems() {
        return problems;
    }

    /** @param notifier called with each new problem (e.g. to show a notification) */
    public void setNotifier(Consumer<Problem> notifier) {
        this.notifier = notifier == null ? p -> { } : notifier;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The same exception object reported twice in a row is listed once: a failed job is reported by the job
     * runner, and a view model's {@code onFailure} may report it again.
     */
    @Override
    public void error(String source, Throwable error) {
        if (error == lastError) {
            return;
        }
        lastError = error;
        UserError user = findUserError(error);
        Problem p;
        if (error instanceof io.mlwb.core.job.Cancelled) {
            p = new Problem(Severity.INFO, source + ": cancelled.", "", source, clock.instant(), null);
            LOG.info("{} cancelled", source);
        } else if (user != null) {
            p = new Problem(Severity.ERROR, user.getMessage(), user.whatToDo(), source, clock.instant(), user);
            LOG.info("{}: {}", source, user.getMessage());
        } else {
            String msg = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            p = new Problem(Severity.ERROR, "Unexpected error: " + msg,
                    "This is a bug in mlwb. Copy the details from the Problems panel; the log has the full trace.",
                    source, clock.instant(), error);
            LOG.error("{} failed", source, error);
        }
        add(p);
    }

    @Override
    public void warning(String source, String message, String whatToDo) {
        LOG.warn("{}: {}", source, message);
        add(new Problem(Severity.WARNING, message, whatToDo == null ? "" : whatToDo, source, clock.instant(), null));
    }

    /** Removes every problem. */
    public void clear() {
        problems.clear();
        lastError = null;
    }

    private void add(Problem p) {
        problems.add(0, p);
        if (problems.size() > MAX) {
            problems.remove(MAX, problems.size());
        }
        notifier.accept(p);
    }

    private static UserError findUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserError ue) {
                return ue;
            }
        }
        return null;
    }
}
