package io.mlwb.training.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent uniform draws: uniform and int ranges uniformly, log ranges uniformly in the logarithm, choices with
 * equal chance. Trial {@code n} draws from a generator seeded with {@code (seed, n)}, so a trial's values do not
 * depend on how earlier trials ended.
 */
public final class RandomSampler implements Sampler {
    private final Map<String, Parameter> parameters;
    private final long seed;

    /**
     * @param parameters the search space
     * @param seed       the sweep's seed
     */
    public RandomSampler(Map<String, Parameter> parameters, long seed) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.seed = seed;
    }

    @Override
    public Map<String, Object> next(List<Trial> history) {
        return sample(parameters, rng(seed, history.size()));
    }

    /** A generator for trial {@code trial} of a sweep seeded with {@code seed}. */
    static SplittableRandom rng(long seed, int trial) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    /** One independent uniform draw of every parameter. */
    static Map<String, Object> sample(Map<String, Parameter> parameters, SplittableRandom rng) {
        Map<String, Object> result = new LinkedHashMap<>();
        parameters.forEach((key, p) -> result.put(key, sampleOne(p, rng)));
        return Collections.unmodifiableMap(result);
    }

    static Object sampleOne(Parameter p, SplittableRandom rng) {
        if (p instanceof Parameter.Uniform u) {
            return u.low() + rng.nextDouble() * (u.high() - u.low());
        }
        if (p instanceof Parameter.LogUniform l) {
            double x = Math.exp(Math.log(l.low()) + rng.nextDouble() * (Math.log(l.high()) - Math.log(l.low())));
            return Math.min(l.high(), Math.max(l.low(), x));
        }
        if (p instanceof Parameter.IntUniform i) {
            return i.low() + rng.nextLong(i.high() - i.low() + 1);
        }
        Parameter.Choice c = (Parameter.Choice) p;
        return c.values().get(rng.nextInt(c.values().size()));
    }
}
