package io.mlwb.drift.stats;

/**
 * The Jensen-Shannon distance with the natural logarithm, {@code scipy.spatial.distance.jensenshannon(p, q)}:
 * both vectors are first divided by their sums, {@code m = (p + q)/2}, and the distance is
 * {@code sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / 2)} with {@code rel_entr(a, b) = a·ln(a/b)} for a > 0 and 0
 * for a = 0. It lies in [0, √ln 2 ≈ 0.8326]. Where rounding makes the sum a hair below zero (scipy then returns
 * NaN from the square root) we return 0.
 */
public final class JensenShannon {
    private JensenShannon() {
    }

    /**
     * @param p counts or weights per category, ≥ 0, positive sum
     * @param q counts or weights over the same categories, same length
     * @return the distance
     */
    public static double distance(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("p and q differ in length");
        }
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < p.length; i++) {
            sp += p[i];
            sq += q[i];
        }
        double left = 0;
        double right = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / sp;
            double qi = q[i] / sq;
            double m = (pi + qi) / 2.0;
            left += relEntr(pi, m);
            right += relEntr(qi, m);
        }
        double js = left + right;
        return js <= 0 ? 0.0 : Math.sqrt(js / 2.0);
    }

    /**
     * @param p counts per category
     * @param q counts per category, same length
     * @return {@link #distance(double[], double[])} of the counts
     */
    public static double distance(long[] p, long[] q) {
        double[] dp = new double[p.length];
        double[] dq = new double[q.length];
        for (int i = 0; i < p.length; i++) {
            dp[i] = p[i];
        }
        for (int i = 0; i < q.length; i++) {
            dq[i] = q[i];
        }
        return distance(dp, dq);
    }

    private static double relEntr(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0;
        }
        return Double.POSITIVE_INFINITY;
    }
}
