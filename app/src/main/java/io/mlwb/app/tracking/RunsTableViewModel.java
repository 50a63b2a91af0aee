package io.mlwb.app.tracking;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs table's state: the filter (the tracking query language), whether soft-deleted runs show, the runs, the
 * columns offered (every param, tag and metric of the runs) and chosen, and the commands on a selection (delete,
 * restore, tag). Reads and writes run as jobs through {@link TrackingService}. Use on the FX thread.
 */
public final class RunsTableViewModel {
    private final TrackingService service;
    private final UiJobs jobs;
    private final String actor = System.getProperty("user.name", "unknown");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showDeleted = new SimpleBooleanProperty(this, "showDeleted", false);
    private final ObservableList<TrackedRun> runs = FXCollections.observableArrayList();
    private final ObservableList<String> available = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);

    /**
     * @param service the project's tracking service, or null (nothing to show; the message says why)
     * @param jobs    where reads and writes run
     * @param why     why there is no service, or null
     */
    public RunsTableViewModel(TrackingService service, UiJobs jobs, String why) {
        this.service = service;
        this.jobs = jobs;
        if (why != null) {
            message.set(why);
        }
    }

    /** @return the filter as typed */
    public StringProperty filterProperty() {
        return filter;
    }

    /** @return whether soft-deleted runs are listed */
    public BooleanProperty showDeletedProperty() {
        return showDeleted;
    }

    /** @return the runs shown */
    public ObservableList<TrackedRun> runs() {
        return runs;
    }

    /** @return every column that can be added */
    public ObservableList<String> available() {
        return available;
    }

    /** @return the columns added, in order */
    public ObservableList<String> chosen() {
        return chosen;
    }

    /** @return a line about the list or what went wrong */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether a read or write is under way */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads the runs matching the filter. */
    public void refresh() {
        if (service == null || busy.get()) {
            return;
        }
        String q = filter.get();
        boolean deleted = showDeleted.get();
        busy.set(true);
        jobs.run(Messages.get("tracking.job.list"), p -> service.list(q, deleted), list -> {
            busy.set(false);
            runs.setAll(list);
            TreeSet<String> cols = new TreeSet<>();
            for (TrackedRun r : list) {
                r.latest().keySet().forEach(k -> cols.add("metrics." + k));
                r.params().keySet().forEach(k -> cols.add("params." + k));
                r.tags().keySet().forEach(k -> cols.add("tags." + k));
            }
            available.setAll(cols);
            message.set(Messages.format("tracking.count", list.size()));
        }, e -> {
            busy.set(false);
            message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
        });
    }

    /**
     * @param column a column of {@link #available()}
     * @param on     add or remove it
     */
    public void choose(String column, boolean on) {
        if (on && !chosen.contains(column)) {
            chosen.add(column);
        } else if (!on) {
            chosen.remove(column);
        }
    }

    /**
     * Soft-deletes or restores runs, then reads the list again.
     *
     * @param ids     the runs
     * @param deleted delete or restore
     */
    public void setDeleted(List<Long> ids, boolean deleted) {
        if (service == null || ids.isEmpty()) {
            return;
        }
        List<Long> copy = new ArrayList<>(ids);
        jobs.run(Messages.get(deleted ? "tracking.job.delete" : "tracking.job.restore"),
                p -> service.setDeleted(copy, deleted, actor), n -> refresh(), e -> message.set(String.valueOf(
                        e.getMessage())));
    }

    /**
     * Tags runs, then reads the list again.
     *
     * @param ids   the runs
     * @param key   the tag
     * @param value its value, or null
     */
    public void tag(List<Long> ids, String key, String value) {
        if (service == null || ids.isEmpty()) {
            return;
        }
        List<Long> copy = new ArrayList<>(ids);
        jobs.run(Messages.get("tracking.job.tag"), p -> {
            service.tag(copy, key, value, actor);
            return copy.size();
        }, n -> refresh(), e -> message.set(UserError.find(e).map(UserError::getMessage)
                .orElse(String.valueOf(e.getMessage()))));
    }
}
