package io.mlwb.data.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {
    @Test
    void sortsDoublesAsArraysSortDoesWithNegativeZeroAsZeroAndNaNLast() {
        SplittableRandom r = new SplittableRandom(42);
        for (int n : new int[] {0, 1, 2, 17, 5000, 200_000}) {
            double[] v = new double[n + 3];
            for (int i = 0; i < n; i++) {
                double kind = r.nextDouble();
                v[i] = kind < 0.05 ? -0.0 : kind < 0.1 ? 0.0 : kind < 0.12 ? Double.NEGATIVE_INFINITY
                        : kind < 0.14 ? Double.POSITIVE_INFINITY : kind < 0.16 ? Double.NaN
                        : kind < 0.18 ? Double.MIN_VALUE : kind < 0.2 ? -Double.MAX_VALUE
                        : kind < 0.6 ? Math.rint(r.nextGaussian() * 20) : r.nextGaussian() * Math.exp(r.nextInt(40) - 20);
            }
            v[n] = 99;       // past n: must stay where it is
            v[n + 1] = -99;
            v[n + 2] = 7;
            double[] expected = Arrays.copyOf(v, n);
            for (int i = 0; i < n; i++) {
                expected[i] += 0.0;
            }
            Arrays.sort(expected);
            double[] got = v.clone();
            RadixSort.sortDoubles(got, n, null, null);
            // bit for bit (so no −0.0 left, NaN last)
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(got[i]), "n=" + n + " i=" + i);
            }
            assertArrayEquals(new double[] {99, -99, 7}, Arrays.copyOfRange(got, n, n + 3));
        }
    }

    @Test
    void keysKeepTheNumericOrderAndRoundTrip() {
        double[] ordered = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5, -Double.MIN_VALUE, 0.0,
            Double.MIN_VALUE, 1e-300, 1, 2.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 0; i < ordered.length; i++) {
            assertEquals(Double.doubleToLongBits(ordered[i]),
                    Double.doubleToLongBits(RadixSort.keyDouble(RadixSort.doubleKey(ordered[i]))));
            if (i > 0) {
                assertEquals(-1, Long.compareUnsigned(RadixSort.doubleKey(ordered[i - 1]),
                        RadixSort.doubleKey(ordered[i])), ordered[i - 1] + " < " + ordered[i]);
            }
        }
        assertEquals(RadixSort.doubleKey(0.0), RadixSort.doubleKey(-0.0));
        assertEquals(-1, Long.compareUnsigned(RadixSort.longKey(Long.MIN_VALUE), RadixSort.longKey(-1)));
        assertEquals(-1, Long.compareUnsigned(RadixSort.longKey(-1), RadixSort.longKey(0)));
        assertEquals(-1, Long.compareUnsigned(RadixSort.longKey(0), RadixSort.longKey(Long.MAX_VALUE)));
    }

    @Test
    void thePermutationIsStableAndMapsSortedToOriginal() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 100_000;
        long[] original = new long[n];
        for (int i = 0; i < n; i++) {
            original[i] = RadixSort.longKey(r.nextInt(1000) - 500L); // many ties
        }
        long[] keys = original.clone();
        int[] perm = RadixSort.sortUnsigned(keys, n, new long[n], new int[n], new int[n]);
        for (int i = 0; i < n; i++) {
            assertEquals(original[perm[i]], keys[i]);
            if (i > 0) {
                assertEquals(-1, Long.signum(Long.compareUnsigned(keys[i - 1], keys[i]) == 0
                        ? (perm[i - 1] < perm[i] ? -1 : 1) : Long.compareUnsigned(keys[i - 1], keys[i])), "at " + i);
            }
        }
    }
}
