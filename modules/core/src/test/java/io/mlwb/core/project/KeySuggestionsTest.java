package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    @Test
    void distanceCountsEdits() {
        assertEquals(0, KeySuggestions.distance("target", "target"));
        assertEquals(1, KeySuggestions.distance("taget", "target"));
        assertEquals(2, KeySuggestions.distance("tagret", "target"));
        assertEquals(6, KeySuggestions.distance("", "target"));
    }

    @Test
    void suggestsWithinTwoEditsOrSnakeCaseSpelling() {
        List<String> known = ConfigBinder.DATASET_KEYS;
        assertEquals("target", KeySuggestions.closest("taget", known));
        assertEquals("time_column", KeySuggestions.closest("timeColumn", known));
        assertEquals("id_column", KeySuggestions.closest("id-column", known));
        assertEquals("missing_values", KeySuggestions.closest("Missing_Values", known));
        assertNull(KeySuggestions.closest("labels", known));
    }
}
