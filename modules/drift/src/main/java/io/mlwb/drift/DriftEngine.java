package io.mlwb.drift;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.DriftConfig.Test;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.drift.stats.Bins;
import io.mlwb.drift.stats.ChiSquare;
import io.mlwb.drift.stats.JensenShannon;
import io.mlwb.drift.stats.KolmogorovSmirnov;
import io.mlwb.drift.stats.PopulationStability;
import io.mlwb.drift.stats.Wasserstein;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a reference table with a current one, column by column, as docs/drift.md defines it: columns are
 * matched by name; each column present in both gets the automatic test (or its override), PSI and KL, its
 * missing rates and its new and vanished categories; columns only on one side, and changed types, are reported as
 * schema differences; the dataset has drifted when the share of drifted columns reaches the options' drift share.
 * Pure: tables in, a {@link DatasetDrift} out; no I/O, no state, safe to share between threads.
 */
public final class DriftEngine {
    /** Numeric columns with more distinct reference values than this are compared as numbers. */
    public static final int MAX_CATEGORY_LIKE_DISTINCT = 5;
    /** References with at most this many non-missing values get KS or χ²; larger ones a distance. */
    public static final int SMALL_REFERENCE = 1000;
    /** The default threshold of the p-value tests (KS, χ²): drifted when p ≤ 0.05. */
    public static final double DEFAULT_P_THRESHOLD = 0.05;
    /** The default threshold of the distances (Wasserstein ÷ std, Jensen-Shannon, PSI): drifted when ≥ 0.1. */
    public static final double DEFAULT_DISTANCE_THRESHOLD = 0.1;

    /** Creates an engine; it keeps no state. */
    public DriftEngine() {
        // stateless
    }

    /**
     * Compares two tables with these options and no progress reporting.
     *
     * @param reference the reference data
     * @param current   the current data
     * @param options   drift share, binning and per-column overrides
     * @return the comparison
     * @throws UserError when an override cannot apply (e.g. KS on a text-valued column, custom bins without edges)
     */
    public DatasetDrift compare(DataTable reference, DataTable current, DriftOptions options) {
        return compare(reference, current, options, Progress.NONE);
    }

    /**
     * Compares two tables, reporting progress and checking cancellation between columns.
     *
     * @param reference the reference data
     * @param current   the current data
     * @param options   drift share, binning and per-column overrides
     * @param progress  receives a fraction per column; cancellation is honoured between columns
     * @return the comparison
     * @throws UserError when an override cannot apply
     */
    public DatasetDrift compare(DataTable reference, DataTable current, DriftOptions options, Progress progress) {
        Set<String> refNames = new HashSet<>(reference.names());
        List<String> added = current.names().stream().filter(n -> !refNames.contains(n)).toList();
        List<String> removed = new ArrayList<>();
        List<DatasetDrift.Retyped> retyped = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<ColumnDrift> results = new ArrayList<>();
        List<Column> refColumns = reference.columns();
        for (int i = 0; i < refColumns.size(); i++) {
            progress.checkCancelled();
            Column ref = refColumns.get(i);
            Optional<Column> cur = current.column(ref.name());
            if (cur.isEmpty()) {
                removed.add(ref.name());
                continue;
            }
            if (ref.type() != cur.get().type()) {
                retyped.add(new DatasetDrift.Retyped(ref.name(), ref.type(), cur.get().type()));
            }
            if (options.column(ref.name()).map(DriftConfig.Column::ignore).orElse(false)) {
                ignored.add(ref.name());
                continue;
            }
            progress.report((double) i / refColumns.size(), "Comparing " + ref.name());
            results.add(compareColumn(ref, cur.get(), options));
        }
        int compared = 0;
        int drifted = 0;
        for (ColumnDrift c : results) {
            if (c.counted()) {
                compared++;
                if (c.drifted()) {
                    drifted++;
                }
            }
        }
        double share = compared == 0 ? 0.0 : (double) drifted / compared;
        boolean datasetDrift = compared > 0 && share >= options.driftShare();
        progress.report(1.0, "Compared " + compared + " columns");
        return new DatasetDrift(results, added, removed, retyped, ignored, compared, drifted, share,
                options.driftShare(), datasetDrift);
    }

