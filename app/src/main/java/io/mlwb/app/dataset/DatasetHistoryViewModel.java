package io.mlwb.app.dataset;

import io.mlwb.data.report.DatasetFormat;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.data.history.DatasetVersion;
import io.mlwb.data.history.DatasetVersions;
import io.mlwb.data.history.DiffResult;
import io.mlwb.data.history.ProfileDiff;
import io.mlwb.data.history.StatDelta;
import io.mlwb.data.history.TypeChange;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
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
 * from HEAD) and the diff of two chosen versions (columns added and removed, type changes, changed statistics).
 * Each chosen version is written to a temporary file, read and profiled (without correlations) in one job.
 */
public final class DatasetHistoryViewModel {
    /** The most committed versions listed. */
    static final int LIMIT = 100;

    private final GitRepo repo;
    private final Path file;
    private final ReadOptions options;
    private final UiJobs jobs;
    private final ErrorReporter errors;
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
     * @param repo    the project's repository, or null when there is none (the tab then says so)
     * @param file    the dataset's file, absolute
     * @param options how to read every version
     * @param jobs    where listing and comparing run
     * @param errors  where failures go
     */
    public DatasetHistoryViewModel(GitRepo repo, Path file, ReadOptions options, UiJobs jobs, ErrorReporter errors) {
        this.repo = repo;
        this.file = file;
        this.options = Objects.requireNonNull(options, "options");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.errors = Objects.requireNonNull(errors, "errors");
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
        Optional<String> relative = relativePath();
        if (relative.isEmpty()) {
            message.set(Messages.get("dataset.history.noRepo"));
            return;
        }
        busy.set(true);
        message.set(Messages.get("dataset.history.listing"));
        jobs.run(Messages.format("dataset.job.versions", file.getFileName()),
                p -> new DatasetVersions().versions(repo, relative.get(), LIMIT), list -> {
                    busy.set(false);
                    versions.setAll(list);
                    after.set(list.isEmpty() ? null : list.get(0));
                    before.set(list.size() < 2 ? null : list.get(1));
                    message.set(list.size() < 2 ? Messages.get("dataset.history.single") : "");
                }, e -> {
                    busy.set(false);
                    message.set(e instanceof Cancelled ? "" : String.valueOf(e.getMessage()));
                    if (!(e instanceof Cancelled)) {
                        errors.error(Messages.get("dataset.source"), e);
                    }
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
        jobs.run(Messages.format("dataset.job.compare", file.getFileName()), p -> diff(a, b, p), d -> {
            busy.set(false);
            message.set("");
            show(d);
        }, e -> {
            busy.set(false);
            if (e instanceof Cancelled) {
                message.set(Messages.get("dataset.history.cancelled"));
            } else {
                message.set(String.valueOf(e.getMessage()));
                errors.error(Messages.get("dataset.source"), e);
            }
        });
    }

    private DiffResult diff(DatasetVersion a, DatasetVersion b, Progress p) throws IOException {
        Path tmp = Files.createTempDirectory("mlwb-history");
        try {
            String beforeJson = profile(a, tmp, p);
            p.report(0.5, a.shortSha());
            String afterJson = profile(b, tmp, p);
            p.report(1, b.shortSha());
            return new ProfileDiff().diff(beforeJson, afterJson);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private String profile(DatasetVersion v, Path tmp, Progress p) {
        p.checkCancelled();
        // the working copy is read in place; a committed version is written out first
        Path bytes = v.workingTree() ? file : new DatasetVersions().materialize(repo, v, tmp);
        var table = new TableReader().read(bytes, options, Progress.NONE).table();
        p.checkCancelled();
        var profile = new Profiler().profile(table, new ProfileOptions(50, 10, Optional.empty(), false, 0),
                Progress.NONE);
        return ProfileJson.toJson(profile);
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

    private Optional<String> relativePath() {
        if (repo == null || file == null) {
            return Optional.empty();
        }
        Path root = repo.root().toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(root.relativize(f).toString().replace('\\', '/'));
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
