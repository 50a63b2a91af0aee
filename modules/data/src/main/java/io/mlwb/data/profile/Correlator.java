package io.mlwb.data.profile;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.ColumnAnalysis.CatInput;
import io.mlwb.data.profile.ColumnAnalysis.CorrInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Pairwise coefficients. When both columns are complete the work is one tight loop over primitive arrays using
 * the columns' precomputed means and ranks; otherwise the pair's complete rows are gathered, and Spearman ranks
 * them afresh (as pandas does).
 *
 * <p>All pairs of many columns ({@link #pairTasks}) are computed in square tiles of columns, so that a tile's
 * columns stay in the processor's cache while every pair of them is visited, and each pair is summed in exactly the
 * order {@link #pearson} and {@link #spearman} sum it: the coefficients are the same to the last bit, only faster
 * (at 3,000 columns the pairs are 4.5 million, and one task per pair cost more than the arithmetic).
 */
final class Correlator {
    /** Dense contingency tables up to this many cells; larger ones are counted by sorting cell keys. */
    private static final long DENSE_CELLS = 1L << 21;
    /** Columns per side of a tile: 32 columns of 2,000 rows are 512 KB of doubles, well inside a core's cache. */
    private static final int TILE = 32;
    /** Rank sums are summed in ints in chunks of at least this many rows, else in doubles. */
    private static final int MIN_INT_CHUNK = 64;

    private Correlator() {
    }

    /**
     * The work of filling two symmetric matrices with Pearson's r and Spearman's rho over all pairs of
     * {@code num} (both triangles and the diagonal), as tasks of one tile each. Each coefficient is the one
     * {@link #pearson} and {@link #spearman} give for the pair, bit for bit.
     *
     * @param num      the columns
     * @param pearson  receives Pearson's r, {@code num.size()} square
     * @param spearman receives Spearman's rho, {@code num.size()} square
     * @param progress checked for cancellation before each tile
     * @return the tasks; run them all before reading the matrices
     */
    static List<Callable<Void>> pairTasks(List<CorrInput> num, double[][] pearson, double[][] spearman,
            Progress progress) {
        int k = num.size();
        double[][] centered = new double[k][];
        int[][] centeredRanks = new int[k][];
        for (int c = 0; c < k; c++) {
            CorrInput in = num.get(c);
            if (in.complete()) {
                centered[c] = centered(in.x(), in.mean());
                if (in.rank2() != null) {
                    centeredRanks[c] = centeredRanks(in.rank2());
                }
            }
        }
        int side = tileSide(k, Runtime.getRuntime().availableProcessors());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int from = 0; from < k; from += side) {
            for (int to = from; to < k; to += side) {
                int a0 = from;
                int b0 = to;
                tasks.add(() -> {
                    progress.checkCancelled();
                    tile(num, centered, centeredRanks, a0, b0, side, pearson, spearman);
                    return null;
                });
            }
        }
        return tasks;
    }

    /**
     * The side of a tile: {@value #TILE} columns for wide tables, smaller for a few columns so that every thread gets
     * tiles (12 columns in one 32-column tile would run all pairs on one thread), never under 4 (the pairs of a
     * group of four share loads).
     */
    static int tileSide(int columns, int threads) {
        int perThread = (int) Math.ceil(columns / (2.0 * Math.max(1, threads)));
        return Math.max(4, Math.min(TILE, perThread));
    }

    private static double[] centered(double[] x, double mean) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] - mean;
        }
        return c;
    }

    /** Doubled ranks minus their centre {@code n + 1}; null when their products could overflow an int. */
    private static int[] centeredRanks(int[] rank2) {
        int n = rank2.length;
        if (n < 2 || intChunk(n) < MIN_INT_CHUNK) {
            return null;
        }
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = rank2[i] - (n + 1);
        }
        return c;
    }

    /** How many products of centred doubled ranks (each at most (n − 1)²) an int can sum without overflow. */
    private static long intChunk(int n) {
        long max = (long) (n - 1) * (n - 1);
        return max == 0 ? Integer.MAX_VALUE : Integer.MAX_VALUE / max;
    }

    private static void tile(List<CorrInput> num, double[][] centered, int[][] centeredRanks, int a0, int b0,
            int side, double[][] pearson, double[][] spearman) {
        int k = num.size();
        int aEnd = Math.min(k, a0 + side);
        int bEnd = Math.min(k, b0 + side);
        double[] four = new double[4];
        for (int a = a0; a < aEnd; a++) {
            CorrInput ca = num.get(a);
            int n = ca.x().length;
            for (int b = Math.max(b0, a); b < bEnd;) {
                boolean fast = a != b && centered[a] != null && centered[b] != null;
                int group = 1;
                if (fast) {
                    while (group < 4 && b + group < bEnd && centered[b + group] != null) {
                        group++;
                    }
                    group = group == 3 ? 2 : group;
                }
                if (group == 4) {
                    // four pairs at once share the loads of column a; each is summed as pearson() sums it
                    sums4(centered[a], centered[b], centered[b + 1], centered[b + 2], centered[b + 3], four);
                } else if (group == 2) {
                    sums2(centered[a], centered[b], centered[b + 1], four);
                } else if (fast) {
                    four[0] = sums(centered[a], centered[b]);
                }
                for (int g = 0; g < group; g++) {
                    int c = b + g;
                    put(pearson, a, c, fast ? ratio(four[g], ca.ss(), num.get(c).ss(), n) : pearson(ca, num.get(c)));
                    put(spearman, a, c, spearman(num, centeredRanks, a, c));
                }
                b += group;
            }
        }
    }

    private static void put(double[][] m, int a, int b, double v) {
        m[a][b] = v;
        m[b][a] = v;
    }

    private static double spearman(List<CorrInput> num, int[][] centeredRanks, int a, int b) {
        int[] x = centeredRanks[a];
        int[] y = centeredRanks[b];
        if (a == b || x == null || y == null) {
            return spearman(num.get(a), num.get(b));
        }
        // The products are whole numbers and spearman() sums them exactly in doubles (n³ < 2⁵³), so an exact sum
        // in ints (by chunks that cannot overflow) and longs is the same number.
        int n = x.length;
        int chunk = (int) Math.min(n, intChunk(n));
        long total = 0;
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            int s = 0;
            for (int i = start; i < end; i++) {
                s += x[i] * y[i];
            }
            total += s;
        }
        return ratio((double) total, num.get(a).rankSs(), num.get(b).rankSs(), n);
    }

    /** The sum of products in the order {@link #pearson} sums them: four running sums, then pairwise. */
    private static double sums(double[] x, double[] y) {
        int n = x.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@link #sums} of x with y and of x with z, in one pass over x. */
    private static void sums2(double[] x, double[] y, double[] z, double[] out) {
        int n = x.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double x0 = x[i];
            double x1 = x[i + 1];
            double x2 = x[i + 2];
            double x3 = x[i + 3];
            s0 += x0 * y[i];
            s1 += x1 * y[i + 1];
            s2 += x2 * y[i + 2];
            s3 += x3 * y[i + 3];
            t0 += x0 * z[i];
            t1 += x1 * z[i + 1];
            t2 += x2 * z[i + 2];
            t3 += x3 * z[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
            t0 += x[i] * z[i];
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (t0 + t1) + (t2 + t3);
    }

    /** {@link #sums} of x with each of y, z, w and v, in one pass over x. */
    private static void sums4(double[] x, double[] y, double[] z, double[] w, double[] v, double[] out) {
        int n = x.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        double u0 = 0;
        double u1 = 0;
        double u2 = 0;
        double u3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double x0 = x[i];
            double x1 = x[i + 1];
            double x2 = x[i + 2];
            double x3 = x[i + 3];
            s0 += x0 * y[i];
            s1 += x1 * y[i + 1];
            s2 += x2 * y[i + 2];
            s3 += x3 * y[i + 3];
            t0 += x0 * z[i];
            t1 += x1 * z[i + 1];
            t2 += x2 * z[i + 2];
            t3 += x3 * z[i + 3];
            u0 += x0 * w[i];
            u1 += x1 * w[i + 1];
            u2 += x2 * w[i + 2];
            u3 += x3 * w[i + 3];
            q0 += x0 * v[i];
            q1 += x1 * v[i + 1];
            q2 += x2 * v[i + 2];
            q3 += x3 * v[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
            t0 += x[i] * z[i];
            u0 += x[i] * w[i];
            q0 += x[i] * v[i];
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (t0 + t1) + (t2 + t3);
        out[2] = (u0 + u1) + (u2 + u3);
        out[3] = (q0 + q1) + (q2 + q3);
    }

    static double pearson(CorrInput a, CorrInput b) {
        if (a == b) {
            return a.complete() ? diagonal(a.ss(), a.x().length) : selfPearson(a);
        }
        if (a.complete() && b.complete()) {
            double[] x = a.x();
            double[] y = b.x();
            double ma = a.mean();
            double mb = b.mean();
            int n = x.length;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += (x[i] - ma) * (y[i] - mb);
                s1 += (x[i + 1] - ma) * (y[i + 1] - mb);
                s2 += (x[i + 2] - ma) * (y[i + 2] - mb);
                s3 += (x[i + 3] - ma) * (y[i + 3] - mb);
            }
            for (; i < n; i++) {
                s0 += (x[i] - ma) * (y[i] - mb);
            }
            return ratio((s0 + s1) + (s2 + s3), a.ss(), b.ss(), n);
        }
        // pairwise-complete: two passes over the rows where both are present
        double[] c = NumericMath.pairwiseCoMoments(a.x(), b.x(), a.x().length);
        int m = (int) c[0];
        if (m < 2) {
            return Double.NaN;
        }
        return ratio(c[5], c[3], c[4], m);
    }

    private static double selfPearson(CorrInput a) {
        double[] x = a.x();
        double[] p = new double[x.length];
        int m = 0;
        for (double u : x) {
            if (u == u) {
                p[m++] = u;
            }
        }
        double mean = NumericMath.sum(p, 0, m) / m;
        return diagonal(NumericMath.centeredSums(p, 0, m, mean)[0], m);
    }

    private static double diagonal(double ss, int n) {
        return n < 2 || ss == 0 || Double.isNaN(ss) ? Double.NaN : 1.0;
    }

    private static double ratio(double sxy, double sxx, double syy, int n) {
        if (n < 2 || sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    static double spearman(CorrInput a, CorrInput b) {
        if (a == b) {
            return pearson(a, b);
        }
        if (a.complete() && b.complete() && a.rank2() != null && b.rank2() != null) {
            int[] x = a.rank2();
            int[] y = b.rank2();
            int n = x.length;
            long center = n + 1L;
            double s0 = 0;
            double s1 = 0;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                s0 += (double) ((x[i] - center) * (y[i] - center));
                s1 += (double) ((x[i + 1] - center) * (y[i + 1] - center));
            }
            for (; i < n; i++) {
                s0 += (double) ((x[i] - center) * (y[i] - center));
            }
            return ratio(s0 + s1, a.rankSs(), b.rankSs(), n);
        }
        // Pairwise-complete: rank each column within the rows where both are present. Walking a column's rows in
        // value order and skipping the other's missing rows gives the subset's order without sorting again.
        int n = a.x().length;
        int[] ra = b.complete() ? a.rank2() : subsetRanks(a, b.x());
        int[] rb = a.complete() ? b.rank2() : subsetRanks(b, a.x());
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (ra[i] != 0 && rb[i] != 0) {
                m++;
            }
        }
        if (m < 2) {
            return Double.NaN;
        }
        return rankCorrelation(ra, rb, m);
    }

    private static double rankCorrelation(int[] ra, int[] rb, int m) {
        long center = m + 1L;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < ra.length; i++) {
            int x = ra[i];
            int y = rb[i];
            if (x != 0 && y != 0) {
                double dx = x - center;
                double dy = y - center;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return ratio(sxy, sxx, syy, m);
    }

    /**
     * Doubled average ranks of {@code c} within the rows where {@code other} is present, 0 elsewhere. Walking
     * the column's rows in value order and skipping the other's missing rows gives the subset's order without
     * sorting again; equal doubled ranks mark ties.
     */
    private static int[] subsetRanks(CorrInput c, double[] other) {
        int[] order = c.order();
        int[] sorted = c.sortedRank2();
        // The other column's presence as bits: 1/64 of its doubles, so the look-ups in value order (random rows)
        // stay in the processor's cache.
        long[] present = new long[(other.length + 63) >>> 6];
        for (int row = 0; row < other.length; row++) {
            double w = other[row];
            if (w == w) {
                present[row >>> 6] |= 1L << row;
            }
        }
        int[] out = new int[other.length];
        int len = order.length;
        int pos = 0;
        int i = 0;
        while (i < len) {
            int group = sorted[i];
            if (i + 1 == len || sorted[i + 1] != group) {
                // a value without ties, the common case: kept alone, its doubled rank is 2 * pos + 2
                int row = order[i];
                if ((present[row >>> 6] & (1L << row)) != 0) {
                    out[row] = 2 * pos + 2;
                    pos++;
                }
                i++;
                continue;
            }
            int j = i;
            int kept = 0;
            while (j < len && sorted[j] == group) {
                int row = order[j];
                if ((present[row >>> 6] & (1L << row)) != 0) {
                    kept++;
                }
                j++;
            }
            if (kept > 0) {
                int r = 2 * pos + kept + 1; // positions pos+1 .. pos+kept, doubled average
                for (int t = i; t < j; t++) {
                    int row = order[t];
                    if ((present[row >>> 6] & (1L << row)) != 0) {
                        out[row] = r;
                    }
                }
                pos += kept;
            }
            i = j;
        }
        return out;
    }

    /**
     * Bias-uncorrected Cramér's V, {@code sqrt(chi2 / (n (min(r, c) − 1)))}, over rows where both are present;
     * r and c count the categories that occur in those rows. NaN when min(r, c) &lt; 2.
     */
    static double cramersV(CatInput a, CatInput b) {
        int[] x = a.codes();
        int[] y = b.codes();
        int rows = x.length;
        int ca = a.cardinality();
        int cb = b.cardinality();
        long[] rs = new long[ca];
        long[] cs = new long[cb];
        long n = 0;
        double chi2 = 0;
        double sumE = 0;
        if ((long) ca * cb <= DENSE_CELLS) {
            int[] table = new int[ca * cb];
            for (int i = 0; i < rows; i++) {
                int u = x[i];
                int w = y[i];
                if (u >= 0 && w >= 0) {
                    table[u * cb + w]++;
                    rs[u]++;
                    cs[w]++;
                    n++;
                }
            }
            for (int u = 0; u < ca; u++) {
                if (rs[u] == 0) {
                    continue;
                }
                for (int w = 0; w < cb; w++) {
                    int o = table[u * cb + w];
                    if (o > 0) {
                        double e = (double) rs[u] * cs[w] / n;
                        double d = o - e;
                        chi2 += d * d / e;
                        sumE += e;
                    }
                }
            }
        } else {
            long[] keys = new long[rows];
            int m = 0;
            for (int i = 0; i < rows; i++) {
                int u = x[i];
                int w = y[i];
                if (u >= 0 && w >= 0) {
                    keys[m++] = (long) u * cb + w;
                    rs[u]++;
                    cs[w]++;
                }
            }
            n = m;
            Sorting.sortUnsigned(keys, m, false);
            for (int i = 0; i < m;) {
                int j = i + 1;
                while (j < m && keys[j] == keys[i]) {
                    j++;
                }
                int u = (int) (keys[i] / cb);
                int w = (int) (keys[i] % cb);
                double e = (double) rs[u] * cs[w] / n;
                double d = (j - i) - e;
                chi2 += d * d / e;
                sumE += e;
                i = j;
            }
        }
        // cells never observed contribute (0 − E)² / E = E each; all expected counts add up to n
        chi2 += Math.max(0, n - sumE);
        int r = 0;
        for (long v : rs) {
            r += v > 0 ? 1 : 0;
        }
        int c = 0;
        for (long v : cs) {
            c += v > 0 ? 1 : 0;
        }
        int k = Math.min(r, c);
        if (n == 0 || k < 2) {
            return Double.NaN;
        }
        return Math.min(1.0, Math.sqrt(chi2 / (n * (double) (k - 1))));
    }
}