    /**
     * Compares one column with its namesake.
     *
     * @param ref     the reference column
     * @param cur     the current column of the same name
     * @param options binning and the column's overrides
     * @return the column's result
     * @throws UserError when an override cannot apply
     */
    public ColumnDrift compareColumn(Column ref, Column cur, DriftOptions options) {
        DriftConfig.Column override = options.column(ref.name()).orElse(null);
        ColumnType rt = ref.type();
        ColumnType ct = cur.type();
        double missingRef = ref.size() == 0 ? 0.0 : (double) presentMissing(ref) / ref.size();
        double missingCur = cur.size() == 0 ? 0.0 : (double) presentMissing(cur) / cur.size();
        if (rt == ColumnType.TEXT && ct == ColumnType.TEXT) {
            return new ColumnDrift(ref.name(), rt, ct, ColumnDrift.Status.SKIPPED_TEXT, null, null, null, null, false,
                    null, null, null, missingRef, missingCur, ref.size() - presentMissing(ref),
                    cur.size() - presentMissing(cur), List.of(), List.of(),
                    "free text on both sides: not compared");
        }
        boolean stringy = isString(rt) && isString(ct);
        if (rt != ct && !stringy) {
            return new ColumnDrift(ref.name(), rt, ct, ColumnDrift.Status.RETYPED, null, null, null, null, true,
                    null, null, null, missingRef, missingCur, ref.size() - presentMissing(ref),
                    cur.size() - presentMissing(cur), List.of(), List.of(),
                    "type changed from " + rt.yamlName() + " to " + ct.yamlName() + ": counted as drifted, not tested");
        }
        boolean numeric = rt == ColumnType.NUMERIC || rt == ColumnType.DATETIME;
        double[] refValues = numeric ? presentSorted(ref) : null;
        double[] curValues = numeric ? presentSorted(cur) : null;
        boolean asNumbers = numeric && distinctAbove(refValues, MAX_CATEGORY_LIKE_DISTINCT);
        Counts counts = asNumbers ? null : numeric ? Counts.ofNumbers(refValues, curValues, ref) : Counts.of(ref, cur);
        long nRef = numeric ? refValues.length : counts.refTotal;
        long nCur = numeric ? curValues.length : counts.curTotal;
        Test test = chooseTest(ref, override, asNumbers, nRef);
        Double threshold = override != null && override.threshold() != null ? override.threshold()
                : (test == Test.KS || test == Test.CHI2) ? DEFAULT_P_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD;
        List<String> newCats = counts == null ? List.of() : counts.onlyCurrent();
        List<String> vanished = counts == null ? List.of() : counts.onlyReference();
        if (nRef == 0 || nCur == 0) {
            boolean drifted = nRef != nCur;
            String note = nRef == 0 && nCur == 0 ? "no non-missing values on either side: not tested"
                    : (nRef == 0 ? "no non-missing values in the reference" : "no non-missing values in the current data")
                    + ": counted as drifted, not tested";
            return new ColumnDrift(ref.name(), rt, ct, ColumnDrift.Status.NO_VALUES, test, null, null, threshold,
                    drifted, null, null, null, missingRef, missingCur, nRef, nCur, newCats, vanished, note);
        }
        // PSI and KL on the column's bins
        long[][] bins = asNumbers ? numericBins(ref.name(), refValues, curValues, override, options)
                : new long[][] {counts.ref, counts.cur};
        PopulationStability.Result psi = PopulationStability.compute(bins[0], bins[1]);
        Double statistic;
        Double p = null;
        String note = null;
        switch (test) {
            case KS -> {
                KolmogorovSmirnov.Result r = KolmogorovSmirnov.testSorted(refValues, refValues.length, curValues,
                        curValues.length);
                statistic = r.statistic();
                p = r.pValue();
            }
            case WASSERSTEIN -> {
                double w = Wasserstein.distanceSorted(refValues, refValues.length, curValues, curValues.length);
                statistic = Wasserstein.normalised(w, Wasserstein.populationStd(refValues, refValues.length));
            }
            case CHI2 -> {
                Counts c = counts != null ? counts : Counts.ofNumbers(refValues, curValues, ref);
                ChiSquare.Result r = ChiSquare.test(c.cur, c.expected());
                statistic = r.statistic();
                p = r.pValue();
                if (Double.isInfinite(r.statistic())) {
                    note = "a category absent from the reference appears in the current data: χ² is infinite, p = 0";
                }
            }
            case JENSENSHANNON -> {
                Counts c = counts != null ? counts : Counts.ofNumbers(refValues, curValues, ref);
                statistic = JensenShannon.distance(c.ref, c.cur);
            }
            case PSI -> statistic = psi.psi();
            default -> throw new IllegalStateException("unexpected test " + test);
        }
        boolean drifted;
        if (p != null) {
            drifted = p <= threshold;
        } else if (Double.isNaN(statistic)) {
            drifted = false;
            note = "the statistic is not a number (infinite values in the data): not counted as drifted";
        } else {
            drifted = statistic >= threshold;
        }
        return new ColumnDrift(ref.name(), rt, ct, ColumnDrift.Status.TESTED, test, statistic, p, threshold, drifted,
                psi.psi(), psi.kl(), psi.band(), missingRef, missingCur, nRef, nCur, newCats, vanished, note);
    }

