package io.mlwb.app.training;

import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader.TailCursor;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.series.GrowableSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live chart lines of one run as the Training pane draws them, filled incrementally: each read of the catalog
 * brings only the points logged since the previous one ({@link io.mlwb.training.engine.TrainingService#snapshot(long,
 * Map)}), and they are appended to {@link GrowableSeries} that the pane's {@link io.mlwb.app.charts.LiveLineChart}s
 * draw (downsampled by LTTB over the visible range), so a run at step 1,000,000 costs what it costs at step 1,000.
 *
 * <p>Lines appear as their series get their first point: training loss per step; training and validation loss per
 * epoch; the validation metric per epoch (the first of AUC, RMSE, accuracy the run logs); CPU and GPU utilization in
 * seconds since the series began, or, for a finished run that recorded none, the learning rate per step. A new run
 * shown gets a new feed. {@link #accept} runs on the chart-reading thread; listeners are told on that thread.
 */
public final class LiveFeed {
    /** The four charts of the pane. */
    public enum Chart { LOSS_STEP, LOSS_EPOCH, METRIC, SYSTEM }

    /**
     * One drawn line.
     *
     * @param chart the chart it belongs to
     * @param name  the catalog series' name
     * @param label what the legend shows
     * @param data  its points (x, y)
     */
    public record Line(Chart chart, String name, String label, GrowableSeries data) {
    }

    private static final List<String> SYSTEM = List.of("sys/cpu_percent", "sys/process_cpu_percent",
            "gpu0/utilization_percent");
    private static final List<String> METRICS = List.of("val_roc_auc", "val_rmse", "val_accuracy");

    private final long runId;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Consumer<Line>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Line> byName = new HashMap<>();
    private final Map<String, Integer> epochCounts = new HashMap<>();
    private final Map<String, Long> firstTime = new HashMap<>();
    private volatile Map<String, TailCursor> cursors = Map.of();
    private String metric;

    /** @param runId the run whose lines these are */
    public LiveFeed(long runId) {
        this.runId = runId;
    }

    /** @return the run */
    public long runId() {
        return runId;
    }

    /** @return where the next incremental read starts, by series name */
    public Map<String, TailCursor> cursors() {
        return cursors;
    }

    /** @return the lines declared so far, in order */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /**
     * Tells {@code listener} of every line declared so far, then of each new one (on the reading thread).
     *
     * @param listener what adds a line to its chart
     */
    public synchronized void onLine(Consumer<Line> listener) {
        Objects.requireNonNull(listener, "listener");
        lines.forEach(listener);
        listeners.add(listener);
    }

    /**
     * Appends one read: the per-step series' new points and the per-epoch series (whole; only their new points are
     * appended).
     *
     * @param series what was read, by catalog series name
     * @param next   the cursors the read returned
     * @param status the run's status, or null
     */
    public synchronized void accept(Map<String, MetricSeries> series, Map<String, TailCursor> next,
                                    RunStatus status) {
        MetricSeries loss = series.get("train/loss");
        if (loss != null) {
            append(line(Chart.LOSS_STEP, "train/loss", Messages.get("training.series.trainLoss")), loss, false);
        }
        epochs(series, Chart.LOSS_EPOCH, "epoch/train_loss", Messages.get("training.series.trainLoss"));
        epochs(series, Chart.LOSS_EPOCH, "epoch/val_loss", Messages.get("training.series.valLoss"));
        if (metric == null) {
            metric = METRICS.stream().filter(m -> series.containsKey("epoch/" + m)).findFirst().orElse(null);
        }
        if (metric != null) {
            epochs(series, Chart.METRIC, "epoch/" + metric, metric);
        }
        boolean system = false;
        for (String name : SYSTEM) {
            MetricSeries s = series.get(name);
            if (s != null && s.size() > 0) {
                append(line(Chart.SYSTEM, name, name), s, true);
            }
            system |= byName.containsKey(name);
        }
        MetricSeries lr = series.get("train/lr");
        boolean settled = status != null && status != RunStatus.RUNNING && status != RunStatus.PAUSED
                && status != RunStatus.CREATED;
        if (!system && lr != null && (settled || byName.containsKey("train/lr"))) {
            append(line(Chart.SYSTEM, "train/lr", Messages.get("training.series.lr")), lr, false);
        }
        cursors = Map.copyOf(next);
    }

    /** @return whether the system chart shows the learning rate (a run without utilization series) */
    public synchronized boolean systemShowsLearningRate() {
        return byName.containsKey("train/lr");
    }

    private void epochs(Map<String, MetricSeries> series, Chart chart, String name, String label) {
        MetricSeries s = series.get(name);
        if (s == null) {
            return;
        }
        int done = epochCounts.getOrDefault(name, 0);
        if (s.size() <= done) {
            return;
        }
        GrowableSeries data = line(chart, name, label).data();
        for (int i = done; i < s.size(); i++) {
            data.append(s.steps()[i], s.values()[i]);
        }
        epochCounts.put(name, s.size());
    }

    private void append(Line line, MetricSeries s, boolean seconds) {
        long t0 = seconds ? firstTime.computeIfAbsent(line.name(), k -> s.times()[0]) : 0;
        for (int i = 0; i < s.size(); i++) {
            line.data().append(seconds ? (s.times()[i] - t0) / 1000.0 : s.steps()[i], s.values()[i]);
        }
    }

    private Line line(Chart chart, String name, String label) {
        Line l = byName.get(name);
        if (l == null) {
            l = new Line(chart, name, label, new GrowableSeries());
            byName.put(name, l);
            lines.add(l);
            for (Consumer<Line> c : listeners) {
                c.accept(l);
            }
        }
        return l;
    }
}
