package io.mlwb.app.jobs;

import java.time.Duration;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ObservableList;

/** State of the Jobs tool window: the job list, Cancel per running job and "Clear finished". FX thread. */
public final class JobsViewModel {
    private final ObservableList<JobEntry> jobs;
    private final BooleanBinding hasFinished;

    /** @param jobs the runner whose jobs are shown */
    public JobsViewModel(FxJobs jobs) {
        this(jobs.jobs());
    }

    /** @param jobs the entries to show (e.g. {@link FxJobs#jobs()}); the list is edited by "Clear finished" */
    public JobsViewModel(ObservableList<JobEntry> jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        // states change in place, so each entry's state also invalidates the binding (see watch)
        this.hasFinished = Bindings.createBooleanBinding(
                () -> jobs.stream().anyMatch(e -> e.state().finished()), jobs);
        jobs.forEach(this::watch);
        jobs.addListener((javafx.collections.ListChangeListener<JobEntry>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
        });
    }

    private void watch(JobEntry entry) {
        entry.stateProperty().addListener((obs, old, now) -> hasFinished.invalidate());
    }

    /** @return the jobs, newest first */
    public ObservableList<JobEntry> jobs() {
        return jobs;
    }

    /** @return true while at least one listed job has finished (enables "Clear finished") */
    public BooleanBinding hasFinishedProperty() {
        return hasFinished;
    }

    /** @param entry the job to cancel; a finished one is ignored */
    public void cancel(JobEntry entry) {
        entry.cancel();
    }

    /** Removes the finished jobs from the list; running ones stay. */
    public void clearFinished() {
        jobs.removeIf(e -> e.state().finished());
    }

    /** @return {@code m:ss} (minutes may exceed 59), e.g. {@code 0:07}, {@code 12:30}; empty for null */
    public static String formatElapsed(Duration elapsed) {
        if (elapsed == null) {
            return "";
        }
        long seconds = Math.max(0, elapsed.toSeconds());
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
