package io.mlwb.app.dataset;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.job.Cancelled;
import io.mlwb.data.history.CompareRequest;
import io.mlwb.data.history.DatasetVersion;
import io.mlwb.data.history.DiffResult;
import io.mlwb.data.history.ProfileRequest;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.StatDelta;
import io.mlwb.data.history.TypeChange;
import io.mlwb.data.report.DatasetFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab of a Dataset pane: the file's versions over git history (the working copy first when it differs
 * from HEAD) and the diff of two chosen versions (columns added and removed, type changes, changed statistics). Both
 * come from {@link ProfileService} ({@code versions}, {@code compare}), as {@code mlwb profile --compare} does; a
 * failed job leaves its message in {@link #messageProperty()} (the job runner reports it).
 */
public final class DatasetHistoryViewModel {
    /** The most committed versions listed. */
    static final int LIMIT = 100;

    private final ProfileService service;
    private final DatasetSource source;
    private final UiJobs jobs;
    private final ObservableList<DatasetVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetVersion> before = new SimpleObjectProperty<>(this, "before");
    private final ObjectProperty<DatasetVersion> after = new SimpleObjectProperty<>(this, "after");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<String> schemaChanges = FXCollections.observableArrayList();
    private final ObservableList<TypeChange> typeChanges = FXCollections.observableArrayList();
    private final ObservableList<StatDelta> deltas = FXCollections.observableArrayList();
    private boolean loaded;

    /**
     * @param service lists and compares the versions (the open project's)
     * @param source  the dataset: its file and read options
     * @param jobs    where listing and comparing run
     */
    public DatasetHistoryViewModel(ProfileService service, DatasetSource source, UiJobs jobs) {
        this.service = Objects.requireNonNull(service, "service");
        this.source = Objects.requireNonNull(source, "source");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Lists the versions once (later calls do nothing); chooses the two newest for comparison. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        reload();
    }

    /** Lists the versions again. */
    public void reload() {
        Path file = source.file();
        if (file == null || !service.hasHistory(file)) {
            message.set(Messages.get("dataset.history.noRepo"));
            return;
        }
        busy.set(true);
        message.set(Messages.get("dataset.history.listing"));
        jobs.run(Messages.format("dataset.job.versions", file.getFileName()),
                p -> service.versions(file, LIMIT), list -> {
                    busy.set(false);
                    versions.setAll(list);
                    after.set(list.isEmpty() ? null : list.get(0));
                    before.set(list.size() < 2 ? null : list.get(1));
                    message.set(list.size() < 2 ? Messages.get("dataset.history.single") : "");
                }, e -> {
                    busy.set(false);
                    message.set(e instanceof Cancelled ? "" : String.valueOf(e.getMessage()));
                });
    }

    /** Profiles the two chosen versions and shows their differences; does nothing unless two are chosen. */
    public void compare() {
        DatasetVersion a = before.get();
        DatasetVersion b = after.get();
        if (a == null || b == null || busy.get()) {
            return;
        }
        busy.set(true);
        message.set(Messages.get("dataset.history.comparing"));
        CompareRequest request = new CompareRequest(source.file(), source.title(), source.options(), a.commitSha(),
                b.commitSha(), ProfileRequest.DEFAULT_BINS);
        jobs.run(Messages.format("dataset.job.compare", source.file().getFileName()),
                p -> service.compare(request, p), c -> {
                    busy.set(false);
                    message.set("");
                    show(c.diff());
                }, e -> {
                    busy.set(false);
                    message.set(e instanceof Cancelled ? Messages.get("dataset.history.cancelled")
                            : String.valueOf(e.getMessage()));
                });
    }

    private void show(DiffResult d) {
        summary.set(Messages.format("dataset.history.rows", DatasetFormat.count(d.rowsBefore()),
                DatasetFormat.count(d.rowsAfter())));
        List<String> schema = new ArrayList<>();
        d.added().forEach(c -> schema.add(Messages.format("dataset.history.added", c)));
        d.removed().forEach(c -> schema.add(Messages.format("dataset.history.removed", c)));
        schemaChanges.setAll(schema);
        typeChanges.setAll(d.typeChanges());
        deltas.setAll(d.changed());
    }

    /** @return the file's versions, newest first */
    public ObservableList<DatasetVersion> versions() {
        return versions;
    }

    /** @return the earlier version to compare */
    public ObjectProperty<DatasetVersion> beforeProperty() {
        return before;
    }

    /** @return the later version to compare */
    public ObjectProperty<DatasetVersion> afterProperty() {
        return after;
    }

    /** @return true while listing or comparing */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return a status line (listing, comparing, no repository, a failure); empty when none */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the row counts of the two versions, after a comparison */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return columns added and removed, one sentence each */
    public ObservableList<String> schemaChanges() {
        return schemaChanges;
    }

    /** @return columns whose type changed */
    public ObservableList<TypeChange> typeChanges() {
        return typeChanges;
    }

    /** @return the statistics that changed */
    public ObservableList<StatDelta> deltas() {
        return deltas;
    }

    /** @return a version as one line: short id, date and message */
    public static String describe(DatasetVersion v) {
        return v == null ? "" : v.shortSha() + "  " + v.time().toString().substring(0, 10) + "  " + v.message();
    }
}
