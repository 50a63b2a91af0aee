package io.mlwb.data.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
    static final String BEFORE = """
            {"rows": 4, "columns": [
              {"name": "id", "type": "numeric", "count": 4, "missing": 0, "distinct": 4, "mean": 2.5, "std": 1.29,
               "min": 1, "max": 4, "p50": 2.5, "skewness": null, "top": [{"value": "1", "count": 1}]},
              {"name": "age", "type": "numeric", "count": 4, "missing": 1, "distinct": 3, "mean": 40.0},
              {"name": "zip", "type": "numeric", "count": 4, "missing": 0, "distinct": 4, "mean": 12345.0},
              {"name": "old", "type": "text", "count": 4, "missing": 0, "distinct": 2}
            ]}""";
    static final String AFTER = """
            {"rows": 5, "columns": [
              {"name": "id", "type": "numeric", "count": 5, "missing": 0, "distinct": 5, "mean": 3.0, "std": 1.58,
               "min": 1, "max": 5, "p50": 3, "skewness": 0.0},
              {"name": "age", "type": "numeric", "count": 5, "missing": 0, "distinct": 5, "mean": 50.0},
              {"name": "zip", "type": "categorical", "count": 5, "missing": 0, "distinct": 5},
              {"name": "city", "type": "categorical", "count": 5, "missing": 0, "distinct": 3}
            ]}""";

    private final ProfileDiff diff = new ProfileDiff();

    @Test
    void findsSchemaChangesTypeChangesAndStatDeltas() {
        DiffResult d = diff.diff(BEFORE, AFTER);
        assertEquals(4, d.rowsBefore());
        assertEquals(5, d.rowsAfter());
        assertEquals(List.of("city"), d.added());
        assertEquals(List.of("old"), d.removed());
        assertEquals(List.of(new TypeChange("zip", "numeric", "categorical")), d.typeChanges());
        assertTrue(d.schemaChanged());

        StatDelta mean = d.delta("age", "mean").orElseThrow();
        assertEquals(40.0, mean.before());
        assertEquals(50.0, mean.after());
        assertEquals(0.25, mean.relativeChange(), 1e-12);
        assertEquals(-1.0, d.delta("age", "missing").orElseThrow().relativeChange(), 1e-12);
        assertEquals(25.0, d.delta("age", "missingPct").orElseThrow().before(), 1e-12, "computed from missing/rows");
        assertEquals(0.0, d.delta("age", "missingPct").orElseThrow().after(), 1e-12);
        assertEquals(5.0, d.delta("id", "distinct").orElseThrow().after());
        assertEquals(0.0, d.delta("id", "min").orElseThrow().relativeChange());
        assertFalse(d.delta("id", "min").orElseThrow().changed());
        assertTrue(d.delta("id", "skewness").isEmpty(), "null (undefined) in one profile is skipped");
        assertTrue(d.delta("id", "top").isEmpty(), "nested fields are skipped");
        assertTrue(d.delta("zip", "mean").isEmpty(), "a mean only in one profile is not compared");
        assertEquals(Double.POSITIVE_INFINITY,
                diff.diff("{\"rows\":1,\"columns\":[{\"name\":\"a\",\"zeros\":0}]}",
                        "{\"rows\":1,\"columns\":[{\"name\":\"a\",\"zeros\":2}]}").delta("a", "zeros").orElseThrow()
                        .relativeChange());
        assertTrue(d.changed().contains(mean));
        assertFalse(d.changed().contains(d.delta("id", "min").orElseThrow()));
    }

    @Test
    void identicalProfilesHaveNoChanges() {
        DiffResult d = diff.diff(BEFORE, BEFORE);
        assertFalse(d.schemaChanged());
        assertEquals(List.of(), d.changed());
        assertFalse(d.deltas().isEmpty());
    }

    @Test
    void notAProfileIsAUserError() {
        assertThrows(UserError.class, () -> diff.diff("{", AFTER));
        assertThrows(UserError.class, () -> diff.diff(BEFORE, "[1]"));
    }
}
