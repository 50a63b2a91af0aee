package io.mlwb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two CSV files read by the real TableReader and compared by the engine; the expected values come from an
 * independent Python implementation of docs/drift.md over scipy and numpy (src/test/fixtures/generate.py).
 */
class DriftEngineFixtureTest {
    private static DataTable read(String name) throws Exception {
        try (InputStream in = DriftEngineFixtureTest.class.getResourceAsStream("/io/mlwb/drift/table/" + name)) {
            return new TableReader().read(in.readAllBytes(), name, ReadOptions.defaults(), Progress.NONE).table();
        }
    }

    @Test
    void everyColumnMatchesTheScipyReference() throws Exception {
        DataTable ref = read("reference.csv");
        DataTable cur = read("current.csv");
        DatasetDrift drift = new DriftEngine().compare(ref, cur, DriftOptions.defaults());
        Map<String, ColumnDrift> byName = drift.columns().stream()
                .collect(Collectors.toMap(ColumnDrift::name, c -> c));
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/io/mlwb/drift/table/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        for (JsonNode e : expected.get("columns")) {
            String name = e.get("name").asText();
            ColumnDrift c = byName.get(name);
            assertEquals(ColumnDrift.Status.TESTED, c.status(), name);
            assertEquals(e.get("test").asText(), c.test().yamlName(), name + " test");
            close(num(e.get("statistic")), c.statistic(), name + " statistic");
            if (e.get("p_value").isNull()) {
                assertNull(c.pValue(), name + " p");
            } else {
                close(num(e.get("p_value")), c.pValue(), name + " p");
            }
            assertEquals(e.get("drifted").asBoolean(), c.drifted(), name + " drifted");
            close(e.get("psi").asDouble(), c.psi(), name + " psi");
            close(e.get("kl").asDouble(), c.kl(), name + " kl");
            assertEquals(e.get("missing_ref").asDouble(), c.missingRef(), 1e-12, name + " missing_ref");
            assertEquals(e.get("missing_cur").asDouble(), c.missingCur(), 1e-12, name + " missing_cur");
            assertEquals(e.get("count_ref").asLong(), c.countRef(), name);
            assertEquals(e.get("count_cur").asLong(), c.countCur(), name);
            if (e.has("new_categories")) {
                assertEquals(strings(e.get("new_categories")), c.newCategories().stream().sorted().toList(), name);
                assertEquals(strings(e.get("vanished_categories")),
                        c.vanishedCategories().stream().sorted().toList(), name);
            }
        }
        assertEquals(List.of("only_cur"), drift.added());
        assertEquals(List.of("only_ref"), drift.removed());
        assertTrue(drift.retyped().stream().anyMatch(r -> r.name().equals("retyped")
                && r.reference() == ColumnType.NUMERIC), drift.retyped().toString());
        ColumnDrift gone = byName.get("gone");
        assertTrue(gone.drifted(), "a column with no current values counts as drifted: " + gone);
        assertEquals(1.0, gone.missingCur());
        // 11 shared columns, of which num_large, num_small, ints5, colour, city, flag, gone, retyped drifted
        assertEquals(10, drift.compared());
        assertEquals(8, drift.drifted());
        assertTrue(drift.datasetDrift());
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(s -> out.add(s.asText()));
        return out;
    }

    private static double num(JsonNode n) {
        return n.isTextual() && n.asText().equals("Infinity") ? Double.POSITIVE_INFINITY : n.asDouble();
    }

    private static void close(double expected, Double actual, String what) {
        if (Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }
}
