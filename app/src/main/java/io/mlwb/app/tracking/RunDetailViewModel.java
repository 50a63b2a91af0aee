package io.mlwb.app.tracking;

import io.mlwb.app.charts.MetricChart;
import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.tracking.MetricAxis;
import io.mlwb.tracking.RunDetails;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The state of a run's detail editor: the run's overview, metric series (training and evaluation series apart from
 * the system ones), artifacts, checkpoints, audit trail and note, read together as one job through
 * {@link RunDetails}, and read again when the catalog says the run changed. The metric charts' settings (x axis,
 * smoothing, log scale, which metrics) live here. Commands run as jobs: save the note, check the run's commit out,
 * resume from the last checkpoint, open, reveal and export artifacts. Use on the FX thread.
 */
public final class RunDetailViewModel {
    /** Where a run's commit is checked out. */
    public enum CheckoutMode {
        /** A new branch in the project's work tree (refused while it is dirty). */
        BRANCH,
        /** A new branch in a new linked worktree folder. */
        WORKTREE
    }

    /** The system's file viewer; called on a background thread. */
    public interface Desktop {
        /**
         * @param file a file to open with its default application
         * @throws IOException when it cannot be opened
         */
        void open(Path file) throws IOException;

        /**
         * @param file a file to show in its folder
         * @throws IOException when the folder cannot be opened
         */
        void reveal(Path file) throws IOException;
    }

    /** Everything read in one go. */
    record Snapshot(RunDetails.Overview overview, List<MetricSeries> series, List<RunFiles.Artifact> artifacts,
                    List<RunFiles.Checkpoint> checkpoints, List<AuditEntry> audit) {
    }

