package io.mlwb.app.problems;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.time.Clock;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Problems list behind the tool window, and the app's {@link ErrorReporter}. Each reported problem is logged once
 * (here, where it is finally handled), listed, and passed to an optional {@link ProblemPresenter} (the window shows a
 * notification, or the error dialog for a bug). A {@link UserError} anywhere in an error's cause chain is listed as
 * that user error (its message and what to do); anything else is listed as our bug. Every report is listed: the job
 * runners report a failed job once ({@link io.mlwb.app.jobs.UiJobs}), so nothing here hides a second report.
 * Use on the FX thread.
 */
public final class ProblemsModel implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemsModel.class);
    private static final int MAX = 500;

    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final Clock clock;
    private ProblemPresenter presenter = p -> { };

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

    /** @param presenter told of each new problem (a notification; the error dialog for a bug); null for none */
    public void setNotifier(ProblemPresenter presenter) {
        this.presenter = presenter == null ? p -> { } : presenter;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A {@link Cancelled} is not a problem and is not listed.
     */
    @Override
    public void error(String source, Throwable error) {
        if (error instanceof Cancelled) {
            LOG.debug("{} cancelled", source);
            return;
        }
        Optional<UserError> user = UserError.find(error);
        Problem p;
        if (user.isPresent()) {
            UserError u = user.get();
            p = new Problem(Severity.ERROR, u.getMessage(), u.whatToDo(), source, clock.instant(), u);
            LOG.info("{}: {}", source, u.getMessage());
        } else {
            String msg = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            p = new Problem(Severity.ERROR, Messages.format("problems.bug.message", msg),
                    Messages.get("problems.bug.whatToDo"), source, clock.instant(), error);
            LOG.error("{} failed", source, error);
        }
        add(p);
    }

    @Override
    public void warning(String source, String message, String whatToDo) {
        LOG.warn("{}: {}", source, message);
        add(new Problem(Severity.WARNING, message, whatToDo == null ? "" : whatToDo, source, clock.instant(), null));
    }

    /**
     * Asks the presenter to show a bug's full details (the error dialog with its copyable trace and code).
     *
     * @param problem a listed problem; ignored unless it is a {@link Problem#bug() bug}
     */
    public void showDetails(Problem problem) {
        if (problem != null && problem.bug()) {
            presenter.showDetails(problem);
        }
    }

    /** Removes every problem. */
    public void clear() {
        problems.clear();
    }

    private void add(Problem p) {
        problems.add(0, p);
        if (problems.size() > MAX) {
            problems.remove(MAX, problems.size());
        }
        presenter.reported(p);
    }
}
