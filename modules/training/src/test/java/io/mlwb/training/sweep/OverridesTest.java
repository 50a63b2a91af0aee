package io.mlwb.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void rendersYamlFlowText() {
        assertEquals("0.001", Overrides.render(0.001));
        assertEquals("0.0001", Overrides.render(1e-4));
        assertEquals("2.0", Overrides.render(2.0));
        assertEquals("256", Overrides.render(256L));
        assertEquals("true", Overrides.render(true));
        assertEquals("relu", Overrides.render("relu"));
        assertEquals("\"no\"", Overrides.render("no"));
        assertEquals("\"a: b\"", Overrides.render("a: b"));
        assertEquals("\"say \\\"hi\\\"\"", Overrides.render("say \"hi\""));
        assertEquals("[64, 32]", Overrides.render(List.of(64L, 32L)));
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("type", "focal");
        loss.put("gamma", 2.0);
        assertEquals("{\"type\": focal, \"gamma\": 2.0}", Overrides.render(loss));
    }

    @Test
    void keepsKeyOrder() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("optimizer.learning_rate", 0.003);
        p.put("model.layers", List.of(32L));
        assertEquals(List.of("optimizer.learning_rate", "model.layers"), List.copyOf(Overrides.of(p).keySet()));
        assertEquals("[32]", Overrides.of(p).get("model.layers"));
    }

    @Test
    void refusesWhatYamlCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> Overrides.render(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Overrides.render(null));
    }
}
