package io.mlwb.drift.time;

import io.mlwb.core.error.UserError;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drift over time: the current data cut into time windows (calendar weeks or months in UTC, or runs of N days) by a
 * datetime column, and each window's PSI per column against the whole reference (the same bins as the dataset
 * comparison), as a heatmap; and a statistical-process-control chart per column over those windows, so that a slow
 * drift raises an alarm before any single window crosses the PSI threshold.
 *
 * <p>Control limits come from a baseline of "no drift" (docs/drift.md): when the reference has the time column and at
 * least {@value #MIN_BASELINE} windows, the PSI of each reference window against the whole reference; otherwise the
 * first windows of the current data (at most half of them, at least {@value #MIN_BASELINE}). Centre = the baseline's
 * mean, σ = its sample standard deviation, UCL = centre + 3σ. Alarms (Western Electric / Nelson rules on the upper
 * side, since PSI only grows with drift): a window above the UCL; two of three consecutive windows above centre + 2σ;
 * nine windows in a row above the centre.
 */
public final class DriftOverTime {
    /** The fewest windows a baseline needs. */
    public static final int MIN_BASELINE = 4;
    /** Nine in a row above the centre line (Nelson's rule 2). */
    public static final int RUN_LENGTH = 9;
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d");

    private DriftOverTime() {
    }

    /**
     * A time window of the current data.
     *
     * @param start its first instant (inclusive)
     * @param end   its end (exclusive)
     * @param rows  how many current rows fall in it
     */
    public record Window(Instant start, Instant end, int rows) {
    }

    /**
     * An alarm of the control chart.
     *
     * @param window the window index where the rule fired
     * @param rule   {@code beyond_3_sigma}, {@code two_of_three_beyond_2_sigma} or {@code nine_above_centre}
     */
    public record Alarm(int window, String rule) {
    }

    /**
     * A column's control chart.
     *
     * @param centre   the baseline's mean PSI
     * @param sigma    the baseline's standard deviation
     * @param ucl      centre + 3σ
     * @param baseline where the baseline came from: {@code reference} or {@code current}
     * @param alarms   the alarms, in window order
     */
    public record Control(double centre, double sigma, double ucl, String baseline, List<Alarm> alarms) {
        /** Copies the list. */
        public Control {
            alarms = List.copyOf(alarms);
        }
    }

    /**
     * The result.
     *
     * @param timeColumn the column windows are cut by
     * @param window     the window as asked ({@code week}, {@code month}, {@code 7d})
     * @param windows    the windows, in time order (empty ones left out)
     * @param psi        per column, the PSI of each window against the reference (NaN where a window has no value)
     * @param control    per column, its control chart
     */
    public record Result(String timeColumn, String window, List<Window> windows, Map<String, double[]> psi,
                         Map<String, Control> control) {
        /** @return the JSON of {@code "over_time"} in {@code mlwb drift --json} (docs/cli.md) */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time_column", timeColumn);
            m.put("window", window);
            List<Map<String, Object>> ws = new ArrayList<>();
            for (Window w : windows) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("start", w.start().toString());
                x.put("end", w.end().toString());
                x.put("rows", w.rows());
                ws.add(x);
            }
            m.put("windows", ws);
            Map<String, Object> cols = new LinkedHashMap<>();
            psi.forEach((name, values) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                List<Double> v = new ArrayList<>();
                for (double d : values) {
                    v.add(Double.isFinite(d) ? d : null);
                }
                c.put("psi", v);
                Control k = control.get(name);
                if (k != null) {
                    c.put("centre", k.centre());
                    c.put("sigma", k.sigma());
                    c.put("ucl", k.ucl());
                    c.put("baseline", k.baseline());
                    c.put("alarms", k.alarms().stream().map(a -> Map.of("window", a.window(), "rule", a.rule()))
                            .toList());
                }
                cols.put(name, c);
            });
            m.put("columns", cols);
            return m;
        }
    }

    /**
     * @param reference  the reference data
     * @param current    the current data
     * @param timeColumn the datetime column of the current data (and, for a reference baseline, of the reference)
     * @param window     {@code week}, {@code month} or {@code Nd}
     * @param options    the comparison's options (bins, binning, ignored columns)
     * @return the windows, PSI per column and window, and control charts
     * @throws UserError when the time column is missing or not a datetime, or the window is not understood
     */
    public static Result compute(DataTable reference, DataTable current, String timeColumn, String window,
                                 DriftOptions options) {
        DateTimeColumn curTime = time(current, timeColumn, "current");
        List<int[]> curWindows = new ArrayList<>();
        List<Window> windows = cut(curTime, window, curWindows);
        if (windows.isEmpty()) {
            throw new UserError("The current data has no value in its time column " + timeColumn + ".",
                    "Name a datetime column with values, or leave out --time-column.");
        }
        DriftEngine engine = new DriftEngine();
        Map<String, double[]> psi = new LinkedHashMap<>();
        Map<String, Control> control = new LinkedHashMap<>();
        List<int[]> refWindows = new ArrayList<>();
        boolean refBaseline = reference.column(timeColumn).orElse(null) instanceof DateTimeColumn rt
                && cut(rt, window, refWindows).size() >= MIN_BASELINE;
        for (Column ref : reference.columns()) {
            String name = ref.name();
            Column cur = current.column(name).orElse(null);
            if (cur == null || name.equals(timeColumn) || options.column(name).map(c -> c.ignore()).orElse(false)
                    || ref instanceof DateTimeColumn || ref.type() != cur.type()) {
                continue;
            }
            double[] series = new double[windows.size()];
            for (int w = 0; w < windows.size(); w++) {
                series[w] = psiOf(engine, ref, slice(cur, curWindows.get(w)), options);
            }
            psi.put(name, series);
            double[] base;
            String from;
            if (refBaseline) {
                base = new double[refWindows.size()];
                for (int w = 0; w < base.length; w++) {
                    base[w] = psiOf(engine, ref, slice(ref, refWindows.get(w)), options);
                }
                from = "reference";
            } else {
                int k = Math.max(MIN_BASELINE, series.length / 2);
                if (series.length < 2 * MIN_BASELINE) {
                    continue; // too few windows for a chart of its own; the heatmap still shows them
                }
                base = java.util.Arrays.copyOf(series, Math.min(k, series.length / 2));
                from = "current";
            }
            control.put(name, chart(base, series, from));
        }
        return new Result(timeColumn, window, windows, psi, control);
    }

    private static double psiOf(DriftEngine engine, Column ref, Column cur, DriftOptions options) {
        if (cur.size() == cur.missingCount()) {
            return Double.NaN;
        }
        ColumnDrift d = engine.compareColumn(ref, cur, options);
        return d.psi() == null ? Double.NaN : d.psi();
    }

    /** The control chart of {@code series} with limits from {@code baseline}. */
    static Control chart(double[] baseline, double[] series, String from) {
        double sum = 0;
        int n = 0;
        for (double b : baseline) {
            if (Double.isFinite(b)) {
                sum += b;
                n++;
            }
        }
        double centre = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (double b : baseline) {
            if (Double.isFinite(b)) {
                ss += (b - centre) * (b - centre);
            }
        }
        double sigma = n < 2 ? 0 : Math.sqrt(ss / (n - 1));
        double ucl = centre + 3 * sigma;
        double two = centre + 2 * sigma;
        List<Alarm> alarms = new ArrayList<>();
        int above = 0;
        for (int i = 0; i < series.length; i++) {
            double v = series[i];
            if (!Double.isFinite(v)) {
                above = 0;
                continue;
            }
            if (v > ucl) {
                alarms.add(new Alarm(i, "beyond_3_sigma"));
            }
            if (i >= 2) {
                int beyond = 0;
                for (int j = i - 2; j <= i; j++) {
                    beyond += Double.isFinite(series[j]) && series[j] > two ? 1 : 0;
                }
                if (beyond >= 2 && v > two) {
                    alarms.add(new Alarm(i, "two_of_three_beyond_2_sigma"));
                }
            }
            above = v > centre ? above + 1 : 0;
            if (above == RUN_LENGTH) {
                alarms.add(new Alarm(i, "nine_above_centre"));
            }
        }
        return new Control(centre, sigma, ucl, from, alarms);
    }

    private static DateTimeColumn time(DataTable t, String name, String side) {
        Column c = t.column(name).orElseThrow(() -> new UserError("The " + side + " data has no column '" + name
                + "' to cut time windows by.", "Name its datetime column with --time-column."));
        if (!(c instanceof DateTimeColumn d)) {
            throw new UserError("'" + name + "' in the " + side + " data is " + c.type().yamlName() + ", not a date "
                    + "or time.", "Name a datetime column, or declare its type in mlwb.yaml column_types.");
        }
        return d;
    }

    /** The non-empty windows of a time column, in order, with the rows of each added to {@code rows}. */
    static List<Window> cut(DateTimeColumn t, String window, List<int[]> rows) {
        String w = window == null ? "month" : window.strip().toLowerCase(Locale.ROOT);
        Matcher days = DAYS.matcher(w);
        if (!w.equals("week") && !w.equals("month") && !days.matches()) {
            throw new UserError("'" + window + "' is not a time window.", "Use week, month or a number of days such "
                    + "as 7d.");
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < t.size(); i++) {
            if (!t.isMissing(i)) {
                min = Math.min(min, t.millis()[i]);
            }
        }
        TreeMap<Long, List<Integer>> byStart = new TreeMap<>();
        long span = days.matches() ? Long.parseLong(days.group(1)) * 86_400_000L : 0;
        if (days.matches() && span <= 0) {
            throw new UserError("A window of 0 days is empty.", "Use at least 1d.");
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.isMissing(i)) {
                continue;
            }
            long ms = t.millis()[i];
            long start;
            if (span > 0) {
                start = min + Math.floorDiv(ms - min, span) * span;
            } else {
                LocalDate d = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
                LocalDate s = w.equals("week") ? d.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                        : d.withDayOfMonth(1);
                start = s.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            byStart.computeIfAbsent(start, k -> new ArrayList<>()).add(i);
        }
        List<Window> out = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : byStart.entrySet()) {
            Instant s = Instant.ofEpochMilli(e.getKey());
            Instant end = span > 0 ? s.plusMillis(span) : w.equals("week") ? s.plus(7, ChronoUnit.DAYS)
                    : s.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
            out.add(new Window(s, end, e.getValue().size()));
            rows.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** The given rows of a column, as a column of the same kind. */
    static Column slice(Column c, int[] rows) {
        if (c instanceof NumericColumn n) {
            double[] v = new double[rows.length];
            BitSet miss = new BitSet(rows.length);
            for (int i = 0; i < rows.length; i++) {
                v[i] = n.values()[rows[i]];
                if (n.isMissing(rows[i])) {
                    miss.set(i);
                }
            }
            return new NumericColumn(n.name(), v, miss, n.integral());
        }
        if (c instanceof CategoricalColumn k) {
            int[] codes = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                codes[i] = k.codes()[rows[i]];
            }
            return new CategoricalColumn(k.name(), k.type(), codes, k.dictionary());
        }
        if (c instanceof BooleanColumn b) {
            byte[] v = new byte[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = b.values()[rows[i]];
            }
            return new BooleanColumn(b.name(), v);
        }
        DateTimeColumn d = (DateTimeColumn) c;
        long[] v = new long[rows.length];
        BitSet miss = new BitSet(rows.length);
        for (int i = 0; i < rows.length; i++) {
            v[i] = d.millis()[rows[i]];
            if (d.isMissing(rows[i])) {
                miss.set(i);
            }
        }
        return new DateTimeColumn(d.name(), v, miss, d.style(), d.format());
    }
}
