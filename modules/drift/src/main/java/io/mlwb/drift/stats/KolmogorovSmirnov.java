package io.mlwb.drift.stats;

import java.util.Arrays;

/**
 * The two-sided two-sample Kolmogorov-Smirnov test, exactly as {@code scipy.stats.ks_2samp(a, b,
 * alternative='two-sided', method='auto')} computes it (scipy 1.17).
 *
 * <p><b>Statistic.</b> {@code D = max |F1(v) − F2(v)|} over every value {@code v} of either sample, where
 * {@code Fi(v) = #{x in sample i : x ≤ v} / n_i} (numpy's {@code searchsorted(side='right')}, so tied values
 * step together). Each difference is computed as {@code c1/n1 − c2/n2} in doubles, as scipy does.
 *
 * <p><b>p-value.</b> When {@code max(n1, n2) ≤ 10000} the exact distribution is tried: {@code h =
 * round_half_even(D·lcm(n1, n2))}, the statistic becomes {@code h/lcm}, and the probability that a random lattice
 * path leaves the band {@code |x/n1 − y/n2| < h/lcm} is computed by scipy's {@code _compute_prob_outside_square}
 * (n1 = n2) or Hodges' inside method as rewritten by Viehmann for 1 − p ({@code _compute_outer_prob_inside_method}).
 * If that probability is not within [0, 1] (rounding), scipy falls back to the asymptotic path, and so do we.
 * Otherwise the p-value is {@link KolmogorovDistribution#sf(double, long) kstwo.sf(D, round_half_even(en))} with
 * {@code en = m·n/(m+n)} in doubles. The p-value is clipped to [0, 1].
 */
public final class KolmogorovSmirnov {
    /** Above this sample size scipy's 'auto' method stops trying the exact distribution. */
    public static final int MAX_AUTO_N = 10000;

    private KolmogorovSmirnov() {
    }

    /** How the p-value was obtained. */
    public enum Method {
        /** The exact distribution of the two-sample statistic. */
        EXACT,
        /** {@code kstwo.sf(D, round(m·n/(m+n)))}. */
        ASYMPTOTIC
    }

    /**
     * The test's outcome.
     *
     * @param statistic the KS statistic D (rounded to h/lcm on the exact path, as scipy reports it)
     * @param pValue    the two-sided p-value
     * @param method    which distribution gave the p-value
     */
    public record Result(double statistic, double pValue, Method method) {
    }

    /**
     * Sorts copies of the samples and tests them.
     *
     * @param a the first sample: finite or infinite values, no NaN, at least one
     * @param b the second sample, likewise
     * @return the statistic and p-value
     */
    public static Result test(double[] a, double[] b) {
        double[] sa = sortedCopy(a);
        double[] sb = sortedCopy(b);
        return testSorted(sa, sa.length, sb, sb.length);
    }

    /**
     * Tests two samples already sorted in ascending order (no NaN; −0.0 and 0.0 compare equal).
     *
     * @param a  the first sample, sorted; only {@code a[0..n1)} is read
     * @param n1 the first sample's size, at least 1
     * @param b  the second sample, sorted; only {@code b[0..n2)} is read
     * @param n2 the second sample's size, at least 1
     * @return the statistic and p-value
     * @throws IllegalArgumentException when a sample is empty
     */
    public static Result testSorted(double[] a, int n1, double[] b, int n2) {
        if (n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("Data passed to ks_2samp must not be empty");
        }
        double d = statisticSorted(a, n1, b, n2);
        long g = gcd(n1, n2);
        if (Math.max(n1, n2) <= MAX_AUTO_N) {
            long lcm = (n1 / g) * n2;
            long h = (long) Math.rint(d * lcm);
            double dh = h * 1.0 / lcm;
            if (h == 0) {
                return new Result(dh, 1.0, Method.EXACT);
            }
            double prob = n1 == n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
            d = dh;
            if (prob >= 0 && prob <= 1) {
                return new Result(d, prob, Method.EXACT);
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        double p = KolmogorovDistribution.sf(d, (long) Math.rint(en));
        return new Result(d, Math.min(1.0, Math.max(0.0, p)), Method.ASYMPTOTIC);
    }

    /**
     * The two-sided statistic alone.
     *
     * @param a  sorted first sample, {@code a[0..n1)}
     * @param n1 its size
     * @param b  sorted second sample, {@code b[0..n2)}
     * @param n2 its size
     * @return {@code max(maxS, clip(−minS, 0, 1))} over the differences {@code F1 − F2}, as scipy picks it
     */
    public static double statisticSorted(double[] a, int n1, double[] b, int n2) {
        double maxS = Double.NEGATIVE_INFINITY;
        double minS = Double.POSITIVE_INFINITY;
        int i = 0;
        int j = 0;
        while (i < n1 || j < n2) {
            double v;
            if (j >= n2 || (i < n1 && a[i] <= b[j])) {
                v = a[i];
            } else {
                v = b[j];
            }
            while (i < n1 && a[i] <= v) {
                i++;
            }
            while (j < n2 && b[j] <= v) {
                j++;
            }
            double diff = (double) i / n1 - (double) j / n2;
            if (diff > maxS) {
                maxS = diff;
            }
            if (diff < minS) {
                minS = diff;
            }
        }
        double negMin = Math.min(1.0, Math.max(0.0, -minS));
        return negMin > maxS ? negMin : maxS;
    }

    /**
     * Pr(D_{n,n} ≥ h/n): the share of lattice paths leaving the lines x − y = ±h ({@code
     * _compute_prob_outside_square}), by scipy's Horner-like alternating sum.
     */
    static double probOutsideSquare(long n, long h) {
        double p = 0.0;
        long k = (long) Math.floor((double) n / h);
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (double) (n - k * h - j) * p1 / (double) (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k -= 1;
        }
        return 2 * p;
    }

    /**
     * The share of lattice paths from (0,0) to (m,n) that do not stay strictly inside {@code |x/m − y/n| <
     * h/lcm} ({@code _compute_outer_prob_inside_method}: Hodges' inside method with Viehmann's recursion for 1 − p).
     */
    static double outerProbInside(long m0, long n0, long g, long h) {
        long m = Math.max(m0, n0);
        long n = Math.min(m0, n0);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
        int curlen = maxj - minj;
        int lenA = (int) Math.min(2L * maxj + 2, n + 1);
        double[] a = new double[lenA];
        Arrays.fill(a, 1.0);
        Arrays.fill(a, minj, Math.min(maxj, lenA), 0.0);
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.min(Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0), n);
            maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            double di = i;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                int src = jj + minj - lastminj;
                double prev = src < lenA ? a[src] : 1.0;
                val = (prev * di + val * j) / (double) (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                Arrays.fill(a, Math.min(curlen, lenA), Math.min(curlen + (lastlen - curlen), lenA), 1.0);
            }
        }
        return a[maxj - minj - 1];
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * @param values values without NaN
     * @return a sorted copy with −0.0 turned into 0.0
     */
    static double[] sortedCopy(double[] values) {
        double[] s = new double[values.length];
        for (int i = 0; i < s.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("NaN at index " + i + ": leave missing values out first");
            }
            s[i] = values[i] + 0.0;
        }
        Arrays.sort(s);
        return s;
    }
}
