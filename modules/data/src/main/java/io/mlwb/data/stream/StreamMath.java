package io.mlwb.data.stream;

/**
 * The pandas/numpy formulas of the exact profiler (its {@code NumericMath}, which is package-private there),
 * applied to streamed sums: sample std, pandas {@code nanskew}/{@code nankurt} with their 1e-14 cut-offs, numpy's
 * {@code linspace} and ydata's imbalance.
 */
final class StreamMath {
    private static final double PANDAS_FPERR = 1e-14;

    private StreamMath() {
    }

    static double std(double m2, long n) {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }

    static double skewness(double m2, double m3, long count) {
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

    static double kurtosis(double m2, double m4, long count) {
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

    static double[] linspace(double start, double stop, int num) {
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

    static double imbalance(Iterable<Long> counts, long k) {
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

    /** Strings in code-point order (as the exact profiler orders ties), not UTF-16 order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
