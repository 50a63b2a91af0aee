package io.mlwb.training.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The search space of one swept spec field. Values are Java objects as YAML gives them: {@code Long},
 * {@code Double}, {@code Boolean}, {@code String}, {@code List} and {@code Map} of those.
 */
public sealed interface Parameter permits Parameter.Uniform, Parameter.LogUniform, Parameter.IntUniform,
        Parameter.Choice {

    /** @return the values a grid sweep tries, in order; empty for a continuous range */
    List<Object> gridValues();

    /**
     * A real number drawn uniformly from {@code [low, high]}.
     *
     * @param low  the smallest value
     * @param high the largest value, above {@code low}
     */
    record Uniform(double low, double high) implements Parameter {
        /** Checks the range. */
        public Uniform {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("need finite low < high, got " + low + ", " + high);
            }
        }

        @Override
        public List<Object> gridValues() {
            return List.of();
        }
    }

    /**
     * A positive real number whose logarithm is uniform on {@code [log low, log high]} (learning rates).
     *
     * @param low  the smallest value, above 0
     * @param high the largest value, above {@code low}
     */
    record LogUniform(double low, double high) implements Parameter {
        /** Checks the range. */
        public LogUniform {
            if (!(low > 0 && low < high) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("need finite 0 < low < high, got " + low + ", " + high);
            }
        }

        @Override
        public List<Object> gridValues() {
            return List.of();
        }
    }

    /**
     * A whole number drawn uniformly from {@code low..high}, both included.
     *
     * @param low  the smallest value
     * @param high the largest value, above {@code low}
     */
    record IntUniform(long low, long high) implements Parameter {
        /** Checks the range. */
        public IntUniform {
            if (low >= high) {
                throw new IllegalArgumentException("need low < high, got " + low + ", " + high);
            }
        }

        /** @return every whole number from low to high, as {@code Long}s */
        @Override
        public List<Object> gridValues() {
            List<Object> values = new ArrayList<>();
            for (long v = low; v <= high; v++) {
                values.add(v);
            }
            return values;
        }
    }

    /**
     * One of a list of values ({@code choice:} or {@code grid:} in the file; the same for every sampler).
     *
     * @param values the values, at least one, none null
     */
    record Choice(List<Object> values) implements Parameter {
        /** Copies the values. */
        public Choice {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }

        @Override
        public List<Object> gridValues() {
            return values;
        }
    }
}
