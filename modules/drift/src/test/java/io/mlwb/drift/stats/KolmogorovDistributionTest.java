package io.mlwb.drift.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class KolmogorovDistributionTest {
    @Test
    void survivalFunctionMatchesScipyKstwoOnEveryBranch() {
        int checked = 0;
        for (JsonNode c : Fixtures.load("kstwo_sf.json").get("cases")) {
            int n = c.get("n").asInt();
            double d = c.get("d").asDouble();
            Fixtures.close(Fixtures.num(c.get("sf")), KolmogorovDistribution.sf(d, n), "kstwo.sf(" + d + ", " + n + ")");
            checked++;
        }
        assertEquals(true, checked > 500, "fixture too small: " + checked);
    }

    @Test
    void supportEnds() {
        assertEquals(1.0, KolmogorovDistribution.sf(0.05, 10));
        assertEquals(1.0, KolmogorovDistribution.sf(0.0, 10));
        assertEquals(0.0, KolmogorovDistribution.sf(1.0, 10));
        assertEquals(Double.NaN, KolmogorovDistribution.sf(Double.NaN, 10));
    }
}
