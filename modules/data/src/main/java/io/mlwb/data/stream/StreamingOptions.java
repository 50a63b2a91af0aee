package io.mlwb.data.stream;

import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllSketch;

/**
 * How {@link StreamingProfiler} trades memory for accuracy.
 *
 * @param blockBytes          bytes of rows read and parsed at a time (a block is cut at the last row end)
 * @param kllK                the KLL sketch's k for quantiles and histograms (8 to 65535; larger is more accurate)
 * @param hllLgK              log2 of the HLL sketch's registers for distinct counts (4 to 21)
 * @param frequentItemsMapSize the frequent-items sketch's map size for top values (a power of 2, at least 8)
 * @param exactDistinctLimit  a column keeps exact value counts up to this many distinct values, then switches to the
 *                            HLL and frequent-items sketches (its distinct count and top values become approximate)
 */
public record StreamingOptions(int blockBytes, int kllK, int hllLgK, int frequentItemsMapSize,
        int exactDistinctLimit) {

    /** Validates the parts. */
    public StreamingOptions {
        if (blockBytes < 1024) {
            throw new IllegalArgumentException("blockBytes must be at least 1024, not " + blockBytes);
        }
        if (kllK < 8 || kllK > 65535) {
            throw new IllegalArgumentException("kllK must be in [8, 65535], not " + kllK);
        }
        if (hllLgK < 4 || hllLgK > 21) {
            throw new IllegalArgumentException("hllLgK must be in [4, 21], not " + hllLgK);
        }
        if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException("frequentItemsMapSize must be a power of 2 >= 8: " + frequentItemsMapSize);
        }
        if (exactDistinctLimit < 0) {
            throw new IllegalArgumentException("exactDistinctLimit must not be negative: " + exactDistinctLimit);
        }
    }

    /**
     * 16 MB blocks; KLL k = 2000 (normalized rank error about ±0.12% for one quantile); HLL lgK = 16 (relative
     * standard error about 0.4%); a frequent-items map of 8192 (count error at most 3.5/8192 of the rows); exact
     * counts up to 10,000 distinct values per column. Together well under 20 MB of sketches for 20 columns.
     *
     * @return the defaults
     */
    public static StreamingOptions defaults() {
        return new StreamingOptions(16 << 20, 2000, 16, 8192, 10_000);
    }

    /** @return a copy with this block size in bytes */
    public StreamingOptions withBlockBytes(int n) {
        return new StreamingOptions(n, kllK, hllLgK, frequentItemsMapSize, exactDistinctLimit);
    }

    /** @return a copy that switches to sketches above this many distinct values per column */
    public StreamingOptions withExactDistinctLimit(int n) {
        return new StreamingOptions(blockBytes, kllK, hllLgK, frequentItemsMapSize, n);
    }

    /** @return the KLL normalized rank error of one quantile (a fraction, at about 99% confidence) */
    public double quantileRankError() {
        return KllSketch.getNormalizedRankError(kllK, false);
    }

    /** @return the KLL normalized rank error of a histogram bin (PMF) (a fraction, at about 99% confidence) */
    public double histogramRankError() {
        return KllSketch.getNormalizedRankError(kllK, true);
    }

    /** @return the HLL relative standard error (a fraction, one standard deviation) */
    public double distinctRelativeError() {
        return HllSketch.getRelErr(true, false, hllLgK, 1);
    }

    /** @return the frequent-items count error bound as a fraction of the rows ({@code epsilon}) */
    public double topCountErrorFraction() {
        return ItemsSketch.getEpsilon(frequentItemsMapSize);
    }
}
