package io.mlwb.app.tracking;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.tracking.CompareModel;
import io.mlwb.tracking.MetricAxis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

/**
 * The Compare pane's state for 2 to 10 runs: the loaded {@link CompareModel} (read as a job), the chart settings
 * (EMA smoothing, default {@value #DEFAULT_SMOOTHING}; log scale; x by step or time), the diff table's rows and its
 * "only differences" switch, the axes chosen for the parallel-coordinates plot and the scatter plot's x and y.
 * A wrong set of runs (too few, too many, unknown, twice) is a message in the pane, never an exception. Use on the FX
 * thread; no toolkit needed.
 */
public final class CompareViewModel {
    /** The smoothing a new pane starts with. */
    public static final double DEFAULT_SMOOTHING = 0.6;
    /** The most param axes a parallel-coordinates plot starts with. */
    public static final int DEFAULT_PARALLEL_AXES = 6;

    /**
     * Run ids as typed, parsed.
     *
     * @param ids     the ids, in order (empty when there is a problem)
     * @param problem why they cannot be compared, or null
     */
    public record Ids(List<Long> ids, String problem) {
        /** @return whether they can be compared */
        public boolean ok() {
            return problem == null;
        }
    }

    private final Catalog catalog;
    private final UiJobs jobs;
    private final Ids ids;
    private final ReadOnlyObjectWrapper<CompareModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", DEFAULT_SMOOTHING);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final ObjectProperty<MetricAxis> xAxis = new SimpleObjectProperty<>(this, "xAxis", MetricAxis.STEP);
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(this, "onlyDifferences", false);
    private final ObservableList<CompareModel.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObservableList<String> paramAxes = FXCollections.observableArrayList();
    private final ObservableList<String> metricAxes = FXCollections.observableArrayList();
    private final ObservableList<String> parallelParams = FXCollections.observableArrayList();
    private final StringProperty parallelMetric = new SimpleStringProperty(this, "parallelMetric");
    private final ReadOnlyObjectWrapper<CompareModel.Parallel> parallel = new ReadOnlyObjectWrapper<>(this,
            "parallel");
    private final StringProperty scatterX = new SimpleStringProperty(this, "scatterX");
    private final StringProperty scatterY = new SimpleStringProperty(this, "scatterY");
    private final ReadOnlyObjectWrapper<CompareModel.Scatter> scatter = new ReadOnlyObjectWrapper<>(this, "scatter");
    private final javafx.beans.property.ReadOnlyIntegerWrapper shown = new javafx.beans.property
            .ReadOnlyIntegerWrapper(this, "shown", 0);
    private boolean reloadAgain;

    /**
     * @param catalog the project's catalog, or null (nothing to compare; {@code why} says why)
     * @param jobs    where the runs are read
     * @param refId   the run ids, comma-separated (the editor's item id)
     * @param why     why there is no catalog, or null
     */
    public CompareViewModel(Catalog catalog, UiJobs jobs, String refId, String why) {
        this.catalog = catalog;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.ids = parseIds(refId);
        if (catalog == null) {
            message.set(why == null ? Messages.get("tracking.compare.noCatalog") : why);
        } else if (!ids.ok()) {
            message.set(ids.problem());
        }
        onlyDifferences.addListener((o, a, b) -> updateRows());
        parallelParams.addListener((javafx.collections.ListChangeListener<String>) c -> updateParallel());
        parallelMetric.addListener((o, a, b) -> updateParallel());
        scatterX.addListener((o, a, b) -> updateScatter());
        scatterY.addListener((o, a, b) -> updateScatter());
    }

    /**
     * @param text run ids separated by commas or spaces, e.g. {@code "12, 15, 19"} ({@code #12} is read as 12)
     * @return the ids, or why they cannot be compared: none, not a number, fewer than 2 or more than 10, one twice
     */
    public static Ids parseIds(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new Ids(List.of(), Messages.get("tracking.compare.ids.empty"));
        }
        List<Long> out = new ArrayList<>();
        for (String token : t.split("[,;\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String digits = token.startsWith("#") ? token.substring(1) : token;
            long id;
            try {
                id = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                return new Ids(List.of(), Messages.format("tracking.compare.ids.notAnId", token));
            }
            if (id <= 0) {
                return new Ids(List.of(), Messages.format("tracking.compare.ids.notAnId", token));
            }
            if (out.contains(id)) {
                return new Ids(List.of(), Messages.format("tracking.compare.ids.twice", Long.toString(id)));
            }
            out.add(id);
        }
        if (out.size() < CompareModel.MIN_RUNS || out.size() > CompareModel.MAX_RUNS) {
            return new Ids(List.of(), Messages.format("tracking.compare.ids.count", out.size()));
        }
        return new Ids(List.copyOf(out), null);
    }

