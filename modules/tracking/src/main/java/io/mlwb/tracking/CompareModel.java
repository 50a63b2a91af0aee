package io.mlwb.tracking;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricLatest;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything the Compare pane shows about 2 to 10 runs, computed without a toolkit: the {@link TrackingService#compare
 * comparison} (params and latest metrics side by side), each run's metric series, and from them
 * <ul>
 *   <li>the points of an overlaid metric chart ({@link #points}) on a {@link MetricAxis} (step, epoch or time), one
 *       line per run;</li>
 *   <li>the diff table's rows ({@link #rows}), params then latest metrics, each marked when the runs differ;</li>
 *   <li>axes for parallel coordinates and scatter plots ({@link #axis}): a numeric param or metric, or a categorical
 *       param whose values are mapped to positions, and their values normalized to [0, 1].</li>
 * </ul>
 * Immutable once loaded; safe to read from any thread.
 */
public final class CompareModel {
    /** The fewest runs compared. */
    public static final int MIN_RUNS = 2;
    /** The most runs compared. */
    public static final int MAX_RUNS = 10;
    /** Prefix of a param's axis key. */
    public static final String PARAMS = "params.";
    /** Prefix of a metric's axis key. */
    public static final String METRICS = "metrics.";
    /** The param in which a run of mlwb records its steps per epoch (lines epoch and step series up). */
    public static final String STEPS_PER_EPOCH = "steps_per_epoch";

    private final TrackingService.Comparison comparison;
    private final List<Map<String, MetricSeries>> series;

    /**
     * @param comparison the runs' params and latest metrics
     * @param series     per run (in the comparison's order), its series by metric name
     */
    public CompareModel(TrackingService.Comparison comparison, List<Map<String, MetricSeries>> series) {
        this.comparison = Objects.requireNonNull(comparison, "comparison");
        if (series.size() != comparison.runs().size()) {
            throw new IllegalArgumentException(series.size() + " series maps for " + comparison.runs().size()
                    + " runs");
        }
        List<Map<String, MetricSeries>> copy = new ArrayList<>();
        for (Map<String, MetricSeries> m : series) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
        this.series = List.copyOf(copy);
    }

    /**
     * Reads 2 to 10 runs and every series they logged.
     *
     * @param catalog  the project's catalog
     * @param ids      the runs, in the order to show them
     * @param progress reports one step per run and is checked for cancellation
     * @return the model
     * @throws UserError for fewer than 2 or more than 10 runs, a run given twice, or an unknown run
     */
    public static CompareModel load(Catalog catalog, List<Long> ids, Progress progress) {
        if (ids.size() < MIN_RUNS || ids.size() > MAX_RUNS) {
            throw new UserError("compare takes 2 to 10 runs, got " + ids.size(), "Give between 2 and 10 run ids.");
        }
        if (new TreeSet<>(ids).size() != ids.size()) {
            throw new UserError("run " + firstRepeated(ids) + " is given twice", "Give each run once.");
        }
        progress.report(0, "params");
        TrackingService.Comparison c = new TrackingService(catalog).compare(ids);
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        List<Map<String, MetricSeries>> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            progress.checkCancelled();
            progress.report((double) i / ids.size(), c.runs().get(i).name());
            Map<String, MetricSeries> byName = new LinkedHashMap<>();
            for (MetricLatest m : reader.latest(ids.get(i))) {
                MetricSeries s = reader.read(ids.get(i), m.name(), m.kind());
                if (s.size() > 0 && !byName.containsKey(m.name())) { // an imported summary has no history
                    byName.put(m.name(), s);
                }
            }
            all.add(byName);
        }
        progress.report(1, "");
        return new CompareModel(c, all);
    }

    private static long firstRepeated(List<Long> ids) {
        TreeSet<Long> seen = new TreeSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no repeated id");
    }

    /** @return the params and latest metrics side by side */
    public TrackingService.Comparison comparison() {
        return comparison;
    }

    /** @return the runs, in the order given */
    public List<TrackedRun> runs() {
        return comparison.runs();
    }

    /** @return the run ids, in order */
    public List<Long> ids() {
        return comparison.runs().stream().map(TrackedRun::id).toList();
    }

    /**
     * @param run a run's position
     * @return what a legend shows: its name and id, unique even when two runs share a name
     */
    public String label(int run) {
        TrackedRun r = comparison.runs().get(run);
        return r.name() + " #" + r.id();
    }

    /** @return the metrics with a series in every run, by name */
    public List<String> commonMetrics() {
        TreeSet<String> common = null;
        for (Map<String, MetricSeries> m : series) {
            if (common == null) {
                common = new TreeSet<>(m.keySet());
            } else {
                common.retainAll(m.keySet());
            }
        }
        return common == null ? List.of() : List.copyOf(common);
    }

    /**
     * @param run    a run's position
     * @param metric a metric
     * @return its series, or null when the run did not log it
     */
    public MetricSeries series(int run, String metric) {
        return series.get(run).get(metric);
    }

    /**
     * A run's metric as a chart draws it.
     *
     * @param run    a run's position
     * @param metric a metric it logged
     * @param axis   step, epoch or time (seconds since the run started); epoch and step series line up through the
     *               run's {@value #STEPS_PER_EPOCH} param, as in the run's own charts
     * @return {@code [0]} x values, non-decreasing; {@code [1]} the raw values
     */
    public double[][] points(int run, String metric, MetricAxis axis) {
        TrackedRun r = comparison.runs().get(run);
        long stepsPerEpoch = 0;
        try {
            stepsPerEpoch = Long.parseLong(r.params().getOrDefault(STEPS_PER_EPOCH, "0").strip());
        } catch (NumberFormatException e) {
            stepsPerEpoch = 0; // an imported run's own param of that name: no alignment
        }
        return axis.points(series(run, metric), Math.max(0, stepsPerEpoch), r.startMs());
    }

    // ---------------------------------------------------------------------------------------------- diff table

    /** Where a diff row comes from. */
    public enum Section {
        /** A param. */
        PARAM,
        /** A metric's latest value. */
        METRIC
    }

    /**
     * A row of the diff table.
     *
     * @param section param or metric
     * @param key     its name
     * @param values  per run, its value as shown ("" where the run lacks it)
     * @param differs whether the runs differ on it (a missing value differs from a present one)
     */
    public record Row(Section section, String key, List<String> values, boolean differs) {
    }

    /**
     * @param onlyDifferences keep only the rows where the runs differ
     * @return params (by name), then latest metrics (by name)
     */
    public List<Row> rows(boolean onlyDifferences) {
        List<Row> out = new ArrayList<>();
        comparison.params().forEach((k, v) -> {
            boolean d = TrackingService.Comparison.differs(v);
            if (d || !onlyDifferences) {
                out.add(new Row(Section.PARAM, k, v.stream().map(s -> s == null ? "" : s).toList(), d));
            }
        });
        comparison.metrics().forEach((k, v) -> {
            boolean d = TrackingService.Comparison.differs(v); // NaN equals NaN here: both ended in NaN
            if (d || !onlyDifferences) {
                out.add(new Row(Section.METRIC, k, v.stream().map(CompareModel::format).toList(), d));
            }
        });
        return out;
    }

    /**
     * @param v a value, or null
     * @return it as shown: "" for null, up to 6 significant digits, no trailing zeros
     */
    public static String format(Double v) {
        if (v == null) {
            return "";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v.toString();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        double a = Math.abs(v);
        String s = a >= 1e-4 && a < 1e9 ? String.format(Locale.ROOT, "%.6g", v) : String.format(Locale.ROOT, "%.5e", v);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            return stripZeros(parts[0]) + "e" + parts[1];
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    // ---------------------------------------------------------------------------------------------- axes

    /** @return every param key as an axis key ({@code params.X}), by name */
    public List<String> paramAxes() {
        return comparison.params().keySet().stream().map(k -> PARAMS + k).toList();
    }

    /** @return every metric with a latest value in some run, as an axis key ({@code metrics.X}), by name */
    public List<String> metricAxes() {
        return comparison.metrics().keySet().stream().map(k -> METRICS + k).toList();
    }

    /**
     * An axis over the runs: a numeric param or metric, or a categorical param whose distinct values are placed at
     * 0, 1, 2, ... in natural order (numbers by value, then text).
     *
     * @param key         {@code params.X} or {@code metrics.X}
     * @param categorical whether the values are categories
     * @param categories  the categories in axis order (empty for a numeric axis)
     * @param values      per run: the number, or the category's position; NaN where the run lacks it
     * @param min         the lowest finite value (NaN when there is none)
     * @param max         the highest finite value (NaN when there is none)
     */
    public record Axis(String key, boolean categorical, List<String> categories, double[] values, double min,
                       double max) {
        /** @return the name without its {@code params.} / {@code metrics.} prefix */
        public String name() {
            return key.substring(key.indexOf('.') + 1);
        }

        /**
         * @param run a run's position
         * @return its value scaled to [0, 1] (0.5 when every run has the same value); NaN where it has none
         */
        public double normalized(int run) {
            return normalize(values[run]);
        }

        /**
         * @param v a value on this axis
         * @return it scaled to [0, 1] between the axis' min and max (0.5 when they are equal)
         */
        public double normalize(double v) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
            return max > min ? (v - min) / (max - min) : 0.5;
        }

        /**
         * @param run a run's position
         * @return its value as shown: the category, or the number formatted; "" where it has none
         */
        public String text(int run) {
            double v = values[run];
            if (Double.isNaN(v)) {
                return "";
            }
            return categorical ? categories.get((int) v) : format(v);
        }
    }

    /**
     * @param key {@code params.X} or {@code metrics.X}
     * @return its axis: numeric when every value present parses as a number, else categorical
     * @throws IllegalArgumentException for a key that is neither
     */
    public Axis axis(String key) {
        int n = comparison.runs().size();
        double[] values = new double[n];
        if (key.startsWith(METRICS)) {
            List<Double> v = comparison.metrics().get(key.substring(METRICS.length()));
            if (v == null) {
                throw new IllegalArgumentException("no metric " + key);
            }
            for (int r = 0; r < n; r++) {
                Double d = v.get(r);
                values[r] = d == null || !Double.isFinite(d) ? Double.NaN : d;
            }
            return numeric(key, values);
        }
        if (!key.startsWith(PARAMS)) {
            throw new IllegalArgumentException("an axis is params.X or metrics.X, not " + key);
        }
        List<String> v = comparison.params().get(key.substring(PARAMS.length()));
        if (v == null) {
            throw new IllegalArgumentException("no param " + key);
        }
        boolean numeric = true;
        for (int r = 0; r < n; r++) {
            String s = v.get(r);
            values[r] = s == null ? Double.NaN : number(s);
            if (s != null && Double.isNaN(values[r])) {
                numeric = false;
            }
        }
        if (numeric) {
            return numeric(key, values);
        }
        List<String> cats = new ArrayList<>(new TreeSet<>(v.stream().filter(Objects::nonNull).toList()));
        cats.sort((a, b) -> {
            double x = number(a);
            double y = number(b);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                return Double.compare(x, y);
            }
            if (Double.isNaN(x) != Double.isNaN(y)) {
                return Double.isNaN(x) ? 1 : -1; // numbers first
            }
            return a.compareTo(b);
        });
        for (int r = 0; r < n; r++) {
            String s = v.get(r);
            values[r] = s == null ? Double.NaN : cats.indexOf(s);
        }
        return new Axis(key, true, List.copyOf(cats), values, 0, cats.size() - 1);
    }

    private static Axis numeric(String key, double[] values) {
        double min = Double.NaN;
        double max = Double.NaN;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        return new Axis(key, false, List.of(), values, min, max);
    }

    /** @return the number in {@code s}, or NaN when it is not a finite number */
    private static double number(String s) {
        try {
            double d = Double.parseDouble(s.strip());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The params a parallel-coordinates plot starts with: at most {@code max} of those on which the runs differ,
     * preferring params every run has, then numeric ones, then by name; listed by name. Every param (by name, at most
     * {@code max}) when none differs.
     *
     * @param max the most axes
     * @return param axis keys
     */
    public List<String> defaultParallelParams(int max) {
        List<String> differing = new ArrayList<>();
        comparison.params().forEach((k, v) -> {
            if (TrackingService.Comparison.differs(v)) {
                differing.add(PARAMS + k);
            }
        });
        if (differing.isEmpty()) {
            List<String> all = paramAxes();
            return List.copyOf(all.subList(0, Math.min(max, all.size())));
        }
        List<Axis> axes = new ArrayList<>();
        for (String k : differing) {
            axes.add(axis(k));
        }
        axes.sort(java.util.Comparator.comparing((Axis a) -> Arrays.stream(a.values()).anyMatch(Double::isNaN))
                .thenComparing(Axis::categorical).thenComparing(Axis::key));
        List<String> out = new ArrayList<>();
        for (Axis a : axes.subList(0, Math.min(max, axes.size()))) {
            out.add(a.key());
        }
        Collections.sort(out);
        return List.copyOf(out);
    }

    /**
     * The metric a parallel-coordinates or scatter plot starts with: the first metric every run has a latest value
     * of, preferring a validation metric ({@code val...}); the first metric of any run otherwise; null when no run
     * has one.
     *
     * @return a metric axis key, or null
     */
    public String defaultMetric() {
        List<String> complete = new ArrayList<>();
        comparison.metrics().forEach((k, v) -> {
            if (v.stream().allMatch(d -> d != null && Double.isFinite(d))) {
                complete.add(k);
            }
        });
        for (String k : complete) {
            if (k.startsWith("val")) {
                return METRICS + k;
            }
        }
        if (!complete.isEmpty()) {
            return METRICS + complete.get(0);
        }
        return comparison.metrics().isEmpty() ? null : METRICS + comparison.metrics().keySet().iterator().next();
    }

    /**
     * A parallel-coordinates plot: one axis per param, then the metric's axis last, and each run's colour value.
     *
     * @param axes   the axes, left to right (the metric last)
     * @param colour per run, its metric value scaled to [0, 1]; NaN where it has none
     */
    public record Parallel(List<Axis> axes, double[] colour) {
        /**
         * @param run a run's position
         * @return its polyline's y per axis, each in [0, 1]; NaN where it has no value
         */
        public double[] polyline(int run) {
            double[] y = new double[axes.size()];
            for (int a = 0; a < y.length; a++) {
                y[a] = axes.get(a).normalized(run);
            }
            return y;
        }
    }

    /**
     * @param params param axis keys, in order
     * @param metric the metric axis key, or null for no metric axis
     * @return the plot
     */
    public Parallel parallel(List<String> params, String metric) {
        List<Axis> axes = new ArrayList<>();
        for (String p : params) {
            axes.add(axis(p));
        }
        double[] colour = new double[comparison.runs().size()];
        Arrays.fill(colour, Double.NaN);
        if (metric != null) {
            Axis m = axis(metric);
            axes.add(m);
            for (int r = 0; r < colour.length; r++) {
                colour[r] = m.normalized(r);
            }
        }
        return new Parallel(List.copyOf(axes), colour);
    }

    /**
     * A scatter plot of one param (x) against one metric (y).
     *
     * @param x       the param's axis
     * @param y       the metric's axis
     * @param plotted the runs drawn: those with both values
     */
    public record Scatter(Axis x, Axis y, List<Integer> plotted) {
    }

    /**
     * @param param  a param axis key (or a metric's, to plot two metrics)
     * @param metric a metric axis key
     * @return the scatter plot
     */
    public Scatter scatter(String param, String metric) {
        Axis x = axis(param);
        Axis y = axis(metric);
        List<Integer> plotted = new ArrayList<>();
        for (int r = 0; r < comparison.runs().size(); r++) {
            if (!Double.isNaN(x.values()[r]) && !Double.isNaN(y.values()[r])) {
                plotted.add(r);
            }
        }
        return new Scatter(x, y, List.copyOf(plotted));
    }
}
