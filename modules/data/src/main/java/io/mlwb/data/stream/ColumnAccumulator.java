package io.mlwb.data.stream;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.profile.BooleanStats;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DateStats;
import io.mlwb.data.profile.Histogram;
import io.mlwb.data.profile.NumericStats;
import io.mlwb.data.profile.TextStats;
import io.mlwb.data.profile.TopValue;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * One column's running statistics over the blocks of a streamed file. Each block's column is added once, by one
 * thread at a time; {@link #profile} turns the totals into the same {@link ColumnProfile} the exact profiler makes.
 */
abstract class ColumnAccumulator {
    private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final long DAY_MILLIS = 86_400_000L;

    final String name;
    final ColumnType type;
    long rows;
    long present;

    ColumnAccumulator(String name, ColumnType type) {
        this.name = name;
        this.type = type;
    }

    /** A new accumulator for a column of the first block's type. */
    static ColumnAccumulator of(Column c, StreamingOptions o) {
        if (c instanceof NumericColumn) {
            return new Numeric(c.name(), o);
        } else if (c instanceof CategoricalColumn cat) {
            return new Text(c.name(), cat.type(), o);
        } else if (c instanceof BooleanColumn) {
            return new Bool(c.name());
        } else if (c instanceof DateTimeColumn d) {
            return new Date(c.name(), o);
        }
        throw new IllegalStateException("Unknown column kind " + c.getClass());
    }

    /**
     * Adds one block's column.
     *
     * @return false when the block's column is of another kind (it is then counted as missing)
     */
    final boolean add(Column c, int blockRows) {
        rows += blockRows;
        return c != null && accept(c, blockRows);
    }

    abstract boolean accept(Column c, int blockRows);

    /** The block's values as Pearson sees them (NaN where missing or not finite), or null if not correlated. */
    double[] correlationValues(Column c, int blockRows) {
        return null;
    }

    /** @return whether the distinct count and top values are still exact */
    abstract boolean countsExact();

    /** @return whether the column has a KLL sketch (quantiles or a histogram) */
    abstract boolean sketched();

    /** @return the largest error of a top value's count */
    abstract long topError();

    abstract ColumnProfile profile(int bins, int topK);

    final double pct(long part) {
        return rows == 0 ? 0 : 100.0 * part / rows;
    }

    /** @return a date histogram with its edges rounded to whole milliseconds, as they are written (null stays) */
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

    /** The histogram of a KLL sketch over exact [min, max]: bin counts from its CDF at numpy's edges. */
    static Histogram histogram(KllDoublesSketch kll, double min, double max, long n, int bins) {
        if (n == 0) {
            return null;
        }
        double lo = min;
        double hi = max;
        long[] counts = new long[bins];
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
            double[] edges = StreamMath.linspace(lo, hi, bins + 1);
            int idx = Math.min(bins - 1, (int) (((min - lo) / (hi - lo)) * bins));
            if (min < edges[idx]) {
                idx--;
            } else if (idx != bins - 1 && min >= edges[idx + 1]) {
                idx++;
            }
            counts[idx] = n;
            return new Histogram(edges, counts);
        }
        double[] edges = StreamMath.linspace(lo, hi, bins + 1);
        double[] splits = Arrays.copyOfRange(edges, 1, bins);
        double[] splitsUnique = Arrays.stream(splits).distinct().toArray();
        if (splitsUnique.length != splits.length) {
            // a range of a few ULPs: put everything in the first bin rather than fail
            counts[0] = n;
            return new Histogram(edges, counts);
        }
        double[] cdf = bins == 1 ? new double[] {1.0} : kll.getCDF(splits, QuantileSearchCriteria.EXCLUSIVE);
        long before = 0;
        for (int i = 0; i < bins; i++) {
            long upTo = i == bins - 1 ? n : Math.round(cdf[i] * n);
            counts[i] = Math.max(0, upTo - before);
            before = Math.max(before, upTo);
        }
        return new Histogram(edges, counts);
    }

    /** Numeric columns: exact counts, min/max, moments; KLL quantiles and histogram; counted values. */
    static final class Numeric extends ColumnAccumulator {
        private final Moments moments = new Moments();
        private final KllDoublesSketch kll;
        private final ValueCounter<Double> values;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private long zeros;
        private long negatives;
        private long posInf;
        private long negInf;
        private double[] scratch = new double[0];

        Numeric(String name, StreamingOptions o) {
            super(name, ColumnType.NUMERIC);
            kll = KllDoublesSketch.newHeapInstance(o.kllK());
            values = new ValueCounter<>(o, (h, v) -> h.update(v.doubleValue()));
        }

        @Override
        boolean accept(Column col, int blockRows) {
            if (!(col instanceof NumericColumn c)) {
                return false;
            }
            double[] v = c.values();
            BitSet miss = c.missing();
            if (scratch.length < blockRows) {
                scratch = new double[blockRows];
            }
            double[] s = scratch;
            int n = 0;
            for (int i = 0; i < blockRows; i++) {
                double x = v[i];
                if (x == x && !miss.get(i)) {
                    s[n++] = x + 0.0; // -0.0 and 0.0 are one value
                }
            }
            present += n;
            Arrays.sort(s, 0, n);
            int a = 0;
            while (a < n && s[a] == Double.NEGATIVE_INFINITY) {
                a++;
            }
            int b = n;
            while (b > a && s[b - 1] == Double.POSITIVE_INFINITY) {
                b--;
            }
            negInf += a;
            posInf += n - b;
            if (b > a) {
                min = Math.min(min, s[a]);
                max = Math.max(max, s[b - 1]);
            }
            moments.add(s, a, b);
            kll.update(s, a, b - a);
            int i = 0;
            while (i < n) {
                int j = i + 1;
                double x = s[i];
                while (j < n && s[j] == x) {
                    j++;
                }
                if (x < 0) {
                    negatives += j - i;
                } else if (x == 0) {
                    zeros += j - i;
                }
                values.add(x, j - i);
                i = j;
            }
            return true;
        }

        @Override
        double[] correlationValues(Column col, int blockRows) {
            double[] x = new double[blockRows];
            if (!(col instanceof NumericColumn c)) {
                Arrays.fill(x, Double.NaN);
                return x;
            }
            double[] v = c.values();
            BitSet miss = c.missing();
            for (int i = 0; i < blockRows; i++) {
                double u = v[i];
                x[i] = miss.get(i) || Double.isInfinite(u) ? Double.NaN : u;
            }
            return x;
        }

        @Override
        boolean countsExact() {
            return values.isExact();
        }

        @Override
        boolean sketched() {
            return true;
        }

        @Override
        long topError() {
            return values.maximumError();
        }

        @Override
        ColumnProfile profile(int bins, int topK) {
            long nf = moments.count();
            double sum = moments.sum();
            double mean = nf == 0 ? Double.NaN : sum / nf;
            double[] q = new double[QUANTILES.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = nf == 0 ? Double.NaN : kll.getQuantile(QUANTILES[i], QuantileSearchCriteria.INCLUSIVE);
            }
            double m2 = nf == 0 ? Double.NaN : moments.m2();
            NumericStats stats = new NumericStats(nf, sum, mean, StreamMath.std(m2, nf),
                    nf == 0 ? Double.NaN : min, nf == 0 ? Double.NaN : max, q[0], q[1], q[2], q[3], q[4],
                    nf == 0 ? Double.NaN : StreamMath.skewness(m2, moments.m3(), nf),
                    nf == 0 ? Double.NaN : StreamMath.kurtosis(m2, moments.m4(), nf), zeros, negatives, posInf,
                    negInf);
            List<TopValue> top = new ArrayList<>();
            for (Map.Entry<Double, Long> e : values.top(topK, Double::compare)) {
                top.add(new TopValue(e.getKey(), e.getValue()));
            }
            return new ColumnProfile(name, ColumnType.NUMERIC, present, rows - present, pct(rows - present),
                    values.distinct(), Double.NaN, stats, top, histogram(kll, min, max, nf, bins), null, null, null);
        }
    }

    /** Categorical and text columns: exact counts and lengths; counted values. */
    static final class Text extends ColumnAccumulator {
        private final ValueCounter<String> values;
        private int minLen = Integer.MAX_VALUE;
        private int maxLen;
        private double lenSum;

        Text(String name, ColumnType type, StreamingOptions o) {
            super(name, type);
            values = new ValueCounter<>(o, (h, v) -> h.update(v));
        }

        @Override
        boolean accept(Column col, int blockRows) {
            if (!(col instanceof CategoricalColumn c)) {
                return false;
            }
            List<String> dict = c.dictionary();
            long[] counts = new long[dict.size()];
            int[] codes = c.codes();
            for (int i = 0; i < blockRows; i++) {
                int code = codes[i];
                if (code >= 0) {
                    counts[code]++;
                }
            }
            for (int d = 0; d < counts.length; d++) {
                long k = counts[d];
                if (k > 0) {
                    String s = dict.get(d);
                    int len = s.codePointCount(0, s.length());
                    minLen = Math.min(minLen, len);
                    maxLen = Math.max(maxLen, len);
                    lenSum += (double) len * k;
                    present += k;
                    values.add(s, k);
                }
            }
            return true;
        }

        @Override
        boolean countsExact() {
            return values.isExact();
        }

        @Override
        boolean sketched() {
            return false;
        }

        @Override
        long topError() {
            return values.maximumError();
        }

        @Override
        ColumnProfile profile(int bins, int topK) {
            TextStats text = present == 0 ? null : new TextStats(minLen, lenSum / present, maxLen);
            double imbalance = Double.NaN;
            if (type == ColumnType.CATEGORICAL && values.isExact()) {
                imbalance = StreamMath.imbalance(values.exactCounts().values().stream().map(c -> c[0]).toList(),
                        values.distinct());
            }
            List<TopValue> top = new ArrayList<>();
            for (Map.Entry<String, Long> e : values.top(topK, StreamMath::compareCodePoints)) {
                top.add(new TopValue(e.getKey(), e.getValue()));
            }
            return new ColumnProfile(name, type, present, rows - present, pct(rows - present), values.distinct(),
                    imbalance, null, top, null, text, null, null);
        }
    }

    /** Boolean columns: everything exact. */
    static final class Bool extends ColumnAccumulator {
        private long trues;
        private long falses;

        Bool(String name) {
            super(name, ColumnType.BOOLEAN);
        }

        @Override
        boolean accept(Column col, int blockRows) {
            if (!(col instanceof BooleanColumn c)) {
                return false;
            }
            byte[] v = c.values();
            for (int i = 0; i < blockRows; i++) {
                if (v[i] == 1) {
                    trues++;
                } else if (v[i] == 0) {
                    falses++;
                }
            }
            present = trues + falses;
            return true;
        }

        @Override
        double[] correlationValues(Column col, int blockRows) {
            double[] x = new double[blockRows];
            if (!(col instanceof BooleanColumn c)) {
                Arrays.fill(x, Double.NaN);
                return x;
            }
            byte[] v = c.values();
            for (int i = 0; i < blockRows; i++) {
                x[i] = v[i] < 0 ? Double.NaN : v[i];
            }
            return x;
        }

        @Override
        boolean countsExact() {
            return true;
        }

        @Override
        boolean sketched() {
            return false;
        }

        @Override
        long topError() {
            return 0;
        }

        @Override
        ColumnProfile profile(int bins, int topK) {
            int k = (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0);
            List<TopValue> top = new ArrayList<>();
            if (falses >= trues) {
                addIf(top, false, falses);
                addIf(top, true, trues);
            } else {
                addIf(top, true, trues);
                addIf(top, false, falses);
            }
            if (top.size() > topK) {
                top = top.subList(0, topK);
            }
            return new ColumnProfile(name, ColumnType.BOOLEAN, present, rows - present, pct(rows - present), k,
                    StreamMath.imbalance(List.of(trues, falses), k), null, top, null, null, null,
                    new BooleanStats(trues, falses));
        }

        private static void addIf(List<TopValue> top, boolean value, long count) {
            if (count > 0) {
                top.add(new TopValue(value, count));
            }
        }
    }

    /**
     * Date and date-time columns: exact range; KLL histogram; counted values (gaps only while exact). The style
     * (kind, offset, precision) is merged over the blocks, as the reader merges it over a file's chunks.
     */
    static final class Date extends ColumnAccumulator {
        private DateStyle style;
        private final KllDoublesSketch kll;
        private final ValueCounter<Long> values;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long[] scratch = new long[0];

        Date(String name, StreamingOptions o) {
            super(name, ColumnType.DATETIME);
            kll = KllDoublesSketch.newHeapInstance(o.kllK());
            values = new ValueCounter<>(o, (h, v) -> h.update(v.longValue()));
        }

        @Override
        boolean accept(Column col, int blockRows) {
            if (!(col instanceof DateTimeColumn c)) {
                return false;
            }
            long[] v = c.millis();
            BitSet miss = c.missing();
            if (scratch.length < blockRows) {
                scratch = new long[blockRows];
            }
            long[] s = scratch;
            int n = 0;
            for (int i = 0; i < blockRows; i++) {
                if (!miss.get(i)) {
                    s[n++] = v[i];
                }
            }
            present += n;
            Arrays.sort(s, 0, n);
            if (n > 0) {
                style = style == null ? c.style() : style.merge(c.style());
                min = Math.min(min, s[0]);
                max = Math.max(max, s[n - 1]);
            }
            for (int i = 0; i < n;) {
                int j = i + 1;
                while (j < n && s[j] == s[i]) {
                    j++;
                }
                if (j - i == 1) {
                    kll.update((double) s[i]); // the weighted update merges a temporary sketch: far slower
                } else {
                    kll.update((double) s[i], j - i);
                }
                values.add(s[i], j - i);
                i = j;
            }
            return true;
        }

        @Override
        boolean countsExact() {
            return values.isExact();
        }

        @Override
        boolean sketched() {
            return true;
        }

        @Override
        long topError() {
            return values.maximumError();
        }

        @Override
        ColumnProfile profile(int bins, int topK) {
            DateStyle style = this.style == null ? DateStyle.DATE : this.style;
            List<TopValue> top = new ArrayList<>();
            for (Map.Entry<Long, Long> e : values.top(topK, Long::compare)) {
                top.add(new TopValue(style.format(e.getKey()), e.getValue()));
            }
            DateStats stats = null;
            if (present > 0) {
                long gap = 0;
                long missingDays = -1;
                if (values.isExact()) {
                    Long prev = null;
                    for (Long x : new TreeSet<>(values.exactCounts().keySet())) {
                        if (prev != null) {
                            gap = Math.max(gap, x - prev);
                        }
                        prev = x;
                    }
                    if (style.dateOnly()) {
                        long days = Math.floorDiv(max, DAY_MILLIS) - Math.floorDiv(min, DAY_MILLIS) + 1;
                        missingDays = days - values.distinct();
                    }
                } else {
                    gap = -1; // not known: the distinct values were not all kept
                }
                stats = new DateStats(Instant.ofEpochMilli(min), Instant.ofEpochMilli(max), gap, missingDays,
                        style);
            }
            return new ColumnProfile(name, ColumnType.DATETIME, present, rows - present, pct(rows - present),
                    values.distinct(), Double.NaN, null, top, wholeMillis(histogram(kll, min, max, present, bins)), null,
                    stats, null);
        }
    }
}
