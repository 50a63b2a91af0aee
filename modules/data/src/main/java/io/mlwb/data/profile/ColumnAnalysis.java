package io.mlwb.data.profile;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Per-column statistics. Each numeric and date column is sorted once (radix sort on a copy of the present values);
 * the sorted copy gives min/max, quantiles, distinct values, top values and the histogram, and its permutation gives
 * the ranks Spearman needs.
 */
final class ColumnAnalysis {
    private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final long DAY_MILLIS = 86_400_000L;

    private ColumnAnalysis() {
    }

    /** What one column contributes to the profile and to the correlations. */
    record Result(ColumnProfile profile, CorrInput numeric, CatInput categorical) {
    }

    /**
     * A column as Pearson/Spearman see it.
     *
     * @param name     column name
     * @param x        one value per row; NaN where missing or not finite
     * @param complete every row present and finite
     * @param mean     mean of x (complete only)
     * @param ss       sum of squared deviations of x (complete only)
     * @param order    the rows with a finite value, in ascending order of value
     * @param sortedRank2 the doubled average rank of each entry of {@code order}
     * @param rank2    per row, the doubled average rank among the finite values (meaningless elsewhere); equal
     *                 values have equal ranks, which is how ties are recognised when ranking a subset
     * @param rankSs   sum of squared deviations of rank2 from its mean n + 1 (complete only)
     * @param distinct distinct present values
     */
    record CorrInput(String name, double[] x, boolean complete, double mean, double ss, int[] order,
            int[] sortedRank2, int[] rank2, double rankSs, long distinct) {
    }

    /**
     * A column as Cramér's V sees it.
     *
     * @param name        column name
     * @param codes       one code per row, -1 missing
     * @param cardinality codes are in [0, cardinality)
     * @param labels      the label of each code (for binary coding)
     */
    record CatInput(String name, int[] codes, int cardinality, List<String> labels) {
    }

    /** Keeps the k largest runs in encounter order: count descending, ties by earlier run (smaller value). */
    private static final class RunTop {
        private final int k;
        private final int[] start;
        private final long[] cnt;
        private int size;

        RunTop(int k) {
            this.k = k;
            this.start = new int[k];
            this.cnt = new long[k];
        }

