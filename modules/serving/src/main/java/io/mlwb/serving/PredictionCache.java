package io.mlwb.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional cache of repeated identical inputs: the prediction of an instance, keyed by its canonical JSON
 * (keys in signature order), least recently used first out. Thread-safe (one lock; a hit costs a map lookup).
 */
public final class PredictionCache {
    private final Map<String, ObjectNode> map;

    /** @param capacity the most instances kept (at least 1) */
    public PredictionCache(int capacity) {
        this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param key an instance's canonical JSON
     * @return its prediction, or null
     */
    public synchronized ObjectNode get(String key) {
        return map.get(key);
    }

    /**
     * @param key        an instance's canonical JSON
     * @param prediction its prediction (not changed afterwards)
     */
    public synchronized void put(String key, ObjectNode prediction) {
        map.put(key, prediction);
    }

    /** @return the instances held */
    public synchronized int size() {
        return map.size();
    }
}
