package io.mlwb.drift.stats;

/**
 * The one-sided Kolmogorov-Smirnov (Smirnov) distribution's survival function, {@code Pr(D+_n >= x)}, as
 * {@code scipy.special.smirnov(n, x)} computes it (xsf {@code cephes/kolmogorov.h}, {@code _smirnov}): the
 * Birnbaum-Tingey sum
 * <pre>  sf = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)</pre>
 * with scipy's special cases ({@code x ≤ 1/n}, {@code x ≥ 1 − 1/n}, an underflowing tail, and the approximation
 * {@code exp(−(6nx+1)²/18n)} above n = 1,000,000) and its early stop once the remaining terms cannot change the sum.
 *
 * <p>Where we differ in means, not in result: scipy keeps each term in double-double arithmetic; we keep the
 * binomial coefficient as a mantissa and a binary exponent (as scipy does) and take the powers through logarithms
 * in doubles. All terms of this sum are positive, so the result is accurate to about 1e-12 relative, far inside
 * the 1e-6 our fixtures check. scipy's "upper sum" variant (used only when {@code x ≤ 0.5/√n} with at most three
 * terms) is left out: {@link KolmogorovDistribution} never calls this with {@code n·x² < 2.2}.
 */
final class Smirnov {
    /** log of the smallest positive double, as cephes' MINLOG. */
    private static final double MINLOG = -7.451332191019412076235E2;
    private static final int MAX_COMPUTE_N = 1_000_000;
    private static final double EPS = Math.ulp(1.0);

    private Smirnov() {
    }

    /**
     * @param n the sample size, at least 1
     * @param x the statistic, in [0, 1]
     * @return {@code Pr(D+_n >= x)}; NaN outside the domain
     */
    static double sf(int n, double x) {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == 1.0) {
            return 0.0;
        }
        // floor(n*x) and its fraction, exactly (scipy does this in double-double)
        double nx = n * x;
        double err = Math.fma(n, x, -nx);
        double fl = Math.floor(nx);
        double alpha = (nx - fl) + err;
        if (alpha < 0) {
            fl -= 1;
            alpha += 1;
        }
        if (alpha >= 1) {
            fl += 1;
            alpha -= 1;
        }
        int nxfl = (int) fl;
        int n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
        if (alpha == 0) {
            n1mxfl -= 1;
        }
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
            double t = Math.pow(1 + x, n - 1);
            return 1 - x * t;
        }
        if (-2 * n * x * x < MINLOG) {
            return 0;
        }
        if (nxfl >= n - 1) {
            return Math.pow(1 - x, n);
        }
        if (n > MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return logp < -Math.log(2) ? Math.exp(logp) : 1 - (-Math.expm1(logp));
        }
        int nTerms = n1mxfl + 1;
        int vmid = n / 2;
        // term v = 0: (1-x)^n / x
        double sum = Math.pow(1 - x, n) / x;
        // C(n, v) = cMan * 2^cExp, cMan in [0.5, 1)
        double cMan = 0.5;
        int cExp = 1;
        // C(n, 1) = n
        cMan *= n;
        int e0 = Math.getExponent(cMan) + 1;
        cMan = Math.scalb(cMan, -e0);
        cExp += e0;
        for (int j = 1; j < nTerms; j++) {
            int v = j;
            double lower = (nxfl + v + alpha) / n;               // x + v/n
            double upper = ((double) (n - nxfl - v) - alpha) / n; // 1 - x - v/n
            double logTerm = Math.log(cMan) + cExp * Math.log(2) + (n - v) * Math.log(upper)
                    + (v - 1) * Math.log(lower);
            double aj = Math.exp(logTerm);
            if (Double.isFinite(aj) && aj != 0.0) {
                sum += aj;
            }
            if (aj != 0.0) {
                if (4.0 * (nTerms - j) * Math.abs(aj) < EPS * sum && j != nTerms - 1) {
                    break;
                }
            } else if (j > vmid) {
                break;
            }
            // C(n, j+1) = C(n, j) (n-j)/(j+1); the mantissa is renormalised into [0.5, 1)
            cMan *= (double) (n - j) / (j + 1.0);
            int e = Math.getExponent(cMan) + 1;
            cMan = Math.scalb(cMan, -e);
            cExp += e;
        }
        double sf = x * sum;
        return Math.min(1.0, Math.max(0.0, sf));
    }
}
