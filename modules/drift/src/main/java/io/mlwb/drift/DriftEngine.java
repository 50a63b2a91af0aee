package io.mlwb.drift;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.DriftConfig.Test;
import io.mlwb.data.sort.RadixSort;
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
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * Below this many values on both sides together the columns are compared on the calling thread: handing them to
     * other threads would cost more than it saves.
     */
    static final long PARALLEL_FROM_VALUES = 200_000;

    private final int threads;

    /** Creates an engine that compares up to as many columns at once as there are processors. */
    public DriftEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates an engine that compares up to {@code threads} columns at once (the calling thread is one of them).
     * The result does not depend on it: each column is computed alone, and the results keep the reference's order.
     *
     * @param threads at most this many columns at once, at least 1
     */
    public DriftEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
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
        List<Column[]> pairs = new ArrayList<>();
        long values = 0;
        for (Column ref : reference.columns()) {
            progress.checkCancelled();
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
            pairs.add(new Column[] {ref, cur.get()});
            values += ref.size() + cur.get().size();
        }
        int workers = (int) Math.min(threads, pairs.size());
        List<ColumnDrift> results = workers > 1 && values >= PARALLEL_FROM_VALUES
                ? compareInParallel(pairs, options, progress, workers) : compareInTurn(pairs, options, progress);
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

    private List<ColumnDrift> compareInTurn(List<Column[]> pairs, DriftOptions options, Progress progress) {
        List<ColumnDrift> results = new ArrayList<>(pairs.size());
        SortBuffers buffers = new SortBuffers();
        for (int i = 0; i < pairs.size(); i++) {
            progress.checkCancelled();
            progress.report((double) i / pairs.size(), "Comparing " + pairs.get(i)[0].name());
            results.add(compareColumn(pairs.get(i)[0], pairs.get(i)[1], options, buffers));
        }
        return results;
    }

    /**
     * Compares the pairs on {@code workers} threads, the calling one included: each takes the next column not yet
     * taken, with its own sort buffers, so at most {@code workers} columns are in memory at once. A worker stops
     * taking columns once one has failed or the work is cancelled; the failure of the first column in the
     * reference's order is rethrown, as comparing in turn would have thrown it.
     */
    private List<ColumnDrift> compareInParallel(List<Column[]> pairs, DriftOptions options, Progress progress,
                                                int workers) {
        int n = pairs.size();
        ColumnDrift[] results = new ColumnDrift[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable work = () -> {
            SortBuffers buffers = new SortBuffers();
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < n) {
                try {
                    progress.checkCancelled();
                    results[i] = compareColumn(pairs.get(i)[0], pairs.get(i)[1], options, buffers);
                    progress.report((double) done.incrementAndGet() / n, "Compared " + pairs.get(i)[0].name());
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    stop.set(true);
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "mlwb-drift-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> helpers = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                helpers.add(pool.submit(work));
            }
            work.run();
            for (Future<?> f : helpers) {
                awaitUninterruptibly(f, stop);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            if (failures[i] instanceof RuntimeException e) {
                throw e;
            }
            if (failures[i] instanceof Error e) {
                throw e;
            }
        }
        return Arrays.asList(results);
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Waits for a helper; an interrupt stops the other workers taking columns and is kept for the caller. */
    private static void awaitUninterruptibly(Future<?> f, AtomicBoolean stop) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a drift worker failed", e.getCause()); // the work catches all
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
        return compareColumn(ref, cur, options, new SortBuffers());
    }

    private ColumnDrift compareColumn(Column ref, Column cur, DriftOptions options, SortBuffers buffers) {
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
        // each numeric side is sorted once; the quantiles, bins, distances and KS all read the sorted values
        double[] refValues = numeric ? buffers.reference(ref.size()) : null;
        double[] curValues = numeric ? buffers.current(cur.size()) : null;
        int refN = numeric ? presentSorted(ref, refValues, buffers) : 0;
        int curN = numeric ? presentSorted(cur, curValues, buffers) : 0;
        boolean asNumbers = numeric && distinctAbove(refValues, refN, MAX_CATEGORY_LIKE_DISTINCT);
        Counts counts = asNumbers ? null : numeric ? Counts.ofNumbers(refValues, refN, curValues, curN, ref)
                : Counts.of(ref, cur);
        long nRef = numeric ? refN : counts.refTotal;
        long nCur = numeric ? curN : counts.curTotal;
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
        long[][] bins = asNumbers ? numericBins(ref.name(), refValues, refN, curValues, curN, override, options)
                : new long[][] {counts.ref, counts.cur};
        PopulationStability.Result psi = PopulationStability.compute(bins[0], bins[1]);
        Double statistic;
        Double p = null;
        String note = null;
        switch (test) {
            case KS -> {
                KolmogorovSmirnov.Result r = KolmogorovSmirnov.testSorted(refValues, refN, curValues, curN);
                statistic = r.statistic();
                p = r.pValue();
            }
            case WASSERSTEIN -> {
                double w = Wasserstein.distanceSorted(refValues, refN, curValues, curN);
                statistic = Wasserstein.normalised(w, Wasserstein.populationStd(refValues, refN));
            }
            case CHI2 -> {
                Counts c = counts != null ? counts : Counts.ofNumbers(refValues, refN, curValues, curN, ref);
                ChiSquare.Result r = ChiSquare.test(c.cur, c.expected());
                statistic = r.statistic();
                p = r.pValue();
                if (Double.isInfinite(r.statistic())) {
                    note = "a category absent from the reference appears in the current data: χ² is infinite, p = 0";
                }
            }
            case JENSENSHANNON -> {
                Counts c = counts != null ? counts : Counts.ofNumbers(refValues, refN, curValues, curN, ref);
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

    /** Reference and current counts per numeric bin, from the sorted values. */
    private static long[][] numericBins(String name, double[] ref, int nRef, double[] cur, int nCur,
                                        DriftConfig.Column override, DriftOptions options) {
        int bins = override != null && override.bins() != null ? override.bins() : options.bins();
        DriftConfig.Binning binning = override != null && override.binning() != null ? override.binning()
                : options.binning();
        double[] edges;
        switch (binning) {
            case QUANTILE -> edges = Bins.quantileEdges(ref, nRef, bins);
            case EQUAL_WIDTH -> edges = Bins.equalWidthEdges(ref[0], ref[nRef - 1], bins);
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
        return new long[][] {Bins.countsSorted(ref, nRef, edges), Bins.countsSorted(cur, nCur, edges)};
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

    /**
     * Writes the non-missing values of a numeric or date column into {@code out}, sorted, −0.0 as 0.0 (dates as
     * epoch milliseconds), by a radix sort on the buffers' keys.
     *
     * @return how many values were written
     */
    static int presentSorted(Column c, double[] out, SortBuffers buffers) {
        long[] keys = buffers.keys(c.size());
        int k = 0;
        if (c instanceof NumericColumn n) {
            double[] v = n.values();
            BitSet missing = n.missing();
            boolean none = missing.isEmpty();
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (x == x && (none || !missing.get(i))) { // x == x: not NaN
                    keys[k++] = RadixSort.doubleKey(x);
                }
            }
        } else if (c instanceof DateTimeColumn d) {
            long[] v = d.millis();
            BitSet missing = d.missing();
            boolean none = missing.isEmpty();
            for (int i = 0; i < v.length; i++) {
                if (none || !missing.get(i)) {
                    keys[k++] = RadixSort.doubleKey(v[i]);
                }
            }
        } else {
            throw new IllegalArgumentException("not a numeric column: " + c.name());
        }
        RadixSort.sortUnsigned(keys, k, buffers.scratch(k), null, null);
        for (int i = 0; i < k; i++) {
            out[i] = RadixSort.keyDouble(keys[i]);
        }
        return k;
    }

    /** @return the values of a numeric or date column that are not missing, sorted (a fresh array) */
    static double[] presentSorted(Column c) {
        SortBuffers b = new SortBuffers();
        double[] out = new double[c.size()];
        int k = presentSorted(c, out, b);
        return k == out.length ? out : Arrays.copyOf(out, k);
    }

    private static boolean distinctAbove(double[] sorted, int n, int limit) {
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                if (++distinct > limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Work arrays that one thread reuses from column to column, so that comparing a million-row column allocates
     * nothing new after the first: the radix sort's keys and their twin, and both sides' sorted values. Each grows to
     * the largest column it served; entries past what a caller asked for hold stale data, so lengths are passed
     * along. Not thread-safe: one per thread.
     */
    static final class SortBuffers {
        private long[] keys = new long[0];
        private long[] scratch = new long[0];
        private double[] reference = new double[0];
        private double[] current = new double[0];

        long[] keys(int n) {
            if (keys.length < n) {
                keys = new long[n];
            }
            return keys;
        }

        long[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new long[n];
            }
            return scratch;
        }

        double[] reference(int n) {
            if (reference.length < n) {
                reference = new double[n];
            }
            return reference;
        }

        double[] current(int n) {
            if (current.length < n) {
                current = new double[n];
            }
            return current;
        }
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

        /**
         * Numbers as categories, labelled as the column writes them: one merge of the two sorted sides, the reference's
         * values first in value order, then the new ones.
         */
        static Counts ofNumbers(double[] refSorted, int nRef, double[] curSorted, int nCur, Column column) {
            List<Double> values = new ArrayList<>();
            List<long[]> counts = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < nRef || j < nCur) {
                double v = j >= nCur || (i < nRef && refSorted[i] <= curSorted[j]) ? refSorted[i] : curSorted[j];
                long[] c = new long[2];
                while (i < nRef && refSorted[i] == v) {
                    c[0]++;
                    i++;
                }
                while (j < nCur && curSorted[j] == v) {
                    c[1]++;
                    j++;
                }
                values.add(v);
                counts.add(c);
            }
            Map<String, long[]> map = new LinkedHashMap<>();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < values.size(); k++) {
                    long[] c = counts.get(k);
                    if ((c[0] > 0) == (pass == 0)) {
                        map.merge(label(values.get(k), column), c, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                    }
                }
            }
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
