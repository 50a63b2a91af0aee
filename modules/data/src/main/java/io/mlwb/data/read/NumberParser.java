package io.mlwb.data.read;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes, without a {@code String} per cell. Accepts
 * {@code [+-]digits[.digits][(e|E)[+-]digits]} (either side of the point may be empty, not both), surrounding
 * spaces, and {@code inf}/{@code infinity} in any case. The result always equals {@link Double#parseDouble}:
 * the common short forms are computed exactly (Clinger's fast path: a mantissa below 2^53 times or divided by an
 * exact power of ten is one correctly rounded operation), everything else goes to {@code Double.parseDouble}.
 * Not thread-safe: one instance per thread.
 */
final class NumberParser {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };
    private static final long TWO_53 = 1L << 53;

    /** Whether the last successfully parsed value was written without a point or exponent. */
    boolean integral;

    /** @return the value, or NaN when the bytes are not a number in the accepted syntax */
    double parse(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && b[p] == ' ') {
            p++;
        }
        while (end > p && b[end - 1] == ' ') {
            end--;
        }
        if (p >= end) {
            return Double.NaN;
        }
        final int start = p;
        boolean neg = false;
        byte c = b[p];
        if (c == '-' || c == '+') {
            neg = c == '-';
            if (++p >= end) {
                return Double.NaN;
            }
            c = b[p];
        }
        if ((c < '0' || c > '9') && c != '.') {
            return special(b, p, end, neg);
        }
        long mant = 0;
        int sig = 0;
        int exp = 0;
        boolean tooLong = false;
        boolean anyDigit = false;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (sig < 19) {
                mant = mant * 10 + d;
                if (mant != 0) {
                    sig++;
                }
            } else {
                tooLong = true;
                exp++;
            }
            p++;
        }
        boolean whole = true;
        if (p < end && b[p] == '.') {
            whole = false;
            p++;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                anyDigit = true;
                if (sig < 19) {
                    mant = mant * 10 + d;
                    if (mant != 0) {
                        sig++;
                    }
                    exp--;
                } else {
                    tooLong = true;
                }
                p++;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            whole = false;
            if (++p >= end) {
                return Double.NaN;
            }
            boolean eneg = false;
            if (b[p] == '-' || b[p] == '+') {
                eneg = b[p] == '-';
                p++;
            }
            int e = 0;
            int digits = 0;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (e < 100_000) {
                    e = e * 10 + d;
                }
                digits++;
                p++;
            }
            if (digits == 0) {
                return Double.NaN;
            }
            exp += eneg ? -e : e;
        }
        if (p != end) {
            return Double.NaN;
        }
        integral = whole;
        if (mant == 0) {
            return neg ? -0.0 : 0.0;
        }
        if (!tooLong && mant >= 0 && mant < TWO_53) {
            double m = mant;
            if (exp == 0) {
                return neg ? -m : m;
            }
            if (exp > 0 && exp <= 22) {
                double v = m * POW10[exp];
                return neg ? -v : v;
            }
            if (exp < 0 && exp >= -22) {
                double v = m / POW10[-exp];
                return neg ? -v : v;
            }
        }
        double v = EiselLemire.compute(mant, exp, tooLong);
        if (v == v) {
            return neg ? -v : v;
        }
        // Rare: very long mantissas, halfway cases. The JDK parser is correctly rounded.
        return Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private double special(byte[] b, int p, int end, boolean neg) {
        int n = end - p;
        if ((n == 3 && matches(b, p, "inf")) || (n == 8 && matches(b, p, "infinity"))) {
            integral = false;
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static boolean matches(byte[] b, int p, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if ((b[p + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