    private static Test chooseTest(Column ref, DriftConfig.Column override, boolean asNumbers, long nRef) {
        Test asked = override == null || override.test() == null ? Test.AUTO : override.test();
        boolean numeric = ref.type() == ColumnType.NUMERIC || ref.type() == ColumnType.DATETIME;
        if (asked == Test.AUTO) {
            if (asNumbers) {
                return nRef <= SMALL_REFERENCE ? Test.KS : Test.WASSERSTEIN;
            }
            return nRef <= SMALL_REFERENCE ? Test.CHI2 : Test.JENSENSHANNON;
        }
        if ((asked == Test.KS || asked == Test.WASSERSTEIN) && !numeric) {
            throw new UserError("Column '%s' is %s; the %s test needs numbers.".formatted(ref.name(),
                    ref.type().yamlName(), asked.yamlName()),
                    "Set drift.columns.%s.test in mlwb.yaml to chi2, jensenshannon, psi or auto.".formatted(ref.name()));
        }
        return asked;
    }

    /** Reference and current counts per numeric bin. */
    private static long[][] numericBins(String name, double[] ref, double[] cur, DriftConfig.Column override,
                                        DriftOptions options) {
        int bins = override != null && override.bins() != null ? override.bins() : options.bins();
        DriftConfig.Binning binning = override != null && override.binning() != null ? override.binning()
                : options.binning();
        double[] edges;
        switch (binning) {
            case QUANTILE -> edges = Bins.quantileEdges(ref, ref.length, bins);
            case EQUAL_WIDTH -> edges = Bins.equalWidthEdges(ref[0], ref[ref.length - 1], bins);
            case CUSTOM -> {
                List<Double> given = override == null ? List.of() : override.edges();
                if (given.isEmpty()) {
                    throw new UserError("Column '%s' asks for custom bins but gives no edges.".formatted(name),
                            "Set drift.columns.%s.edges in mlwb.yaml to increasing numbers.".formatted(name));
                }
                edges = Bins.checkedCustom(given.stream().mapToDouble(Double::doubleValue).toArray());
            }
            default -> throw new IllegalStateException("unexpected binning " + binning);
        }
        return new long[][] {Bins.counts(ref, ref.length, edges), Bins.counts(cur, cur.length, edges)};
    }

    private static boolean isString(ColumnType t) {
        return t == ColumnType.CATEGORICAL || t == ColumnType.TEXT;
    }

    /** Missing rows, counting a NaN in a numeric column as missing. */
    private static int presentMissing(Column c) {
        if (c instanceof NumericColumn n) {
            int missing = 0;
            double[] v = n.values();
            for (int i = 0; i < v.length; i++) {
                if (n.isMissing(i) || Double.isNaN(v[i])) {
                    missing++;
                }
            }
            return missing;
        }
        return c.missingCount();
    }

