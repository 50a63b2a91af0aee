package io.mlwb.data.stream;

import io.mlwb.data.profile.NumericMath;

/**
 * Pairwise-complete Pearson co-moments of two columns over a stream: per block, two passes over the rows where both
 * values are present and finite give the block's means and centered sums, merged into the totals with Chan's
 * update ({@code Cxy += Cxy_b + dx dy na nb / n}). Exact up to rounding, like the in-memory two-pass formula.
 */
final class CoMoments {
    private long n;
    private double mx;
    private double my;
    private double sxx;
    private double syy;
    private double sxy;

    /** Adds a block; NaN marks a missing or non-finite value. */
    void add(double[] x, double[] y, int rows) {
        double[] c = NumericMath.pairwiseCoMoments(x, y, rows);
        long m = (long) c[0];
        if (m == 0) {
            return;
        }
        double bx = c[1];
        double by = c[2];
        double bxx = c[3];
        double byy = c[4];
        double bxy = c[5];
        if (n == 0) {
            n = m;
            mx = bx;
            my = by;
            sxx = bxx;
            syy = byy;
            sxy = bxy;
            return;
        }
        double na = n;
        double nb = m;
        double nt = na + nb;
        double dx = bx - mx;
        double dy = by - my;
        double f = na * nb / nt;
        sxx += bxx + dx * dx * f;
        syy += byy + dy * dy * f;
        sxy += bxy + dx * dy * f;
        mx += dx * nb / nt;
        my += dy * nb / nt;
        n += m;
    }

    /** @return Pearson's r; NaN below two shared rows or with a constant column */
    double r(boolean diagonal) {
        if (n < 2 || sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        if (diagonal) {
            return 1.0;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }
}