    private final long runId;
    private final RunDetails details;
    private final TrainingService training;
    private final GitRepo repo;
    private final Path root;
    private final UiJobs jobs;
    private final Desktop desktop;
    private final String actor = System.getProperty("user.name", "unknown");
    private final ReadOnlyObjectWrapper<RunDetails.Overview> overview = new ReadOnlyObjectWrapper<>(this, "overview");
    private final ObservableList<MetricSeries> metrics = FXCollections.observableArrayList();
    private final ObservableList<MetricSeries> system = FXCollections.observableArrayList();
    private final ObservableSet<String> hidden = FXCollections.observableSet();
    private final ObservableList<RunFiles.Artifact> artifacts = FXCollections.observableArrayList();
    private final ObservableList<RunFiles.Checkpoint> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> audit = FXCollections.observableArrayList();
    private final ObjectProperty<MetricAxis> axis = new SimpleObjectProperty<>(this, "axis", MetricAxis.STEP);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing",
            MetricChart.DEFAULT_SMOOTHING);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final ReadOnlyStringWrapper savedNote = new ReadOnlyStringWrapper(this, "savedNote", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<JobHandle> export = new ReadOnlyObjectWrapper<>(this, "export");
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(this, "exportProgress", 0);
    private final BooleanBinding noteDirty;
    private boolean pending;
    private LongConsumer openTraining = id -> { };

    /**
     * @param runId    the run
     * @param details  the project's run details, or null (nothing to show; {@code why} says why)
     * @param training the project's training service (for Resume), or null
     * @param repo     the project's repository (for Check out), or null
     * @param root     the project's root (artifact paths are relative to it)
     * @param jobs     where reads and commands run
     * @param desktop  the system's file viewer
     * @param why      why there is nothing to show, or null
     */
    public RunDetailViewModel(long runId, RunDetails details, TrainingService training, GitRepo repo, Path root,
                              UiJobs jobs, Desktop desktop, String why) {
        this.runId = runId;
        this.details = details;
        this.training = training;
        this.repo = repo;
        this.root = root;
        this.jobs = jobs;
        this.desktop = desktop;
        if (why != null) {
            message.set(why);
        }
        noteDirty = Bindings.createBooleanBinding(() -> !norm(note.get()).equals(norm(savedNote.get())), note,
                savedNote);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip();
    }

    /** @param open opens the live Training pane on a run (by id) */
    public void setOpenTraining(LongConsumer open) {
        openTraining = open;
    }

    /** @return the run's id */
    public long runId() {
        return runId;
    }

    /** @return the project's root */
    public Path root() {
        return root;
    }

    /** @return the overview, null until read */
    public ReadOnlyObjectProperty<RunDetails.Overview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** @return the training and evaluation series, by name */
    public ObservableList<MetricSeries> metrics() {
        return metrics;
    }

    /** @return the system (telemetry) series, by name */
    public ObservableList<MetricSeries> system() {
        return system;
    }

    /** @return the metrics left out of the charts */
    public ObservableSet<String> hidden() {
        return hidden;
    }

    /** @return the artifacts */
    public ObservableList<RunFiles.Artifact> artifacts() {
        return artifacts;
    }

    /** @return the checkpoints, by step */
    public ObservableList<RunFiles.Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** @return the audit trail, newest first */
    public ObservableList<AuditEntry> audit() {
        return audit;
    }

    /** @return the charts' x axis */
    public ObjectProperty<MetricAxis> axisProperty() {
        return axis;
    }

    /** @return the charts' smoothing weight (default 0.6) */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** @return whether the charts' y axes are logarithmic */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** @return the note as edited */
    public StringProperty noteProperty() {
        return note;
    }

    /** @return the note as stored */
    public ReadOnlyStringProperty savedNoteProperty() {
        return savedNote.getReadOnlyProperty();
    }

    /** @return whether the edited note differs from the stored one */
    public BooleanBinding noteDirtyBinding() {
        return noteDirty;
    }

    /** @return a line about the last command or what went wrong */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether a read is under way */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return the export under way (cancel it through the handle), or null */
    public ReadOnlyObjectProperty<JobHandle> exportProperty() {
        return export.getReadOnlyProperty();
    }

    /** @return how far the export under way got, 0 to 1 */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    /** Reads everything about the run (again). A call while a read runs reads once more after it. */
    public void refresh() {
        if (details == null) {
            return;
        }
        if (busy.get()) {
            pending = true;
            return;
        }
        busy.set(true);
        jobs.run(Messages.format("run.detail.job.read", runId), p -> new Snapshot(details.overview(runId),
                details.series(runId), details.artifacts(runId), details.checkpoints(runId), details.audit(runId)),
                this::show, e -> {
                    busy.set(false);
                    message.set(text(e));
                    again();
                });
    }

    private void again() {
        if (pending) {
            pending = false;
            refresh();
        }
    }

    private void show(Snapshot s) {
        busy.set(false);
        boolean keepEdit = noteDirty.get();
        overview.set(s.overview());
        List<MetricSeries> train = new ArrayList<>();
        List<MetricSeries> sys = new ArrayList<>();
        for (MetricSeries m : s.series()) {
            (m.kind() == MetricKind.SYSTEM ? sys : train).add(m);
        }
        metrics.setAll(train);
        system.setAll(sys);
        artifacts.setAll(s.artifacts());
        checkpoints.setAll(s.checkpoints());
        audit.setAll(s.audit());
        savedNote.set(s.overview().note());
        if (!keepEdit) {
            note.set(s.overview().note());
        }
        again();
    }

    /**
     * Reads again when a batch of catalog changes concerns this run (its row, tags, metrics, or the audit log).
     *
     * @param batch the changes
     */
    public void onCatalogChange(List<CatalogEvent> batch) {
        for (CatalogEvent e : batch) {
            boolean mine = e instanceof CatalogEvent.RunUpdated u && u.runId() == runId
                    || e instanceof CatalogEvent.RunDeleted d && d.runId() == runId
                    || e instanceof CatalogEvent.MetricsAppended m && m.runId() == runId
                    || e instanceof CatalogEvent.AuditAppended
                    || e instanceof CatalogEvent.ChangesMissed;
            if (mine) {
                refresh();
                return;
            }
        }
    }

    /**
     * A series as a chart line on the chosen x axis.
     *
     * @param s a series of this run
     * @return its line, labelled with its name
     */
    public MetricChart.Line line(MetricSeries s) {
        RunDetails.Overview o = overview.get();
        long spe = 0;
        Long start = null;
        if (o != null) {
            try {
                spe = Long.parseLong(o.run().params().getOrDefault("steps_per_epoch", "0"));
            } catch (NumberFormatException e) {
                spe = 0;
            }
            start = o.run().startMs();
        }
        double[][] p = axis.get().points(s, spe, start);
        return new MetricChart.Line(s.name(), p[0], p[1]);
    }

    /** @return the x axis' label for training series */
    public String axisLabel() {
        return Messages.get("run.detail.axis." + axis.get().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Saves the edited note (an empty one removes it). */
    public void saveNote() {
        if (details == null) {
            return;
        }
        String text = note.get();
        jobs.run(Messages.format("run.detail.job.note", runId), p -> details.setNote(runId, text, actor), changed -> {
            message.set(Messages.get(changed ? "run.detail.note.saved" : "run.detail.note.same"));
            refresh();
        }, e -> message.set(text(e)));
    }

    /** @return a branch name for checking out the run's commit: {@code run-ID-SHORTSHA} */
    public String suggestedBranch() {
        RunDetails.Overview o = overview.get();
        String sha = o == null || o.record().commitSha() == null ? "" : o.record().commitSha();
        return "run-" + runId + (sha.length() >= 7 ? "-" + sha.substring(0, 7) : "");
    }

    /** @return whether the run's commit is known and there is a repository to check it out in */
    public boolean canCheckout() {
        RunDetails.Overview o = overview.get();
        return repo != null && o != null && o.record().commitSha() != null;
    }

    /**
     * Checks the run's commit out on a new branch, in the work tree or a new worktree, as a job.
     *
     * @param mode   where
     * @param branch the new branch's name
     * @param folder the new worktree's folder (for {@link CheckoutMode#WORKTREE})
     */
    public void checkout(CheckoutMode mode, String branch, Path folder) {
        if (!canCheckout()) {
            message.set(Messages.get("run.detail.checkout.unavailable"));
            return;
        }
        String sha = overview.get().record().commitSha();
        jobs.run(Messages.format("run.detail.job.checkout", sha.substring(0, Math.min(7, sha.length()))), p ->
                details.checkout(runId, repo, mode == CheckoutMode.WORKTREE, branch, folder, actor),
                (CommitInfo c) -> message.set(
                mode == CheckoutMode.BRANCH ? Messages.format("run.detail.checkout.branchDone", c.shortSha(), branch)
                        : Messages.format("run.detail.checkout.worktreeDone", c.shortSha(), branch, folder)),
                e -> message.set(text(e)));
    }

    /**
     * @param c a checkpoint of this run
     * @return whether Resume can start from it: the run is stopped, failed or interrupted and this is its last
     *     checkpoint (the training service resumes from the last one)
     */
    public boolean canResume(RunFiles.Checkpoint c) {
        RunDetails.Overview o = overview.get();
        if (training == null || o == null || c == null || checkpoints.isEmpty()) {
            return false;
        }
        Set<String> resumable = Set.of("stopped", "failed", "interrupted");
        return resumable.contains(o.run().status()) && c.id() == latest().id();
    }

    private RunFiles.Checkpoint latest() {
        RunFiles.Checkpoint best = checkpoints.get(0);
        for (RunFiles.Checkpoint c : checkpoints) {
            long a = c.step() == null ? -1 : c.step();
            long b = best.step() == null ? -1 : best.step();
            if (a > b || a == b && c.id() > best.id()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * @param c a checkpoint
     * @return why Resume cannot start from it, or null when it can
     */
    public String whyNotResume(RunFiles.Checkpoint c) {
        if (canResume(c)) {
            return null;
        }
        RunDetails.Overview o = overview.get();
        if (training == null || o == null) {
            return Messages.get("run.detail.resume.noTraining");
        }
        if (!Set.of("stopped", "failed", "interrupted").contains(o.run().status())) {
            return Messages.format("run.detail.resume.status", o.run().status());
        }
        return Messages.format("run.detail.resume.notLast", latest().epoch());
    }

    /**
     * Resumes the run from its last checkpoint as a job, through the training service (what {@code mlwb train
     * --resume RUN} does), and opens the live Training pane on it.
     *
     * @param c the checkpoint chosen (must be the last one)
     */
    public void resume(RunFiles.Checkpoint c) {
        String why = whyNotResume(c);
        if (why != null) {
            message.set(why);
            return;
        }
        message.set(Messages.format("run.detail.resume.started", runId, c.epoch()));
        jobs.run(Messages.format("run.detail.job.resume", runId), p -> training.train(TrainRequest.resume(runId),
                null, null, p), r -> {
                    message.set(Messages.format("run.detail.resume.done", runId, r.status().dbValue()));
                    refresh();
                }, e -> message.set(text(e)));
        openTraining.accept(runId);
    }

    /**
     * @param c a checkpoint
     * @return why a new run cannot start from it, or null when it can
     */
    public String whyNotFork(RunFiles.Checkpoint c) {
        if (training == null || overview.get() == null) {
            return Messages.get("run.detail.resume.noTraining");
        }
        if (!java.nio.file.Files.isRegularFile(root.resolve(c.path()))) {
            return Messages.get("run.detail.fork.gone");
        }
        return null;
    }

    /**
     * Starts a new run from a checkpoint of this one, as a job (the run's spec with {@code overrides}, its weights and
     * optimizer state at that epoch; what {@code mlwb train --resume RUN --from-checkpoint ID} does), and opens the
     * live Training pane on the new run once it is recorded.
     *
     * @param c         the checkpoint
     * @param overrides {@code key=value} spec overrides for the new run, separated by spaces or commas; blank for none
     */
    public void fork(RunFiles.Checkpoint c, String overrides) {
        String why = whyNotFork(c);
        if (why != null) {
            message.set(why);
            return;
        }
        List<String> sets = overrides == null || overrides.isBlank() ? List.of()
                : java.util.Arrays.stream(overrides.strip().split("[\\s,]+")).filter(x -> !x.isBlank()).toList();
        message.set(Messages.format("run.detail.fork.started", runId, c.epoch()));
        jobs.run(Messages.format("run.detail.job.fork", runId, c.epoch()), p -> training.train(
                TrainRequest.fromCheckpoint(runId, c.id(), sets), null, null, p), r -> {
                    message.set(Messages.format("run.detail.fork.done", r.runId(), r.status().dbValue()));
                    if (r.runId() != null) {
                        openTraining.accept(r.runId());
                    }
                }, e -> message.set(text(e)));
    }

    /** Opens the live Training pane on this run. */
    public void openTraining() {
        openTraining.accept(runId);
    }

    /**
     * @param a an artifact
     * @return its file
     * @throws UserError when it is not a local file
     */
    public Path file(RunFiles.Artifact a) {
        return RunDetails.localFile(root, a.path());
    }

    /** @param a an artifact to open with the system's viewer, in the background */
    public void open(RunFiles.Artifact a) {
        jobs.run(Messages.format("run.detail.job.open", a.path()), p -> {
            Path f = existing(a);
            try {
                desktop.open(f);
            } catch (IOException e) {
                throw new UserError("cannot open " + f + ": " + e.getMessage(),
                        "Open it from the file manager; the path is " + f + ".");
            }
            return f;
        }, f -> message.set(Messages.format("run.detail.artifact.opened", f)), e -> message.set(text(e)));
    }

    /** @param a an artifact whose folder to open, in the background */
    public void reveal(RunFiles.Artifact a) {
        jobs.run(Messages.format("run.detail.job.reveal", a.path()), p -> {
            Path f = existing(a);
            try {
                desktop.reveal(f);
            } catch (IOException e) {
                throw new UserError("cannot show the folder of " + f + ": " + e.getMessage(),
                        "Open it from the file manager; the path is " + f + ".");
            }
            return f;
        }, f -> message.set(Messages.format("run.detail.artifact.revealed", f)), e -> message.set(text(e)));
    }

    private Path existing(RunFiles.Artifact a) {
        Path f = file(a);
        if (!java.nio.file.Files.exists(f)) {
            throw new UserError("artifact " + a.path() + " is missing (" + f + ")",
                    "It may have been deleted; train the run again to get it back.");
        }
        return f;
    }

    /**
     * Copies artifacts into a folder as a job with progress and cancel ({@link #exportProperty()}).
     *
     * @param chosen the artifacts
     * @param folder the folder
     */
    public void export(List<RunFiles.Artifact> chosen, Path folder) {
        if (chosen.isEmpty() || export.get() != null) {
            return;
        }
        List<String> paths = chosen.stream().map(RunFiles.Artifact::path).toList();
        exportProgress.set(0);
        export.set(jobs.run(Messages.format("run.detail.job.export", paths.size(), folder), p ->
                RunDetails.exportArtifacts(paths, root, folder, new Progress() {
                    private double shown;

                    @Override
                    public void report(double fraction, String what) {
                        p.report(fraction, what);
                        if (fraction >= shown + 0.01 || fraction >= 1) {
                            shown = fraction;
                            Platform.runLater(() -> exportProgress.set(fraction));
                        }
                    }

                    @Override
                    public boolean cancelled() {
                        return p.cancelled();
                    }
                }), written -> {
                    export.set(null);
                    message.set(Messages.format("run.detail.export.done", written.size(), folder));
                }, e -> {
                    export.set(null);
                    message.set(e instanceof Cancelled ? Messages.get("run.detail.export.cancelled") : text(e));
                }));
        if (export.get() != null && export.get().done()) {
            export.set(null); // an inline runner finished before the handle came back
        }
    }

    private static String text(Throwable e) {
        return UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage()));
    }
}