        void offer(int runStart, long count) {
            if (k == 0 || (size == k && count <= cnt[k - 1])) {
                return;
            }
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && cnt[pos - 1] < count) {
                start[pos] = start[pos - 1];
                cnt[pos] = cnt[pos - 1];
                pos--;
            }
            start[pos] = runStart;
            cnt[pos] = count;
        }
    }

    /**
     * A numeric column's statistics and, when {@code wantCorr}, its correlation input.
     *
     * @param buffers work arrays of the calling thread (the sort and the sorted values); only the correlation
     *                input's arrays are allocated afresh
     */
    static Result numeric(NumericColumn col, int rows, ProfileOptions o, boolean wantCorr, SortBuffers buffers) {
        double[] v = col.values();
        BitSet miss = col.missing();
        long[] keys = buffers.keys(rows);
        int[] rowOf = miss.isEmpty() || !wantCorr ? null : buffers.rows(rows);
        int c = gatherKeys(v, miss, keys, rowOf);
        int[] perm = Sorting.sortUnsigned(keys, c, wantCorr, buffers);
        double[] s = decode(keys, c, buffers.sorted(c));
        int a = 0;
        while (a < c && s[a] == Double.NEGATIVE_INFINITY) {
            a++;
        }
        int b = c;
        while (b > a && s[b - 1] == Double.POSITIVE_INFINITY) {
            b--;
        }
        int nf = b - a;
        int firstNonNegative = firstAtLeast(s, c, 0.0);
        int firstPositive = firstAbove(s, firstNonNegative, c, 0.0);
        double sum = NumericMath.sum(s, a, b);
        double mean = nf == 0 ? Double.NaN : sum / nf;
        double[] m = nf == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : NumericMath.centeredSums(s, a, b, mean);
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = NumericMath.quantile(s, a, nf, QUANTILES[i]);
        }
        NumericStats stats = new NumericStats(nf, sum, mean, NumericMath.std(m[0], nf),
                nf == 0 ? Double.NaN : s[a], nf == 0 ? Double.NaN : s[b - 1], q[0], q[1], q[2], q[3], q[4],
                NumericMath.skewness(m[0], m[1], nf), NumericMath.kurtosis(m[0], m[2], nf),
                firstPositive - firstNonNegative, firstNonNegative, c - b, a);

        RunTop top = new RunTop(o.topK());
        long distinct = runs(s, c, top);
        List<TopValue> topValues = new ArrayList<>(top.size);
        for (int t = 0; t < top.size; t++) {
            topValues.add(new TopValue(s[top.start[t]], top.cnt[t]));
        }
        Histogram hist = NumericMath.histogram(s, a, b, o.histogramBins());
        ColumnProfile profile = new ColumnProfile(col.name(), ColumnType.NUMERIC, c, rows - c, pct(rows - c, rows),
                distinct, Double.NaN, stats, topValues, hist, null, null, null);

        CorrInput corr = null;
        if (wantCorr) {
            boolean complete = c == rows && nf == rows;
            int[] order = new int[nf];
            mapOrder(perm, rowOf, a, order);
            perm = null;
            int[] sortedRank2 = new int[nf];
            int[] rank2 = new int[rows];
            assignRanks(s, a, b, order, sortedRank2, rank2);
            if (complete) {
                corr = new CorrInput(col.name(), v, true, mean, m[0], order, sortedRank2, rank2, rankSs(rank2),
                        distinct);
            } else {
                corr = new CorrInput(col.name(), finiteOrNaN(v, order, rows), false, Double.NaN, Double.NaN, order,
                        sortedRank2, rank2, Double.NaN, distinct);
            }
        }
        return new Result(profile, corr, null);
    }

    /** Sortable keys of the present non-NaN values; {@code rowOf} (if given) receives their rows. */
    private static int gatherKeys(double[] v, BitSet miss, long[] keys, int[] rowOf) {
        int rows = v.length;
        int c = 0;
        if (miss.isEmpty()) {
            for (int i = 0; i < rows; i++) {
                double x = v[i];
                if (x == x) {
                    keys[c++] = Sorting.doubleKey(x);
                }
            }
            return c;
        }
        for (int i = 0; i < rows; i++) {
            double x = v[i];
            if (x == x && !miss.get(i)) {
                if (rowOf != null) {
                    rowOf[c] = i;
                }
                keys[c++] = Sorting.doubleKey(x);
            }
        }
        return c;
    }

    private static double[] decode(long[] keys, int c, double[] s) {
        for (int i = 0; i < c; i++) {
            s[i] = Sorting.keyDouble(keys[i]);
        }
        return s;
    }

    /** First index in sorted {@code s[0..n)} whose value is at least {@code x} (binary search). */
    private static int firstAtLeast(double[] s, int n, double x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index in sorted {@code s[from..n)} whose value is above {@code x} (binary search). */
    private static int firstAbove(double[] s, int from, int n, double x) {
        int lo = from;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Walks the runs of equal values: offers each to {@code top}, returns how many there are. */
    private static long runs(double[] s, int c, RunTop top) {
        long distinct = 0;
        int i = 0;
        while (i < c) {
            int j = i + 1;
            double x = s[i];
            while (j < c && s[j] == x) {
                j++;
            }
            distinct++;
            top.offer(i, j - i);
            i = j;
        }
        return distinct;
    }

    private static void mapOrder(int[] perm, int[] rowOf, int a, int[] order) {
        int n = order.length;
        if (rowOf == null) {
            System.arraycopy(perm, a, order, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                order[i] = rowOf[perm[a + i]];
            }
        }
    }

    /** Doubled average ranks of the finite values {@code s[a..b)}, in sorted order and per row. */
    private static void assignRanks(double[] s, int a, int b, int[] order, int[] sortedRank2, int[] rank2) {
        int i = a;
        while (i < b) {
            int j = i + 1;
            double x = s[i];
            while (j < b && s[j] == x) {
                j++;
            }
            int r = (i - a) + (j - 1 - a) + 2;
            for (int t = i - a; t < j - a; t++) {
                sortedRank2[t] = r;
                rank2[order[t]] = r;
            }
            i = j;
        }
    }

    private static double[] finiteOrNaN(double[] v, int[] order, int rows) {
        double[] x = new double[rows];
        java.util.Arrays.fill(x, Double.NaN);
        for (int row : order) {
            x[row] = v[row];
        }
        return x;
    }

    static Result bool(BooleanColumn col, int rows, ProfileOptions o, boolean wantCorr) {
        byte[] v = col.values();
        long t = 0;
        long f = 0;
        for (byte x : v) {
            if (x == 1) {
                t++;
            } else if (x == 0) {
                f++;
            }
        }
        long count = t + f;
        int k = (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0);
        List<TopValue> top = new ArrayList<>();
        if (f >= t) {
            addIf(top, false, f);
            addIf(top, true, t);
        } else {
            addIf(top, true, t);
            addIf(top, false, f);
        }
        if (top.size() > o.topK()) {
            top = top.subList(0, o.topK());
        }
        ColumnProfile profile = new ColumnProfile(col.name(), ColumnType.BOOLEAN, count, rows - count,
                pct(rows - count, rows), k, NumericMath.imbalance(new long[] {t, f}, k), null, top, null, null, null,
                new BooleanStats(t, f));
        CorrInput corr = null;
        CatInput cat = null;
        if (wantCorr) {
            double[] x = new double[rows];
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = v[i] < 0 ? Double.NaN : v[i];
                codes[i] = v[i] < 0 ? -1 : v[i];
            }
            boolean complete = count == rows;
            int[] order = new int[(int) count];
            int[] rank2 = new int[rows];
            int zeros = 0;
            int ones = (int) f;
            for (int i = 0; i < rows; i++) {
                if (v[i] == 0) {
                    order[zeros++] = i;
                    rank2[i] = (int) (f + 1);
                } else if (v[i] == 1) {
                    order[ones++] = i;
                    rank2[i] = (int) (f + 1 + count); // zeros share ranks 1..f, ones f+1..count
                }
            }
            if (complete) {
                double mean = (double) t / rows;
                double ss = t * (1 - mean) * (1 - mean) + f * mean * mean;
                corr = new CorrInput(col.name(), x, true, mean, ss, order, inOrder(order, rank2), rank2,
                        rankSs(rank2), k);
            } else {
                corr = new CorrInput(col.name(), x, false, Double.NaN, Double.NaN, order, inOrder(order, rank2), rank2,
                        Double.NaN, k);
            }
            cat = new CatInput(col.name(), codes, 2, List.of("false", "true"));
        }
        return new Result(profile, corr, cat);
    }

    private static void addIf(List<TopValue> top, boolean value, long count) {
        if (count > 0) {
            top.add(new TopValue(value, count));
        }
    }

    static Result categorical(CategoricalColumn col, int rows, ProfileOptions o, boolean wantCorr) {
        int[] codes = col.codes();
        List<String> dict = col.dictionary();
        int card = dict.size();
        long[] counts = new long[card];
        long count = 0;
        for (int code : codes) {
            if (code >= 0) {
                counts[code]++;
                count++;
            }
        }
        int distinct = 0;
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        double lenSum = 0;
        for (int d = 0; d < card; d++) {
            if (counts[d] > 0) {
                distinct++;
                String s = dict.get(d);
                int len = s.codePointCount(0, s.length());
                minLen = Math.min(minLen, len);
                maxLen = Math.max(maxLen, len);
                lenSum += (double) len * counts[d];
            }
        }
        TextStats text = count == 0 ? null : new TextStats(minLen, lenSum / count, maxLen);
        boolean categorical = col.type() == ColumnType.CATEGORICAL;
        double imbalance = categorical ? NumericMath.imbalance(counts, distinct) : Double.NaN;
        List<TopValue> top = topStrings(dict, counts, distinct, o.topK());
        ColumnProfile profile = new ColumnProfile(col.name(), col.type(), count, rows - count, pct(rows - count, rows),
                distinct, imbalance, null, top, null, text, null, null);
        CatInput cat = wantCorr && categorical ? new CatInput(col.name(), codes, card, dict) : null;
        return new Result(profile, null, cat);
    }

    /** Top k codes by count descending, ties by string (code point order) ascending, without sorting them all. */
    private static List<TopValue> topStrings(List<String> dict, long[] counts, int distinct, int k) {
        if (k == 0 || distinct == 0) {
            return List.of();
        }
        int want = Math.min(k, distinct);
        // the want-th largest count, by a small min-heap of counts
        long[] heap = new long[want];
        int hs = 0;
        for (long c : counts) {
            if (c == 0) {
                continue;
            }
            if (hs < want) {
                heap[hs] = c;
                siftUp(heap, hs++);
            } else if (c > heap[0]) {
                heap[0] = c;
                siftDown(heap, want);
            }
        }
        long threshold = heap[0];
        List<Integer> above = new ArrayList<>();
        int need = want;
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] > threshold) {
                above.add(d);
            }
        }
        need -= above.size();
        PriorityQueue<Integer> ties = new PriorityQueue<>(need + 1,
                (x, y) -> Sorting.compareCodePoints(dict.get(y), dict.get(x))); // largest string on top
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] == threshold) {
                ties.add(d);
                if (ties.size() > need) {
                    ties.poll();
                }
            }
        }
        List<Integer> chosen = new ArrayList<>(above);
        chosen.addAll(ties);
        chosen.sort((x, y) -> {
            int byCount = Long.compare(counts[y], counts[x]);
            return byCount != 0 ? byCount : Sorting.compareCodePoints(dict.get(x), dict.get(y));
        });
        List<TopValue> top = new ArrayList<>(chosen.size());
        for (int d : chosen) {
            top.add(new TopValue(dict.get(d), counts[d]));
        }
        return top;
    }

    private static void siftUp(long[] h, int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (h[p] <= h[i]) {
                return;
            }
            long t = h[p];
            h[p] = h[i];
            h[i] = t;
            i = p;
        }
    }

    private static void siftDown(long[] h, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int m = l + 1 < n && h[l + 1] < h[l] ? l + 1 : l;
            if (h[i] <= h[m]) {
                return;
            }
            long t = h[m];
            h[m] = h[i];
            h[i] = t;
            i = m;
        }
    }

    static Result date(DateTimeColumn col, int rows, ProfileOptions o) {
        long[] v = col.millis();
        BitSet miss = col.missing();
        boolean noMissingBits = miss.isEmpty();
        long[] keys = new long[rows];
        int c = 0;
        for (int i = 0; i < rows; i++) {
            if (noMissingBits || !miss.get(i)) {
                keys[c++] = Sorting.longKey(v[i]);
            }
        }
        Sorting.sortUnsigned(keys, c, false);
        double[] asDouble = new double[c];
        for (int i = 0; i < c; i++) {
            keys[i] ^= Long.MIN_VALUE;
            asDouble[i] = keys[i];
        }
        RunTop top = new RunTop(o.topK());
        long distinct = 0;
        long gap = 0;
        for (int i = 0; i < c;) {
            int j = i + 1;
            while (j < c && keys[j] == keys[i]) {
                j++;
            }
            if (i > 0) {
                gap = Math.max(gap, keys[i] - keys[i - 1]);
            }
            distinct++;
            top.offer(i, j - i);
            i = j;
        }
        DateStyle style = col.style();
        List<TopValue> topValues = new ArrayList<>(top.size);
        for (int t = 0; t < top.size; t++) {
            topValues.add(new TopValue(style.format(keys[top.start[t]]), top.cnt[t]));
        }
        DateStats stats = null;
        if (c > 0) {
            long missingDays = -1;
            if (style.dateOnly()) {
                long days = Math.floorDiv(keys[c - 1], DAY_MILLIS) - Math.floorDiv(keys[0], DAY_MILLIS) + 1;
                missingDays = days - distinct;
            }
            stats = new DateStats(Instant.ofEpochMilli(keys[0]), Instant.ofEpochMilli(keys[c - 1]), gap, missingDays,
                    style);
        }
        ColumnProfile profile = new ColumnProfile(col.name(), ColumnType.DATETIME, c, rows - c, pct(rows - c, rows),
                distinct, Double.NaN, null, topValues, wholeMillis(NumericMath.histogram(asDouble, 0, c,
                o.histogramBins())), null, stats, null);
        return new Result(profile, null, null);
    }

    /**
     * @return a date histogram with its edges rounded to whole milliseconds, the precision its edges are written
     *         with as text (null stays null)
     */
    static Histogram wholeMillis(Histogram h) {
        if (h == null) {
            return null;
        }
        double[] edges = h.edges().clone();
        for (int i = 0; i < edges.length; i++) {
            edges[i] = Math.rint(edges[i]);
        }
        return new Histogram(edges, h.counts());
    }

    /** {@code rank2} read in {@code order}. */
    static int[] inOrder(int[] order, int[] rank2) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = rank2[order[i]];
        }
        return out;
    }

    private static double rankSs(int[] rank2) {
        long center = rank2.length + 1L;
        double ss = 0;
        for (int r : rank2) {
            double d = r - center;
            ss += d * d;
        }
        return ss;
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
