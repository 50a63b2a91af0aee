package io.mlwb.data.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Counts a column's values: exactly in a map while it has at most {@code exactLimit} distinct values, then (the map
 * replayed into them and dropped) in an HLL sketch for the distinct count and a frequent-items sketch for the top
 * values. Memory is bounded by the limit and the sketch sizes.
 *
 * @param <T> the value type
 */
final class ValueCounter<T> {
    private final int exactLimit;
    private final int hllLgK;
    private final int mapSize;
    private final BiConsumer<HllSketch, T> hash;
    private Map<T, long[]> exact = new HashMap<>();
    private HllSketch hll;
    private ItemsSketch<T> items;

    ValueCounter(StreamingOptions o, BiConsumer<HllSketch, T> hash) {
        this.exactLimit = o.exactDistinctLimit();
        this.hllLgK = o.hllLgK();
        this.mapSize = o.frequentItemsMapSize();
        this.hash = hash;
    }

    /** Adds {@code count} occurrences of {@code value}. */
    void add(T value, long count) {
        if (exact != null) {
            long[] c = exact.get(value);
            if (c != null) {
                c[0] += count;
                return;
            }
            if (exact.size() < exactLimit) {
                exact.put(value, new long[] {count});
                return;
            }
            spill();
        }
        hash.accept(hll, value);
        items.update(value, count);
    }

    private void spill() {
        hll = new HllSketch(hllLgK, TgtHllType.HLL_8); // a byte a register: the fastest updates
        items = new ItemsSketch<>(mapSize);
        for (Map.Entry<T, long[]> e : exact.entrySet()) {
            hash.accept(hll, e.getKey());
            items.update(e.getKey(), e.getValue()[0]);
        }
        exact = null;
    }

    /** @return whether the counts are still exact */
    boolean isExact() {
        return exact != null;
    }

    /** @return the distinct values (an HLL estimate once approximate) */
    long distinct() {
        return exact != null ? exact.size() : Math.round(hll.getEstimate());
    }

    /** @return the exact counts, or null once approximate */
    Map<T, long[]> exactCounts() {
        return exact;
    }

    /** @return the largest count error of an approximate top value (0 while exact) */
    long maximumError() {
        return exact != null ? 0 : items.getMaximumError();
    }

    /**
     * The most frequent values, count descending, ties by {@code order}. Approximate counts are the sketch's
     * estimates of the values it guarantees to be frequent (no false positives: lower bound above its error).
     *
     * @return up to k (value, count) pairs
     */
    List<Map.Entry<T, Long>> top(int k, Comparator<T> order) {
        List<Map.Entry<T, Long>> all = new ArrayList<>();
        if (exact != null) {
            exact.forEach((v, c) -> all.add(Map.entry(v, c[0])));
        } else {
            for (ItemsSketch.Row<T> r : items.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
                all.add(Map.entry(r.getItem(), r.getEstimate()));
            }
        }
        Comparator<Map.Entry<T, Long>> byCount = (a, b) -> Long.compare(b.getValue(), a.getValue());
        all.sort(byCount.thenComparing(Map.Entry::getKey, order));
        return all.size() > k ? new ArrayList<>(all.subList(0, k)) : all;
    }
}
