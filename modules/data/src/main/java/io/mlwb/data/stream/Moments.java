package io.mlwb.data.stream;

/**
 * Streaming central moments of the finite values of a column: each block's count, mean and centered power sums
 * are computed in two compensated passes over the block (as the exact profiler does over the whole column) and
 * merged into the running totals with Pébay's pairwise update formulas (Chan et al. for the second moment), which
 * are numerically stable. The sum itself is Neumaier-compensated over every value.
 */
final class Moments {
    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double sum;
    private double sumComp;

    /** Adds the finite values {@code x[from..to)}. */
    void add(double[] x, int from, int to) {
        int nb = to - from;
        if (nb <= 0) {
            return;
        }
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
            // the running total, compensated over every value
            double u = sum + v;
            sumComp += Math.abs(sum) >= Math.abs(v) ? (sum - u) + v : (v - u) + sum;
            sum = u;
        }
        double mb = (s + c) / nb;
        double[] m = io.mlwb.data.profile.NumericMath.centeredSums(x, from, to, mb);
        merge(nb, mb, m[0], m[1], m[2]);
    }

    /** Pébay's merge of a block (count {@code nb}, mean {@code mb}, centered sums) into the totals. */
    private void merge(long nb, double mb, double b2, double b3, double b4) {
        if (n == 0) {
            n = nb;
            mean = mb;
            m2 = b2;
            m3 = b3;
            m4 = b4;
            return;
        }
        double na = n;
        double nbd = nb;
        double nt = na + nbd;
        double delta = mb - mean;
        double d2 = delta * delta;
        double a2 = m2;
        double a3 = m3;
        m4 = m4 + b4 + d2 * d2 * na * nbd * (na * na - na * nbd + nbd * nbd) / (nt * nt * nt)
                + 6 * d2 * (na * na * b2 + nbd * nbd * a2) / (nt * nt) + 4 * delta * (na * b3 - nbd * a3) / nt;
        m3 = a3 + b3 + d2 * delta * na * nbd * (na - nbd) / (nt * nt) + 3 * delta * (na * b2 - nbd * a2) / nt;
        m2 = a2 + b2 + d2 * na * nbd / nt;
        mean = mean + delta * nbd / nt;
        n += nb;
    }

    long count() {
        return n;
    }

    /** @return the compensated sum of the values */
    double sum() {
        return sum + sumComp;
    }

    /** @return the sum of squared deviations from the mean */
    double m2() {
        return m2;
    }

    /** @return the sum of cubed deviations */
    double m3() {
        return m3;
    }

    /** @return the sum of fourth powers of the deviations */
    double m4() {
        return m4;
    }
}
