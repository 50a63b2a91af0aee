package io.mlwb.data.read;

import java.math.BigInteger;

/**
 * The Eisel–Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", 2021; the fast_float
 * library's {@code compute_float}): the correctly rounded double nearest {@code w * 10^q} from a 128-bit
 * approximation of {@code 5^q}. It gives up (NaN) only in cases it cannot prove, and the caller then uses
 * {@link Double#parseDouble}; the tests compare it with {@code parseDouble} bit for bit.
 */
final class EiselLemire {
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    /** Two longs (high, low) per power of five from 5^-342 to 5^308, normalised to 128 bits. */
    private static final long[] POW5 = table();

    private EiselLemire() {
    }

    /**
     * @param w         the decimal significand as an unsigned 64-bit integer (not zero)
     * @param q         the decimal exponent
     * @param truncated whether digits after {@code w} were dropped (the true significand is in (w, w+1))
     * @return the positive double nearest {@code w * 10^q}, or NaN when undecided
     */
    static double compute(long w, int q, boolean truncated) {
        double a = compute(w, q);
        if (!truncated || a != a) {
            return a;
        }
        double b = compute(w + 1, q);
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b) ? a : Double.NaN;
    }

    private static double compute(long w, int q) {
        if (w == 0 || q < SMALLEST_POWER) {
            return 0.0;
        }
        if (q > LARGEST_POWER) {
            return Double.POSITIVE_INFINITY;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - SMALLEST_POWER);
        long hi = Math.multiplyHigh(w, POW5[index]) + ((POW5[index] >> 63) & w) + ((w >> 63) & POW5[index]);
        long lo = w * POW5[index];
        if ((hi & 0x1FF) == 0x1FF) {
            long hi2 = Math.multiplyHigh(w, POW5[index + 1]) + ((POW5[index + 1] >> 63) & w)
                    + ((w >> 63) & POW5[index + 1]);
            lo += hi2;
            if (Long.compareUnsigned(hi2, lo) > 0) {
                hi++;
            }
            if (lo == -1L && (q < -27 || q > 55)) {
                return Double.NaN; // the older, conservative bail-out: cannot decide cheaply
            }
        }
        int upperbit = (int) (hi >>> 63);
        int shift = upperbit + 64 - 52 - 3;
        long mantissa = hi >>> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperbit - lz + 1023;
        if (power2 <= 0) {
            if (-power2 + 1 >= 64) {
                return 0.0;
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            power2 = mantissa < (1L << 52) ? 0 : 1;
            return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
        }
        if (Long.compareUnsigned(lo, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1) {
            if ((mantissa << shift) == hi) {
                mantissa &= ~1L;
            }
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
    }

    private static long[] table() {
        long[] t = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                int z = power5.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int i = 2 * (q - SMALLEST_POWER);
            t[i] = c.shiftRight(64).longValue();
            t[i + 1] = c.longValue();
        }
        return t;
    }
}
