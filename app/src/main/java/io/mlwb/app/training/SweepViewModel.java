package io.mlwb.app.training;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.training.engine.SweepService;
import io.mlwb.training.sweep.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Training pane's sweep tab: the project's sweep files, Run (a job through {@link SweepService}), and the trials
 * as they end, ranked by the sweep's metric with the best marked. Use on the FX thread.
 */
public final class SweepViewModel {
    private final SweepService service;
    private final Path root;
    private final UiJobs jobs;
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<Row> trials = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private JobHandle job;

    /**
     * A trial as the table shows it.
     *
     * @param trial  the trial number
     * @param status complete, pruned, failed, cancelled
     * @param value  its metric, or null
     * @param runId  its run, or null
     * @param params its overrides
     * @param best   whether it is the best so far
     */
    public record Row(int trial, String status, Double value, Long runId, String params, boolean best) {
    }

    /**
     * @param service the sweep service, or null when sweeps cannot run here
     * @param root    the project root
     * @param jobs    where sweeps run
     */
    public SweepViewModel(SweepService service, Path root, UiJobs jobs) {
        this.service = service;
        this.root = root;
        this.jobs = jobs;
    }

    /** @return the sweep files under {@code training/sweeps/} */
    public ObservableList<String> files() {
        return files;
    }

    /** @return the sweep Run starts */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    /** @return the trials, best first */
    public ObservableList<Row> trials() {
        return trials;
    }

    /** @return a line about the sweep */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether a sweep runs now */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Lists the sweep files. */
    public void refresh() {
        List<String> found = new ArrayList<>();
        Path dir = root.resolve("training").resolve("sweeps");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted()
                        .forEach(p -> found.add(root.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                message.set(e.getMessage());
            }
        }
        files.setAll(found);
        if (selected.get() == null && !found.isEmpty()) {
            selected.set(found.get(0));
        }
    }

    /** Runs the selected sweep as a job; trials appear as they end. */
    public void run() {
        if (service == null || selected.get() == null || job != null) {
            return;
        }
        String file = selected.get();
        trials.clear();
        running.set(true);
        message.set(Messages.format("training.sweep.running", file));
        job = jobs.run(Messages.format("training.sweep.job", file), p -> service.run(Path.of(file),
                new SweepService.Listener() {
                    @Override
                    public void trialFinished(Trial t) {
                        Platform.runLater(() -> add(t));
                    }
                }, p), this::finished, e -> {
                    job = null;
                    running.set(false);
                    message.set(String.valueOf(e.getMessage()));
                });
    }

    private void add(Trial t) {
        List<Row> rows = new ArrayList<>(trials);
        rows.add(row(t, false));
        trials.setAll(rows);
    }

    private static Row row(Trial t, boolean best) {
        StringBuilder params = new StringBuilder();
        for (Map.Entry<String, String> e : t.overrides().entrySet()) {
            params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return new Row(t.number(), t.status().name().toLowerCase(Locale.ROOT), t.value(),
                t.runId() == null ? null : Long.parseLong(t.runId()), params.toString(), best);
    }

    private void finished(SweepService.Outcome o) {
        job = null;
        running.set(false);
        List<Row> rows = new ArrayList<>();
        for (Trial t : o.result().trials()) {
            rows.add(row(t, t.best()));
        }
        trials.setAll(rows);
        message.set(Messages.format("training.sweep.done", o.parentRunId(), o.result().trials().size(),
                o.result().stopReason().name().toLowerCase(Locale.ROOT), o.metric()));
    }

    /** @return the trials sorted by trial number (for tests) */
    List<Row> byTrial() {
        List<Row> r = new ArrayList<>(trials);
        r.sort(Comparator.comparingInt(Row::trial));
        return r;
    }
}
