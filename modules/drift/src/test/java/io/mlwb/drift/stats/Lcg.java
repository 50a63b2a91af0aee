package io.mlwb.drift.stats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fixtures' sample generator: the same 64-bit LCG and the same double operations, in the same order, as
 * {@code generate.py}, so Java and Python hold bit-identical samples without storing them.
 */
final class Lcg {
    private long state;

    Lcg(long seed) {
        state = seed;
    }

    double next() {
        state = state * 6364136223846793005L + 1442695040888963407L;
        return (state >>> 11) * 0x1.0p-53;
    }

    /** @return the sample a fixture spec {seed, n, shape, loc, scale, k} describes */
    static double[] sample(JsonNode spec) {
        Lcg g = new Lcg(spec.get("seed").asLong());
        int n = spec.get("n").asInt();
        String shape = spec.get("shape").asText();
        double loc = spec.path("loc").asDouble(0.0);
        double scale = spec.path("scale").asDouble(1.0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case "uniform" -> out[i] = loc + scale * g.next();
                case "normal" -> {
                    double u1 = g.next();
                    double u2 = g.next();
                    double u3 = g.next();
                    double u4 = g.next();
                    out[i] = loc + scale * ((((u1 + u2) + u3) + u4) - 2.0);
                }
                case "heavy" -> {
                    double u = g.next();
                    out[i] = loc + scale * ((u - 0.5) / (0.001 + (1.0 - u) * u));
                }
                case "ints" -> out[i] = loc + Math.floor(g.next() * spec.get("k").asInt());
                default -> throw new IllegalArgumentException(shape);
            }
        }
        return out;
    }
}
