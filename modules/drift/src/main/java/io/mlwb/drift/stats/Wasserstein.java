package io.mlwb.drift.stats;

/**
 * The Wasserstein-1 (earth mover's) distance between two unweighted one-dimensional samples, as
 * {@code scipy.stats.wasserstein_distance(u, v)} computes it: {@code ∫ |U(t) − V(t)| dt}, the area between the two
 * empirical CDFs, summed over the gaps between consecutive values of the pooled sample. Also the drift statistic
 * built on it: the distance divided by the reference's population standard deviation (ddof 0), floored at 0.001,
 * as Evidently's default {@code wasserstein} test does.
 */
public final class Wasserstein {
    /** The floor of the reference standard deviation in {@link #normalised}. */
    public static final double STD_FLOOR = 0.001;

    private Wasserstein() {
    }

    /**
     * @param u a sample, no NaN, at least one value
     * @param v another sample, likewise
     * @return the Wasserstein-1 distance
     */
    public static double distance(double[] u, double[] v) {
        double[] su = KolmogorovSmirnov.sortedCopy(u);
        double[] sv = KolmogorovSmirnov.sortedCopy(v);
        return distanceSorted(su, su.length, sv, sv.length);
    }

    /**
     * The distance between two sorted samples, in one merge pass without allocating.
     *
     * @param u  sorted sample {@code u[0..nu)}, no NaN
     * @param nu its size, at least 1
     * @param v  sorted sample {@code v[0..nv)}, no NaN
     * @param nv its size, at least 1
     * @return {@code Σ |U(t_k) − V(t_k)| (t_{k+1} − t_k)} over the pooled sorted values {@code t}, where
     *         {@code U(t) = #{u ≤ t}/nu}; infinite or NaN when the samples hold infinities (as scipy)
     */
    public static double distanceSorted(double[] u, int nu, double[] v, int nv) {
        if (nu < 1 || nv < 1) {
            throw new IllegalArgumentException("Wasserstein distance needs a value on each side");
        }
        int i = 0;
        int j = 0;
        // every term is >= 0, so a plain sum is accurate to (count x 1e-16) relative
        double sum = 0;
        double prev = Math.min(u[0], v[0]);
        while (i < nu || j < nv) {
            double t = (j >= nv || (i < nu && u[i] <= v[j])) ? u[i] : v[j];
            if (t != prev) {
                // the CDFs are constant on [prev, t): counts of values <= prev
                sum += Math.abs((double) i / nu - (double) j / nv) * (t - prev);
                prev = t;
            }
            while (i < nu && u[i] <= t) {
                i++;
            }
            while (j < nv && v[j] <= t) {
                j++;
            }
        }
        return sum;
    }

    /**
     * The drift statistic: {@code W(ref, cur) / max(std(ref), 0.001)}.
     *
     * @param distance the Wasserstein distance between reference and current
     * @param refStd   the reference's population standard deviation (ddof 0)
     * @return the normalised distance
     */
    public static double normalised(double distance, double refStd) {
        return distance / Math.max(refStd, STD_FLOOR);
    }

    /**
     * The population standard deviation (ddof 0), {@code numpy.std(x)}: two passes, mean first, compensated sums.
     *
     * @param x  values {@code x[0..n)}, no NaN
     * @param n  how many, at least 1
     * @return {@code sqrt(Σ (x − mean)² / n)}
     */
    public static double populationStd(double[] x, int n) {
        double mean = Sums.kahan(x, n) / n;
        double s = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double dv = x[i] - mean;
            double y = dv * dv - c;
            double t = s + y;
            c = (t - s) - y;
            s = t;
        }
        return Math.sqrt(s / n);
    }
}