    /** The non-missing values of a numeric or date column, sorted, −0.0 as 0.0 (dates as epoch milliseconds). */
    static double[] presentSorted(Column c) {
        double[] out = new double[c.size()];
        int k = 0;
        if (c instanceof NumericColumn n) {
            double[] v = n.values();
            for (int i = 0; i < v.length; i++) {
                if (!n.isMissing(i) && !Double.isNaN(v[i])) {
                    out[k++] = v[i] + 0.0;
                }
            }
        } else if (c instanceof DateTimeColumn d) {
            long[] v = d.millis();
            for (int i = 0; i < v.length; i++) {
                if (!d.isMissing(i)) {
                    out[k++] = v[i];
                }
            }
        } else {
            throw new IllegalArgumentException("not a numeric column: " + c.name());
        }
        double[] s = k == out.length ? out : Arrays.copyOf(out, k);
        Arrays.sort(s);
        return s;
    }

    private static boolean distinctAbove(double[] sorted, int limit) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                if (++distinct > limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Counts per category over the union of both sides' categories: the reference's first, then new ones. */
    private static final class Counts {
        private final List<String> labels;
        private final long[] ref;
        private final long[] cur;
        private final long refTotal;
        private final long curTotal;

        private Counts(List<String> labels, long[] ref, long[] cur) {
            this.labels = labels;
            this.ref = ref;
            this.cur = cur;
            this.refTotal = Arrays.stream(ref).sum();
            this.curTotal = Arrays.stream(cur).sum();
        }

        static Counts of(Column ref, Column cur) {
            Map<String, long[]> map = new LinkedHashMap<>();
            count(ref, map, 0);
            count(cur, map, 1);
            return from(map);
        }

        /** Numbers as categories, labelled as the column writes them. */
        static Counts ofNumbers(double[] refSorted, double[] curSorted, Column column) {
            Map<Double, long[]> byValue = new java.util.TreeMap<>();
            for (double v : refSorted) {
                byValue.computeIfAbsent(v, x -> new long[2])[0]++;
            }
            for (double v : curSorted) {
                byValue.computeIfAbsent(v, x -> new long[2])[1]++;
            }
            Map<String, long[]> map = new LinkedHashMap<>();
            // reference categories first, in value order, then the new ones
            byValue.forEach((v, c) -> {
                if (c[0] > 0) {
                    map.put(label(v, column), c);
                }
            });
            byValue.forEach((v, c) -> {
                if (c[0] == 0) {
                    map.put(label(v, column), c);
                }
            });
            return from(map);
        }

        private static String label(double v, Column column) {
            if (column instanceof DateTimeColumn d) {
                return d.style().format((long) v);
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }

        private static Counts from(Map<String, long[]> map) {
            List<String> labels = new ArrayList<>(map.keySet());
            long[] r = new long[labels.size()];
            long[] c = new long[labels.size()];
            int i = 0;
            for (long[] v : map.values()) {
                r[i] = v[0];
                c[i] = v[1];
                i++;
            }
            return new Counts(labels, r, c);
        }

        private static void count(Column column, Map<String, long[]> map, int side) {
            if (column instanceof CategoricalColumn c) {
                long[] perCode = new long[c.dictionary().size()];
                for (int code : c.codes()) {
                    if (code >= 0) {
                        perCode[code]++;
                    }
                }
                for (int k = 0; k < perCode.length; k++) {
                    if (perCode[k] > 0) {
                        map.computeIfAbsent(c.dictionary().get(k), x -> new long[2])[side] += perCode[k];
                    }
                }
            } else if (column instanceof BooleanColumn b) {
                long t = 0;
                long f = 0;
                for (byte v : b.values()) {
                    if (v == 1) {
                        t++;
                    } else if (v == 0) {
                        f++;
                    }
                }
                if (f > 0) {
                    map.computeIfAbsent("false", x -> new long[2])[side] += f;
                }
                if (t > 0) {
                    map.computeIfAbsent("true", x -> new long[2])[side] += t;
                }
            } else {
                throw new IllegalArgumentException("not a categorical column: " + column.name());
            }
        }

        /** expected = reference proportion × current total, per category. */
        double[] expected() {
            double[] e = new double[ref.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = (double) ref[i] / refTotal * curTotal;
            }
            return e;
        }

        List<String> onlyCurrent() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (ref[i] == 0 && cur[i] > 0) {
                    out.add(labels.get(i));
                }
            }
            return out;
        }

        List<String> onlyReference() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (cur[i] == 0 && ref[i] > 0) {
                    out.add(labels.get(i));
                }
            }
            return out;
        }
    }
}
