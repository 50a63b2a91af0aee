package io.mlwb.drift.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the scipy-generated fixtures (src/test/fixtures/generate.py) and compares to their tolerance. */
final class Fixtures {
    /** The agreement promised: relative 1e-6. */
    static final double RTOL = 1e-6;

    private Fixtures() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/mlwb/drift/stats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double num(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
        }
        return n.asDouble();
    }

    static long[] longs(JsonNode n) {
        long[] out = new long[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asLong();
        }
        return out;
    }

    /** Relative agreement; values scipy gives below 1e-300 must be below 1e-290 here. */
    static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (Math.abs(expected) < 1e-300) {
            assertTrue(Math.abs(actual) < 1e-290, what + ": expected ~0, got " + actual);
            return;
        }
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(rel <= RTOL, what + ": expected " + expected + ", got " + actual + " (relative error " + rel + ")");
    }
}
