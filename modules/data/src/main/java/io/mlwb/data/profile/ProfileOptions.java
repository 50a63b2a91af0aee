package io.mlwb.data.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * What a profile computes.
 *
 * @param histogramBins number of equal-width histogram bins over [min, max] of the finite values (numpy edges)
 * @param topK          how many most frequent values to keep per column
 * @param target        the target column, whose association with every other column is computed
 * @param correlations  whether to compute the Pearson, Spearman and Cramér's V matrices
 * @param threads       worker threads; 0 or less means one per available processor
 */
public record ProfileOptions(int histogramBins, int topK, Optional<String> target, boolean correlations, int threads) {
    /** Validates the parts. */
    public ProfileOptions {
        if (histogramBins < 1) {
            throw new IllegalArgumentException("histogramBins must be at least 1, not " + histogramBins);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must not be negative, not " + topK);
        }
        Objects.requireNonNull(target, "target");
    }

    /** @return 50 bins, top 10, no target, correlations on, one thread per processor */
    public static ProfileOptions defaults() {
        return new ProfileOptions(50, 10, Optional.empty(), true, 0);
    }

    /** @return these options with {@code column} as the target */
    public ProfileOptions withTarget(String column) {
        return new ProfileOptions(histogramBins, topK, Optional.of(column), correlations, threads);
    }

    /** @return the number of worker threads these options ask for, resolved against the machine */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