    /**
     * @param ids run ids
     * @return them as an editor's item id: {@code "12,15,19"}
     */
    public static String refId(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** @return the ids compared (empty when they did not parse) */
    public List<Long> ids() {
        return ids.ids();
    }

    /** @return the tab's title */
    public String title() {
        return Messages.format("tracking.compare.title", ids.ok() ? ids.ids().size() : 0);
    }

    /** @return what was loaded; null before the first load or when the runs cannot be compared */
    public ReadOnlyObjectProperty<CompareModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /**
     * @return how many times a load was shown; changes after the model and everything derived from it (metrics,
     *     rows, axes) are up to date, so a view rebuilds on it
     */
    public javafx.beans.property.ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** @return why nothing is shown, or what is being done; "" when the comparison is shown */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether the runs are being read */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** @return the EMA weight, 0 (off) to {@link io.mlwb.core.series.Ema#MAX_WEIGHT} */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** @return whether the charts' y axes are logarithmic */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** @return step, epoch or time on the charts' x axes */
    public ObjectProperty<MetricAxis> xAxisProperty() {
        return xAxis;
    }

    /** @return whether the diff table shows only the rows where the runs differ */
    public BooleanProperty onlyDifferencesProperty() {
        return onlyDifferences;
    }

    /** @return the diff table's rows */
    public ObservableList<CompareModel.Row> rows() {
        return rows;
    }

    /** @return the metrics charted: those every run logged a series of */
    public ObservableList<String> metrics() {
        return metrics;
    }

    /** @return every param, as an axis key ({@code params.X}) */
    public ObservableList<String> paramAxes() {
        return paramAxes;
    }

    /** @return every metric with a latest value, as an axis key ({@code metrics.X}) */
    public ObservableList<String> metricAxes() {
        return metricAxes;
    }

    /** @return the params drawn as parallel axes, in order */
    public ObservableList<String> parallelParams() {
        return parallelParams;
    }

    /** @return the metric drawn as the last parallel axis and colouring the lines; null for none */
    public StringProperty parallelMetricProperty() {
        return parallelMetric;
    }

    /** @return the parallel-coordinates plot; null when there is nothing to draw */
    public ReadOnlyObjectProperty<CompareModel.Parallel> parallelProperty() {
        return parallel.getReadOnlyProperty();
    }

    /** @return the scatter plot's x axis key (a param, or a metric) */
    public StringProperty scatterXProperty() {
        return scatterX;
    }

    /** @return the scatter plot's y axis key (a metric) */
    public StringProperty scatterYProperty() {
        return scatterY;
    }

    /** @return the scatter plot; null when an axis is not chosen */
    public ReadOnlyObjectProperty<CompareModel.Scatter> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    /**
     * @param axisKey {@code params.X} or {@code metrics.X}
     * @param on      draw it as a parallel axis or not
     */
    public void chooseParallel(String axisKey, boolean on) {
        if (on && !parallelParams.contains(axisKey)) {
            // keep the order of the list offered, whatever the order of clicks
            List<String> next = new ArrayList<>(parallelParams);
            next.add(axisKey);
            next.sort((a, b) -> Integer.compare(paramAxes.indexOf(a), paramAxes.indexOf(b)));
            parallelParams.setAll(next);
        } else if (!on) {
            parallelParams.remove(axisKey);
        }
    }

    /** Reads the runs (again) as a job; a read already under way is followed by one more. */
    public void load() {
        if (catalog == null || !ids.ok()) {
            return;
        }
        if (loading.get()) {
            reloadAgain = true;
            return;
        }
        loading.set(true);
        if (model.get() == null) {
            message.set(Messages.format("tracking.compare.loading", ids.ids().size()));
        }
        List<Long> wanted = ids.ids();
        jobs.run(Messages.format("tracking.compare.job", refId(wanted).replace(",", ", ")), p -> {
            try {
                return new Loaded(CompareModel.load(catalog, wanted, p), null);
            } catch (UserError e) {
                return new Loaded(null, e.getMessage()); // the pane says it; nothing to report
            }
        }, this::loaded, e -> {
            loading.set(false);
            if (!(e instanceof Cancelled) && model.get() == null) {
                message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
            }
        });
    }

    private record Loaded(CompareModel model, String problem) {
    }

    private void loaded(Loaded l) {
        loading.set(false);
        if (l.problem() != null) {
            model.set(null);
            message.set(l.problem());
            rows.clear();
            metrics.clear();
            parallel.set(null);
            scatter.set(null);
        } else {
            show(l.model());
        }
        shown.set(shown.get() + 1);
        if (reloadAgain) {
            reloadAgain = false;
            load();
        }
    }

    private void show(CompareModel m) {
        boolean first = model.get() == null;
        model.set(m);
        message.set("");
        metrics.setAll(m.commonMetrics());
        paramAxes.setAll(m.paramAxes());
        metricAxes.setAll(m.metricAxes());
        if (first) {
            parallelParams.setAll(m.defaultParallelParams(DEFAULT_PARALLEL_AXES));
            parallelMetric.set(m.defaultMetric());
            scatterX.set(m.defaultParallelParams(1).stream().findFirst().orElse(null));
            scatterY.set(m.defaultMetric());
        } else { // a refresh keeps the choices that still exist
            parallelParams.setAll(parallelParams.stream().filter(paramAxes::contains).toList());
            if (!metricAxes.contains(parallelMetric.get())) {
                parallelMetric.set(m.defaultMetric());
            }
            if (!paramAxes.contains(scatterX.get()) && !metricAxes.contains(scatterX.get())) {
                scatterX.set(m.defaultParallelParams(1).stream().findFirst().orElse(null));
            }
            if (!metricAxes.contains(scatterY.get())) {
                scatterY.set(m.defaultMetric());
            }
        }
        updateRows();
        updateParallel();
        updateScatter();
    }

    /** @return why no chart is drawn (no metric common to every run), or null */
    public String chartsProblem() {
        CompareModel m = model.get();
        return m != null && metrics.isEmpty() ? Messages.get("tracking.compare.noCommonMetrics") : null;
    }

    private void updateRows() {
        CompareModel m = model.get();
        rows.setAll(m == null ? List.of() : m.rows(onlyDifferences.get()));
    }

    /** @return "k of n rows differ" for the diff table */
    public String diffSummary() {
        CompareModel m = model.get();
        if (m == null) {
            return "";
        }
        List<CompareModel.Row> all = m.rows(false);
        return Messages.format("tracking.compare.diff.count", all.stream().filter(CompareModel.Row::differs).count(),
                all.size());
    }

    private void updateParallel() {
        CompareModel m = model.get();
        String metric = parallelMetric.get();
        boolean metricOk = metric != null && metricAxes.contains(metric);
        if (m == null || parallelParams.isEmpty() && !metricOk) {
            parallel.set(null);
            return;
        }
        parallel.set(m.parallel(List.copyOf(new LinkedHashSet<>(parallelParams)), metricOk ? metric : null));
    }

    private void updateScatter() {
        CompareModel m = model.get();
        String x = scatterX.get();
        String y = scatterY.get();
        if (m == null || x == null || y == null || !(paramAxes.contains(x) || metricAxes.contains(x))
                || !metricAxes.contains(y)) {
            scatter.set(null);
            return;
        }
        scatter.set(m.scatter(x, y));
    }

    /**
     * @return why the scatter plot is empty or incomplete, or ""
     */
    public String scatterNote() {
        CompareModel.Scatter s = scatter.get();
        CompareModel m = model.get();
        if (m == null) {
            return "";
        }
        if (s == null) {
            return Messages.get("tracking.compare.noParams");
        }
        if (s.plotted().isEmpty()) {
            return Messages.format("tracking.compare.scatter.none", s.x().name(), s.y().name());
        }
        int missing = m.runs().size() - s.plotted().size();
        return missing == 0 ? "" : Messages.format("tracking.compare.scatter.missing", missing);
    }

    /**
     * @param metric a charted metric
     * @return one line per run (its label, x values on the chosen axis, raw values); empty before a load
     */
    public List<Line> lines(String metric) {
        CompareModel m = model.get();
        if (m == null || !m.commonMetrics().contains(metric)) {
            return List.of();
        }
        List<Line> out = new ArrayList<>();
        for (int r = 0; r < m.runs().size(); r++) {
            double[][] p = m.points(r, metric, xAxis.get());
            out.add(new Line(m.label(r), p[0], p[1]));
        }
        return out;
    }

    /**
     * A run's line on a metric chart.
     *
     * @param label the legend's label: run name and id
     * @param x     x values, non-decreasing
     * @param y     raw values
     */
    public record Line(String label, double[] x, double[] y) {
    }

    /**
     * @param run  a run's position
     * @param axes the axes shown
     * @return what hovering the run's line or point shows: its label and its value on each axis
     */
    public String describe(int run, List<CompareModel.Axis> axes) {
        CompareModel m = model.get();
        if (m == null) {
            return "";
        }
        String values = axes.stream().map(a -> a.name() + " = " + (a.text(run).isEmpty()
                ? Messages.get("tracking.compare.parallel.noValue") : a.text(run))).collect(Collectors.joining(", "));
        return Messages.format("tracking.compare.hover.run", m.label(run), values);
    }

    /**
     * @param batch catalog changes
     * @return whether they touch a compared run (or changes were missed), so the pane should read again
     */
    public boolean concerns(List<CatalogEvent> batch) {
        for (CatalogEvent e : batch) {
            long run = Long.MIN_VALUE;
            if (e instanceof CatalogEvent.RunUpdated u) {
                run = u.runId();
            } else if (e instanceof CatalogEvent.RunDeleted d) {
                run = d.runId();
            } else if (e instanceof CatalogEvent.RunCreated c) {
                run = c.runId(); // an id that was unknown may exist now
            } else if (e instanceof CatalogEvent.MetricsAppended a) {
                run = a.runId();
            } else if (e instanceof CatalogEvent.ChangesMissed) {
                run = -1;
            }
            if (run == -1 || ids.ok() && ids.ids().contains(run)) {
                return true;
            }
        }
        return false;
    }
}
