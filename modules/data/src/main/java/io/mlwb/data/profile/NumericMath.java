package io.mlwb.data.profile;

/**
 * The formulas, written to match numpy and pandas to the last few bits: numpy's linear quantile (including its
 * {@code _lerp}), pandas' {@code nanskew} and {@code nankurt} (including their 1e-14 "floating point error"
 * cut-offs) and numpy's histogram binning.
 */
public final class NumericMath {
    /** pandas' {@code _zero_out_fperr} cut-off: sums of powers below this count as exactly zero. */
    static final double PANDAS_FPERR = 1e-14;

    private NumericMath() {
    }

    /** Neumaier-compensated sum of {@code x[from..to)}. */
    public static double sum(double[] x, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    /**
     * Centered power sums of {@code x[from..to)} about {@code mean}, each compensated.
     *
     * @return {m2, m3, m4}: sums of d², d³ and d⁴
     */
    public static double[] centeredSums(double[] x, int from, int to, double mean) {
        double s2 = 0;
        double c2 = 0;
        double s3 = 0;
        double c3 = 0;
        double s4 = 0;
        double c4 = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            double d2 = d * d;
            double d3 = d2 * d;
            double d4 = d2 * d2;
            double t = s2 + d2;
            c2 += Math.abs(s2) >= d2 ? (s2 - t) + d2 : (d2 - t) + s2;
            s2 = t;
            t = s3 + d3;
            c3 += Math.abs(s3) >= Math.abs(d3) ? (s3 - t) + d3 : (d3 - t) + s3;
            s3 = t;
            t = s4 + d4;
            c4 += Math.abs(s4) >= d4 ? (s4 - t) + d4 : (d4 - t) + s4;
            s4 = t;
        }
        return new double[] {s2 + c2, s3 + c3, s4 + c4};
    }

    /** Sample standard deviation from the sum of squared deviations; NaN below two values. */
    public static double std(double m2, long n) {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }

    /** pandas {@code nanskew}: adjusted Fisher–Pearson G1; NaN below three values, 0 when m2 counts as zero. */
    public static double skewness(double m2, double m3, long count) {
        if (count < 3) {
            return Double.NaN;
        }
        double n = count;
        double z2 = Math.abs(m2) < PANDAS_FPERR ? 0 : m2;
        double z3 = Math.abs(m3) < PANDAS_FPERR ? 0 : m3;
        if (z2 == 0) {
            return 0;
        }
        return (n * Math.sqrt(n - 1) / (n - 2)) * (z3 / Math.pow(z2, 1.5));
    }

    /** pandas {@code nankurt}: bias-adjusted excess kurtosis; NaN below four values, 0 when the denominator is 0. */
    public static double kurtosis(double m2, double m4, long count) {
        if (count < 4) {
            return Double.NaN;
        }
        double n = count;
        double adj = 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
        double numerator = n * (n + 1) * (n - 1) * m4;
        double denominator = (n - 2) * (n - 3) * m2 * m2;
        if (Math.abs(numerator) < PANDAS_FPERR) {
            numerator = 0;
        }
        if (Math.abs(denominator) < PANDAS_FPERR) {
            return 0;
        }
        return numerator / denominator - adj;
    }

    /**
     * numpy's {@code quantile(method="linear")} of sorted {@code s[from..from+n)}: h = (n − 1) q, then numpy's
     * {@code _lerp}, which interpolates from the upper neighbour when the fraction is at least 0.5.
     */
    static double quantile(double[] s, int from, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return s[from + n - 1];
        }
        double g = h - lo;
        double a = s[from + lo];
        double b = s[from + lo + 1];
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    /**
     * numpy's {@code histogram(x, bins)} of sorted finite {@code s[from..to)}: edges from {@code linspace(min, max,
     * bins + 1)} ([v − 0.5, v + 0.5] when all values are equal) and numpy's bin index with its one-ULP fix-ups.
     *
     * @return the histogram, or null when there is no value
     */
    static Histogram histogram(double[] s, int from, int to, int bins) {
        if (to <= from) {
            return null;
        }
        double first = s[from];
        double last = s[to - 1];
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double[] edges = linspace(first, last, bins + 1);
        long[] counts = new long[bins];
        double norm = last - first;
        for (int i = from; i < to; i++) {
            double x = s[i];
            int idx = (int) (((x - first) / norm) * bins);
            if (idx >= bins) {
                idx = bins - 1;
            }
            if (idx < 0) {
                idx = 0;
            }
            if (x < edges[idx]) {
                idx--;
            } else if (idx != bins - 1 && x >= edges[idx + 1]) {
                idx++;
            }
            counts[idx]++;
        }
        return new Histogram(edges, counts);
    }

    /** numpy's {@code linspace(start, stop, num)} with endpoint: {@code i * step + start}, last = stop. */
    public static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        int div = num - 1;
        double delta = stop - start;
        double step = delta / div;
        for (int i = 0; i < num; i++) {
            y[i] = step == 0 ? (i / (double) div) * delta + start : i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /**
     * Pairwise-complete co-moments of {@code x[0..rows)} and {@code y[0..rows)} over the rows where both are present
     * (NaN marks missing): two passes, means first, then centered sums — as pandas' pairwise {@code corr}.
     *
     * @return {m, meanX, meanY, sxx, syy, sxy}; m (the shared rows) is 0 when there are none, and then the rest is 0
     */
    public static double[] pairwiseCoMoments(double[] x, double[] y, int rows) {
        long m = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < rows; i++) {
            double u = x[i];
            double w = y[i];
            if (u == u && w == w) {
                m++;
                sx += u;
                sy += w;
            }
        }
        if (m == 0) {
            return new double[6];
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < rows; i++) {
            double u = x[i];
            double w = y[i];
            if (u == u && w == w) {
                double dx = u - mx;
                double dy = w - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return new double[] {m, mx, my, sxx, syy, sxy};
    }

    /**
     * ydata's imbalance {@code 1 − H / ln k} from value counts (zeros ignored); 0 when k ≤ 1.
     *
     * @param counts the count of each value
     * @param k      the number of distinct values
     * @return the imbalance in [0, 1]
     */
    public static double imbalance(long[] counts, long k) {
        if (k <= 1) {
            return 0;
        }
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p);
            }
        }
        return 1 - h / Math.log(k);
    }
}
