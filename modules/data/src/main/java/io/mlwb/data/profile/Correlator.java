package io.mlwb.data.profile;

import io.mlwb.data.profile.ColumnAnalysis.CatInput;
import io.mlwb.data.profile.ColumnAnalysis.CorrInput;

/**
 * Pairwise coefficients. When both columns are complete the work is one tight loop over primitive arrays using
 * the columns' precomputed means and ranks; otherwise the pair's complete rows are gathered, and Spearman ranks
 * them afresh (as pandas does).
 */
final class Correlator {
    /** Dense contingency tables up to this many cells; larger ones are counted by sorting cell keys. */
    private static final long DENSE_CELLS = 1L << 21;

    private Correlator() {
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
