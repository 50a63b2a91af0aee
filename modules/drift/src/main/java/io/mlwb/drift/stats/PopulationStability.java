package io.mlwb.drift.stats;

/**
 * Population stability index and Kullback-Leibler divergence over bins or categories, as docs/drift.md defines
 * them: each side's proportion per bin is its count over its own total (the non-missing values), a proportion of
 * exactly 0 is replaced by 0.0001 with no renormalisation, and with natural logarithms
 * <pre>  PSI = Σ (cur − ref)·ln(cur/ref)      KL = Σ cur·ln(cur/ref)   (KL(current ‖ reference))</pre>
 */
public final class PopulationStability {
    /** What a proportion of 0 is replaced by. */
    public static final double FLOOR = 0.0001;

    private PopulationStability() {
    }

    /** The usual reading of a PSI value. */
    public enum Band {
        /** PSI below 0.1. */
        STABLE,
        /** PSI from 0.1 to 0.25, both included. */
        MODERATE,
        /** PSI above 0.25. */
        SIGNIFICANT;

        /**
         * @param psi a PSI value (not NaN)
         * @return its band
         */
        public static Band of(double psi) {
            return psi < 0.1 ? STABLE : psi <= 0.25 ? MODERATE : SIGNIFICANT;
        }

        /** @return the name used in JSON: {@code "stable"}, {@code "moderate"}, {@code "significant"} */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * PSI and KL of two count vectors.
     *
     * @param psi  the population stability index
     * @param kl   KL(current ‖ reference)
     * @param band the PSI band
     */
    public record Result(double psi, double kl, Band band) {
    }

    /**
     * @param ref reference counts per bin
     * @param cur current counts per bin, same length
     * @return PSI, KL and band; proportions over each side's own total
     * @throws IllegalArgumentException when a side has no values
     */
    public static Result compute(long[] ref, long[] cur) {
        if (ref.length != cur.length) {
            throw new IllegalArgumentException("reference and current bins differ in number");
        }
        long refTotal = 0;
        long curTotal = 0;
        for (int i = 0; i < ref.length; i++) {
            refTotal += ref[i];
            curTotal += cur[i];
        }
        if (refTotal == 0 || curTotal == 0) {
            throw new IllegalArgumentException("PSI needs values on both sides");
        }
        double psi = 0;
        double kl = 0;
        for (int i = 0; i < ref.length; i++) {
            double r = proportion(ref[i], refTotal);
            double c = proportion(cur[i], curTotal);
            double log = Math.log(c / r);
            psi += (c - r) * log;
            kl += c * log;
        }
        return new Result(psi, kl, Band.of(psi));
    }

    private static double proportion(long count, long total) {
        return count == 0 ? FLOOR : (double) count / total;
    }
}
