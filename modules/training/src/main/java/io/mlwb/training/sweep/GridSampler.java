package io.mlwb.training.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the parameters' values ({@link Parameter#gridValues()}): trial {@code n} is the {@code n}-th
 * point of the cartesian product, the last parameter varying fastest, like nested loops in file order.
 */
public final class GridSampler implements Sampler {
    private final List<String> keys;
    private final List<List<Object>> values;
    private final long size;

    /**
     * @param parameters the search space; every parameter must have grid values
     * @throws IllegalArgumentException when a parameter is a continuous range
     */
    public GridSampler(Map<String, Parameter> parameters) {
        keys = new ArrayList<>(parameters.keySet());
        values = new ArrayList<>();
        long n = 1;
        for (var e : parameters.entrySet()) {
            List<Object> v = e.getValue().gridValues();
            if (v.isEmpty()) {
                throw new IllegalArgumentException(e.getKey() + " is a continuous range; a grid cannot enumerate it");
            }
            values.add(v);
            try {
                n = Math.multiplyExact(n, v.size());
            } catch (ArithmeticException tooMany) {
                n = Long.MAX_VALUE;
            }
        }
        size = n;
    }

    /** @return the number of points in the grid (saturating at {@code Long.MAX_VALUE}) */
    public long size() {
        return size;
    }

    @Override
    public Map<String, Object> next(List<Trial> history) {
        long index = history.size();
        if (index >= size) {
            return null;
        }
        Object[] point = new Object[keys.size()];
        for (int i = keys.size() - 1; i >= 0; i--) {
            int n = values.get(i).size();
            point[i] = values.get(i).get((int) (index % n));
            index /= n;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            result.put(keys.get(i), point[i]);
        }
        return Collections.unmodifiableMap(result);
    }
}
