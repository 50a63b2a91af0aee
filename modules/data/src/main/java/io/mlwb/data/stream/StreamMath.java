package io.mlwb.data.stream;

import io.mlwb.data.profile.NumericMath;
import java.util.ArrayList;
import java.util.List;

/**
 * The pandas/numpy formulas of the exact profiler ({@link NumericMath}), applied to streamed sums: sample std, pandas {@code nanskew}/{@code nankurt} with their 1e-14 cut-offs, numpy's
 * {@code linspace} and ydata's imbalance.
 */
final class StreamMath {
    private StreamMath() {
    }

    static double std(double m2, long n) {
        return NumericMath.std(m2, n);
    }

    static double skewness(double m2, double m3, long count) {
        return NumericMath.skewness(m2, m3, count);
    }

    static double kurtosis(double m2, double m4, long count) {
        return NumericMath.kurtosis(m2, m4, count);
    }

    static double[] linspace(double start, double stop, int num) {
        return NumericMath.linspace(start, stop, num);
    }

    static double imbalance(Iterable<Long> counts, long k) {
        List<Long> list = new ArrayList<>();
        counts.forEach(list::add);
        return NumericMath.imbalance(list.stream().mapToLong(Long::longValue).toArray(), k);
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
