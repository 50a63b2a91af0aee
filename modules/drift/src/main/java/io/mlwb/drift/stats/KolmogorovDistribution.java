package io.mlwb.drift.stats;

/**
 * The two-sided one-sample Kolmogorov-Smirnov distribution {@code D_n}, a port of scipy's {@code kstwo} survival
 * function ({@code scipy.stats.kstwo.sf(d, n)}, which is {@code scipy.stats._ksstats.kolmogn(n, d, cdf=False)}).
 * {@link KolmogorovSmirnov} uses it for the asymptotic p-value of the two-sample test,
 * {@code kstwo.sf(d, round(m·n/(m+n)))}, exactly as {@code scipy.stats.ks_2samp} does.
 *
 * <p>The method is chosen as scipy chooses it (Simard and L'Ecuyer 2011): Ruben-Gambino closed forms for
 * {@code n·d ≤ 1} and {@code n·d ≥ n−1}; {@code 2·smirnov(n, d)} for {@code d ≥ 0.5}; for {@code n ≤ 140} the
 * Durbin matrix (Marsaglia-Tsang-Wang) when {@code n·d² ≤ 0.754693}, the Pomeranz recursion when
 * {@code n·d² ≤ 4}, else {@code 2·smirnov}; for {@code n > 140}: 0 when {@code n·d² ≥ 370}, {@code 2·smirnov}
 * when {@code n·d² ≥ 2.2}, else {@code 1 −} the CDF from Durbin (when {@code n ≤ 100000} and
 * {@code n·d^1.5 ≤ 1.4}) or from the Pelz-Good expansion. Results are clipped to [0, 1].
 */
public final class KolmogorovDistribution {
    private static final int E128 = 128;
    private static final double EP128 = Math.scalb(1.0, 128);
    private static final double EM128 = Math.scalb(1.0, -128);
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG = -708;
    private static final double SQRT3 = Math.sqrt(3);
    private static final double PI_SQUARED = Math.PI * Math.PI;
    private static final double PI_FOUR = Math.pow(Math.PI, 4);
    private static final double PI_SIX = Math.pow(Math.PI, 6);
    /** Stirling coefficients B_{2j}/(2j)/(2j−1), j = 8..1 (scipy's {@code _STIRLING_COEFFS}). */
    private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    private KolmogorovDistribution() {
    }

    /**
     * {@code scipy.stats.kstwo.sf(d, n)}: the probability that {@code D_n ≥ d}.
     *
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return the survival function in [0, 1]: 1 for {@code d ≤ 0.5/n}, 0 for {@code d ≥ 1}; NaN for a NaN
     *         {@code d} or {@code n < 1}
     */
    public static double sf(double d, long n) {
        if (Double.isNaN(d) || n < 1) {
            return Double.NaN;
        }
        if (d <= 0.5 / n) {
            return 1.0;
        }
        if (d >= 1.0) {
            return 0.0;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n too large for the Kolmogorov distribution: " + n);
        }
        return kolmognSf((int) n, d);
    }

