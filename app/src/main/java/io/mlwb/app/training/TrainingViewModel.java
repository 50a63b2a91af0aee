package io.mlwb.app.training;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.UserError;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingControl;
import io.mlwb.training.engine.TrainingService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Training pane's state: the project's specs, the run shown (started here, or any run picked in the Runs
 * section, also one a CLI process is training), Start/Pause/Resume/Stop, and the live chart data.
 *
 * <p>Training runs as a job of the window (listed in Jobs with progress and Cancel), so it goes on when the pane is
 * closed; its control lives in {@link #ACTIVE} and a reopened pane takes it back. Charts read the points the run
 * logged since the previous read (a {@link LiveFeed}) whenever catalog change events say its series grew, on a
 * background thread, at most a few times a second; the same path shows a run trained by another process.
 *
 * <p>Use on the FX thread.
 */
public final class TrainingViewModel {
    /** Runs training in this window, by run id, with their control (shared by every Training pane). */
    static final Map<Long, TrainingControl> ACTIVE = new ConcurrentHashMap<>();

    private static final Logger LOG = LoggerFactory.getLogger(TrainingViewModel.class);

    /** What the pane shows. */
    public enum State { IDLE, STARTING, RUNNING, PAUSED, FINISHED, STOPPED, FAILED }

    private final TrainingService service;
    private final Path root;
    private final UiJobs jobs;
    private final String unavailable;
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlwb-training-charts");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean inFlight = new AtomicBoolean();

    private final ObservableList<String> specs = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedSpec = new SimpleObjectProperty<>(this, "selectedSpec");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyObjectWrapper<Long> runId = new ReadOnlyObjectWrapper<>(this, "runId");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final ReadOnlyObjectWrapper<LiveFeed> feed = new ReadOnlyObjectWrapper<>(this, "feed");
    private final ObservableList<EpochRow> epochs = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper controllable =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "controllable", false);
    private final SpecFormModel form;
    private final SweepViewModel sweeps;
    private final ReadOnlyObjectWrapper<RunReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private JobHandle job;
    private volatile boolean disposed;

    /**
     * One row of the epoch table.
     *
     * @param epoch     the epoch
     * @param trainLoss mean training loss
     * @param valLoss   validation loss
     * @param metric    the validation metric shown (AUC or RMSE)
     * @param lr        learning rate
     * @param seconds   wall time
     */
    public record EpochRow(int epoch, double trainLoss, double valLoss, double metric, double lr, double seconds) {
    }

    /**
     * @param service the project's training service, or null when training is not possible here
     * @param root    the project root
     * @param jobs    where training runs
     * @param unavailable why there is no service (shown), or null
     */
    public TrainingViewModel(TrainingService service, Path root, UiJobs jobs, String unavailable) {
        this(service, null, root, null, jobs, unavailable);
    }

    /**
     * @param service     the project's training service, or null when training is not possible here
     * @param sweeps      the project's sweep service, or null
     * @param root        the project root
     * @param config      the project's configuration (for the spec form), or null
     * @param jobs        where training runs
     * @param unavailable why there is no service (shown), or null
     */
    public TrainingViewModel(TrainingService service, io.mlwb.training.engine.SweepService sweeps, Path root,
                             io.mlwb.core.project.ProjectConfig config, UiJobs jobs, String unavailable) {
        this.form = new SpecFormModel(root, config);
        this.sweeps = new SweepViewModel(sweeps, root, jobs);
        selectedSpec.addListener((o, a, b) -> form.load(b));
        this.service = service;
        this.root = root;
        this.jobs = jobs;
        this.unavailable = unavailable;
        if (unavailable != null) {
            message.set(unavailable);
        }
    }

    /** @return the specs under {@code training/}, relative to the project root */
    public ObservableList<String> specs() {
        return specs;
    }

    /** @return the spec Start trains */
    public ObjectProperty<String> selectedSpecProperty() {
        return selectedSpec;
    }

    /** @return the end-of-run evaluation and explanations of the run shown, or null while it has none */
    public ReadOnlyObjectProperty<RunReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /**
     * The files a finished run leaves for its end-of-run views.
     *
     * @param runId       the run
     * @param evaluation  {@code evaluation.json}, or null
     * @param explanation {@code explanation.json}, or null
     */
    public record RunReport(long runId, com.fasterxml.jackson.databind.JsonNode evaluation,
                            com.fasterxml.jackson.databind.JsonNode explanation) {
    }

    /** @return the sweep tab's state */
    public SweepViewModel sweeps() {
        return sweeps;
    }

    /** @return the spec form of the selected spec */
    public SpecFormModel form() {
        return form;
    }

    /** @return what the pane shows */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return the run shown, or null */
    public ReadOnlyObjectProperty<Long> runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    /** @return a line about the run or what went wrong */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the final metrics, once the run ended */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return the loss smoothing weight, 0 to 0.99 */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /**
     * @return the live chart lines of the run shown (a new feed when another run is shown; null before any); the
     *         view draws each feed's lines in its charts
     */
    public ReadOnlyObjectProperty<LiveFeed> feedProperty() {
        return feed.getReadOnlyProperty();
    }

    /** @return the epochs of the run shown */
    public ObservableList<EpochRow> epochs() {
        return epochs;
    }

    /** @return whether the run shown trains in this window (so Pause and Stop apply to it) */
    public javafx.beans.property.ReadOnlyBooleanProperty controllableProperty() {
        return controllable.getReadOnlyProperty();
    }

    /** @return whether training can start here */
    public boolean available() {
        return service != null;
    }

    /** Lists the specs (on the caller's thread: a folder listing). */
    public void refreshSpecs() {
        List<String> found = new ArrayList<>();
        Path dir = root.resolve("training");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted()
                        .forEach(p -> found.add(root.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                message.set(Messages.format("training.specs.unreadable", e.getMessage()));
            }
        }
        specs.setAll(found);
        sweeps.refresh();
        if (selectedSpec.get() == null || !found.contains(selectedSpec.get())) {
            selectedSpec.set(found.isEmpty() ? null : found.get(0));
        }
    }

    /** Starts training the selected spec as a job. */
    public void start() {
        if (service == null || selectedSpec.get() == null || job != null) {
            return;
        }
        String spec = selectedSpec.get();
        TrainingControl control = new TrainingControl();
        state.set(State.STARTING);
        message.set(Messages.format("training.starting", spec));
        summary.set("");
        epochs.clear();
        feed.set(null);
        long before = latestRunId();
        job = jobs.run(Messages.format("training.job", spec), p -> {
            // the run id is known once the service recorded it; watch for it to register the control
            Thread watcher = new Thread(() -> registerWhenRecorded(before, control), "mlwb-training-watch");
            watcher.setDaemon(true);
            watcher.start();
            try {
                return service.train(TrainRequest.spec(Path.of(spec), List.of()), null, control, p);
            } finally {
                watcher.interrupt();
            }
        }, this::finished, this::failed);
    }

    private void registerWhenRecorded(long before, TrainingControl control) {
        try {
            for (int i = 0; i < 600 && !Thread.currentThread().isInterrupted(); i++) {
                long latest = latestRunId();
                if (latest > before) {
                    ACTIVE.put(latest, control);
                    Platform.runLater(() -> show(latest));
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long latestRunId() {
        if (service == null) {
            return 0;
        }
        try {
            return service.latestRunId();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void finished(TrainResult r) {
        job = null;
        controllable.set(false);
        if (r.runId() != null) {
            ACTIVE.remove(r.runId());
            runId.set(r.runId());
        }
        state.set(r.status() == RunStatus.FINISHED ? State.FINISHED : State.STOPPED);
        summary.set(summaryOf(r));
        message.set(Messages.format("training.ended", r.runId() == null ? "-" : r.runId(), r.end(), r.epochs(),
                r.bestEpoch()));
        requestRefresh();
    }

    private void failed(Throwable e) {
        job = null;
        controllable.set(false);
        Long id = runId.get();
        if (id != null) {
            ACTIVE.remove(id);
        }
        state.set(State.FAILED);
        message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
        requestRefresh();
    }

    static String summaryOf(TrainResult r) {
        StringBuilder sb = new StringBuilder();
        r.metrics().forEach((split, m) -> {
            sb.append(split).append(':');
            m.forEach((k, v) -> {
                if (!k.equals("rows")) {
                    sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v));
                }
            });
            sb.append('\n');
        });
        return sb.toString().trim();
    }

    /** Pauses the run shown, when it trains in this window. */
    public void pause() {
        control().ifPresent(c -> {
            c.pause();
            state.set(State.PAUSED);
        });
    }

    /** Lets a paused run go on; for a stopped or interrupted run, resumes it from its last checkpoint as a job. */
    public void resume() {
        Optional<TrainingControl> c = control();
        if (c.isPresent()) {
            c.get().resume();
            state.set(State.RUNNING);
            return;
        }
        Long id = runId.get();
        if (service == null || id == null || job != null) {
            return;
        }
        TrainingControl control = new TrainingControl();
        ACTIVE.put(id, control);
        controllable.set(true);
        state.set(State.RUNNING);
        message.set(Messages.format("training.resuming", id));
        job = jobs.run(Messages.format("training.job.resume", id),
                p -> service.train(TrainRequest.resume(id), null, control, p), this::finished, this::failed);
    }

    /** Stops the run shown after its current batch (it stays resumable from its last checkpoint). */
    public void stop() {
        control().ifPresent(TrainingControl::stop);
    }

    private Optional<TrainingControl> control() {
        Long id = runId.get();
        return id == null ? Optional.empty() : Optional.ofNullable(ACTIVE.get(id));
    }

    /**
     * Shows a run: its charts and epochs, live while it trains (here or in another process).
     *
     * @param id the run
     */
    public void show(long id) {
        if (feed.get() == null || feed.get().runId() != id) {
            feed.set(new LiveFeed(id));
        }
        runId.set(id);
        controllable.set(ACTIVE.containsKey(id));
        if (ACTIVE.containsKey(id)) {
            state.set(ACTIVE.get(id).pauseRequested() ? State.PAUSED : State.RUNNING);
        }
        requestRefresh();
    }

    /** Shows the newest run that is training, if any (when the pane opens). */
    public void showLatestRunning() {
        if (service == null) {
            return;
        }
        reads.execute(() -> {
            try {
                List<Long> running = service.activeRuns();
                if (!running.isEmpty()) {
                    long id = running.get(running.size() - 1);
                    Platform.runLater(() -> show(id));
                }
            } catch (RuntimeException e) {
                LOG.debug("No running run to show: {}", e.getMessage());
            }
        });
    }

    /**
     * Catalog changes (from this window or another process): new metrics or a status change of the run shown.
     *
     * @param batch coalesced events
     */
    public void onCatalogChange(List<CatalogEvent> batch) {
        Long id = runId.get();
        if (id == null) {
            return;
        }
        for (CatalogEvent e : batch) {
            if (e instanceof CatalogEvent.MetricsAppended m && m.runId() == id
                    || e instanceof CatalogEvent.RunUpdated u && u.runId() == id
                    || e instanceof CatalogEvent.ChangesMissed) {
                requestRefresh();
                return;
            }
        }
    }

    /** Marks the charts stale; {@link #tick()} reads them again. */
    public void requestRefresh() {
        dirty.set(true);
    }

    /** Called about ten times a second by the view: starts one background read when the data is stale. */
    public void tick() {
        Long id = runId.get();
        if (disposed || id == null || service == null || !dirty.get() || !inFlight.compareAndSet(false, true)) {
            return;
        }
        dirty.set(false);
        LiveFeed lines = feed.get() != null && feed.get().runId() == id ? feed.get() : null;
        reads.execute(() -> {
            try {
                Read r = read(id, lines);
                Platform.runLater(() -> apply(id, r));
            } catch (RuntimeException e) {
                LOG.debug("Could not read the charts of run {}: {}", id, e.getMessage());
            } finally {
                inFlight.set(false);
            }
        });
    }

    /** A background read: chart data, epoch rows and the run's status. */
    private record Read(List<EpochRow> rows, RunStatus status, String end, RunReport report) {
    }

    /** Reads the run's state and epoch rows, and appends the points logged since the last read to its feed. */
    private Read read(long id, LiveFeed lines) {
        TrainingService.LiveSnapshot live = service.snapshot(id, lines == null ? null : lines.cursors());
        TrainingService.RunSnapshot snap = live.snapshot();
        Map<String, MetricSeries> series = snap.series();
        if (lines != null) {
            lines.accept(series, live.next(), snap.status());
        }
        MetricSeries empty = new MetricSeries(id, "", MetricKind.EVAL, new long[0], new double[0], new long[0]);
        MetricSeries trainEpoch = series.getOrDefault("epoch/train_loss", empty);
        MetricSeries valLoss = series.getOrDefault("epoch/val_loss", empty);
        MetricSeries metric = empty;
        for (String name : List.of("val_roc_auc", "val_rmse", "val_accuracy")) {
            if (series.containsKey("epoch/" + name)) {
                metric = series.get("epoch/" + name);
                break;
            }
        }
        MetricSeries lrEpoch = series.getOrDefault("epoch/lr", empty);
        MetricSeries secs = series.getOrDefault("epoch/seconds", empty);
        List<EpochRow> rows = new ArrayList<>();
        for (int i = 0; i < trainEpoch.size(); i++) {
            int e = (int) trainEpoch.steps()[i];
            rows.add(new EpochRow(e, trainEpoch.values()[i], at(valLoss, e), at(metric, e), at(lrEpoch, e),
                    at(secs, e)));
        }
        RunReport rep = snap.status() == RunStatus.FINISHED
                ? new RunReport(id, snap.evaluation(), snap.explanation()) : null;
        return new Read(rows, snap.status(), snap.end(), rep);
    }

    private static double at(MetricSeries s, long step) {
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.steps()[i] == step) {
                return s.values()[i];
            }
        }
        return Double.NaN;
    }

    private void apply(long id, Read r) {
        if (disposed || runId.get() == null || runId.get() != id) {
            return;
        }
        epochs.setAll(r.rows());
        if (r.report() != null && (report.get() == null || report.get().runId() != id)) {
            report.set(r.report());
        } else if (r.report() == null && report.get() != null && report.get().runId() != id) {
            report.set(null);
        }
        if (job == null && r.status() != null) {
            state.set(switch (r.status()) {
                case RUNNING, CREATED -> State.RUNNING;
                case PAUSED -> State.PAUSED;
                case FINISHED -> State.FINISHED;
                case FAILED -> State.FAILED;
                case STOPPED -> State.STOPPED;
            });
            if (!ACTIVE.containsKey(id)) {
                message.set(Messages.format("training.showing", id, r.status().dbValue()
                        + ("interrupted".equals(r.end()) ? " (" + Messages.get("training.interrupted") + ")" : "")));
            }
        }
    }

    /** Stops reading; a run training in this window goes on (Jobs lists it). */
    public void dispose() {
        disposed = true;
        reads.shutdownNow();
    }

    /** @return why training is not available here, or null */
    public String unavailableReason() {
        return unavailable;
    }
}
