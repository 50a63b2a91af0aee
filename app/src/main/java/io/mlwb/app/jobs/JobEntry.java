package io.mlwb.app.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the Jobs tool window: a running or recently finished job. Its properties change on the FX thread only
 * ({@link FxJobs} updates them there); {@link #cancel()} may be called from any thread.
 */
public final class JobEntry {
    private final String title;
    private final Instant started;
    private final Runnable canceller;
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>(this, "state", JobState.RUNNING);
    private final ObjectProperty<Duration> elapsed = new SimpleObjectProperty<>(this, "elapsed", Duration.ZERO);

    /**
     * @param title     what the job does, e.g. "Profiling train.csv"
     * @param started   when it was started
     * @param canceller asks the job to stop (called by {@link #cancel()} while it runs)
     */
    public JobEntry(String title, Instant started, Runnable canceller) {
        this.title = Objects.requireNonNull(title, "title");
        this.started = Objects.requireNonNull(started, "started");
        this.canceller = Objects.requireNonNull(canceller, "canceller");
    }

    /** @return what the job does */
    public String title() {
        return title;
    }

    /** @return when the job was started */
    public Instant started() {
        return started;
    }

    /** @return 0..1, or -1 while the total is unknown (an indeterminate bar) */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** @return the job's latest step description; empty when it reported none */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** @return running, succeeded, failed or cancelled */
    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state;
    }

    /** @return the current state */
    public JobState state() {
        return state.get();
    }

    /** @return how long the job has run (updated about once a second while it runs; final once it ended) */
    public ReadOnlyObjectProperty<Duration> elapsedProperty() {
        return elapsed;
    }

    /** Asks the job to stop; ignored once it finished. Safe from any thread. */
    public void cancel() {
        if (!state.get().finished()) {
            canceller.run();
        }
    }

    void setProgress(double value) {
        progress.set(value < 0 ? -1 : Math.min(1, value));
    }

    void setMessage(String value) {
        message.set(value == null ? "" : value);
    }

    void setState(JobState value) {
        state.set(value);
    }

    void setElapsed(Duration value) {
        elapsed.set(value);
    }

    @Override
    public String toString() {
        return title + " (" + state.get() + ")";
    }
}