    /** {@code _kolmogn(n, x, cdf=False)}. */
    private static double kolmognSf(int n, double x) {
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1.0;
                double inv = 1.0 / n;
                double f = 2 * t - 1;
                for (int i = 1; i <= n; i++) {
                    prob *= i * inv * f;
                }
            } else {
                prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - prob);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * Smirnov.sf(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbinMtw(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranz(n, x));
            }
            return clip(2 * Smirnov.sf(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * Smirnov.sf(n, x));
        }
        double cdf;
        if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinMtw(n, x);
        } else {
            cdf = pelzGood(n, x);
        }
        return clip(1.0 - cdf);
    }

    /** log(n!/n^n) by Stirling's series with n·log(n) taken out ({@code _log_nfactorial_div_n_pow_n}). */
    private static double logNFactorialDivNPowN(int n) {
        double rn = 1.0 / n;
        double z = rn / n;
        double poly = 0;
        for (double c : STIRLING) {
            poly = poly * z + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /** Pr(D_n ≤ d) by Durbin's matrix, Marsaglia-Tsang-Wang's way ({@code _kolmogn_DMTW}), clipped. */
    static double durbinMtw(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] hm = new double[m * m];
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r * m + i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r * m] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[(m - 1) * m + c] = v[m - 1 - c];
        }
        double[] pwr = new double[m * m];
        for (int i = 0; i < m; i++) {
            pwr[i * m + i] = 1.0;
        }
        double[] tmp = new double[m * m];
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 != 0) {
                multiply(pwr, hm, tmp, m);
                System.arraycopy(tmp, 0, pwr, 0, m * m);
                expnt += hExpnt;
            }
            multiply(hm, hm, tmp, m);
            System.arraycopy(tmp, 0, hm, 0, m * m);
            hExpnt *= 2;
            if (Math.abs(hm[(k - 1) * m + (k - 1)]) > EP128) {
                for (int i = 0; i < hm.length; i++) {
                    hm[i] /= EP128;
                }
                hExpnt += E128;
            }
            nn /= 2;
        }
        double p = pwr[(k - 1) * m + (k - 1)];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                expnt -= E128;
            }
        }
        if (expnt != 0) {
            p = Math.scalb(p, expnt);
        }
        return clip(p);
    }

    private static void multiply(double[] a, double[] b, double[] out, int m) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double ail = a[i * m + l];
                if (ail == 0.0) {
                    continue;
                }
                int bo = l * m;
                int oo = i * m;
                for (int j = 0; j < m; j++) {
                    out[oo + j] += ail * b[bo + j];
                }
            }
        }
    }

    /** The interval of row i of the Pomeranz recursion ({@code _pomeranz_compute_j1j2}). */
    private static int[] pomeranzJ1J2(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int ip1div2 = (i + 1) / 2;
            int ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0) {
                if (ip1div2 == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    /** Pr(D_n ≤ x) by the Pomeranz recursion ({@code _kolmogn_Pomeranz}), clipped. */
    static double pomeranz(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        int expnt = 0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        double[] conv = new double[2 * npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int[] jj = pomeranzJ1J2(0, n, ll, ceilf, roundf);
        int j1 = jj[0];
        int j2;
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j1;
            double[] swap = v0;
            v0 = v1;
            v1 = swap;
            int swaps = v0s;
            v0s = v1s;
            v1s = swaps;
            java.util.Arrays.fill(v1, 0.0);
            jj = pomeranzJ1J2(i, n, ll, ceilf, roundf);
            j1 = jj[0];
            j2 = jj[1];
            double[] pwrs = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 != 0 ? twogpower : onem2gpower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0) {
                // np.convolve(V0[k1-V0s : k1-V0s+ln2], pwrs[:ln2]), with Python's slice clipping
                int aStart = k1 - v0s;
                int aLen = Math.max(0, Math.min(ln2, npwrs - aStart));
                int bLen = Math.min(ln2, npwrs);
                if (aStart < 0 || aLen == 0) {
                    throw new IllegalStateException("Pomeranz window out of range: n=" + n + ", x=" + x);
                }
                int convLen = aLen + bLen - 1;
                for (int c = 0; c < convLen; c++) {
                    double s = 0;
                    int lo = Math.max(0, c - bLen + 1);
                    int hi = Math.min(c, aLen - 1);
                    for (int a = lo; a <= hi; a++) {
                        s += v0[aStart + a] * pwrs[c - a];
                    }
                    conv[c] = s;
                }
                int convStart = j1 - k1;
                int len = j2 - j1 + 1;
                double max = 0;
                for (int c = 0; c < len; c++) {
                    v1[c] = conv[convStart + c];
                    max = Math.max(max, v1[c]);
                }
                if (0 < max && max < EM128) {
                    for (int c = 0; c < v1.length; c++) {
                        v1[c] *= EP128;
                    }
                    expnt -= E128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        double ans = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(ans) > EP128) {
                ans *= EM128;
                expnt += E128;
            }
            ans *= m;
        }
        if (expnt != 0) {
            ans = Math.scalb(ans, expnt);
        }
        return clip(ans);
    }

    /** The Pelz-Good approximation to Pr(D_n ≤ x) ({@code _kolmogn_PelzGood}). */
    static double pelzGood(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double zsquared = z * z;
        double zthree = zsquared * z;
        double zfour = zsquared * zsquared;
        double zsix = zfour * zsquared;
        double qlog = -PI_SQUARED / 8 / zsquared;
        if (qlog < MIN_LOG) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -zsquared;
        double k1b = PI_SQUARED / 4;
        double k2a = 6 * zsix + 2 * zfour;
        double k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
        double k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
        double k3d = PI_SIX * (5 - 30 * zsquared) / 64;
        double k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
        double k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
        double k3a = -30 * zsix - 90 * Math.pow(z, 8);
        double k0 = 0;
        double kk1 = 0;
        double kk2 = 0;
        double kk3 = 0;
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            double m = 2 * k - 1;
            double msquared = m * m;
            double mfour = msquared * msquared;
            double msix = mfour * msquared;
            double qpower = Math.pow(q, 8 * k);
            k0 = k0 * qpower + 1.0;
            kk1 = kk1 * qpower + (k1a + k1b * msquared);
            kk2 = kk2 * qpower + (k2a + k2b * msquared + k2c * mfour);
            kk3 = kk3 * qpower + (k3a + k3b * msquared + k3c * mfour + k3d * msix);
        }
        double scale = q * SQRT2PI;
        k0 = k0 * scale / z;
        kk1 = kk1 * scale / (6 * zfour);
        kk2 = kk2 * scale / (72 * Math.pow(z, 7));
        kk3 = kk3 * scale / (6480 * Math.pow(z, 10));
        double q2 = Math.exp(-PI_SQUARED / 2 / zsquared);
        double sqrt3z = SQRT3 * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int k = maxk; k > 0; k--) {
            double ksq = (double) k * k;
            double kspi = Math.PI * k;
            double qp = Math.pow(q2, ksq);
            k2extra += ksq * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
        }
        kk2 += k2extra * (PI_SQUARED * SQRT2PI / (-36 * zthree));
        kk3 += k3extra * (PI_SQUARED * SQRT2PI / (216 * zsix));
        double rn = Math.sqrt(n);
        return k0 + kk1 / rn + kk2 / n + kk3 / (n * rn);
    }

    private static double clip(double p) {
        return Math.min(1.0, Math.max(0.0, p));
    }
}
