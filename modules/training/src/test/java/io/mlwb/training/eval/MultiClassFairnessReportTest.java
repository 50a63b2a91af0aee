package io.mlwb.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.eval.MultiClassFairnessReport.ClassDisparity;
import io.mlwb.training.eval.MultiClassFairnessReport.GroupMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MultiClassFairnessReport on small cases worked out by hand. */
class MultiClassFairnessReportTest {

    private static final double EPS = 1e-12;
    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void perGroupRatesAndPerClassDisparitiesWithAMissingGroup() {
        // X: (a→a) (a→b) (b→b) (c→a); Y: (a→a) (b→b) (b→b) (c→c); missing: (b→a) (c→c)
        int[] y = {0, 0, 1, 2, 0, 1, 1, 2, 1, 2};
        int[] p = {0, 1, 1, 0, 0, 1, 1, 2, 0, 2};
        String[] g = {"X", "X", "X", "X", "Y", "Y", "Y", "Y", null, " "};
        MultiClassFairnessReport r = MultiClassFairnessReport.compute(y, p, g, ABC);
        assertEquals(List.of("(missing)", "X", "Y"), r.groups().stream().map(GroupMetrics::group).toList());

        GroupMetrics x = r.groups().get(1);
        assertEquals(4, x.count());
        assertEquals(0.5, x.accuracy(), EPS);
        // F1 a: p 1/2 r 1/2 → 1/2; b: p 1/2 r 1 → 2/3; c: never predicted → 0; mean 7/18
        assertEquals(7.0 / 18, x.macroF1(), EPS);
        assertEquals(Map.of("a", 0.5, "b", 0.5, "c", 0.0), x.selectionRates());
        assertEquals(Map.of("a", 0.5, "b", 1.0, "c", 0.0), x.recall());

        GroupMetrics yy = r.groups().get(2);
        assertEquals(1.0, yy.accuracy(), EPS);
        assertEquals(1.0, yy.macroF1(), EPS);
        assertEquals(Map.of("a", 0.25, "b", 0.5, "c", 0.25), yy.selectionRates());

        GroupMetrics missing = r.groups().get(0);
        assertEquals(2, missing.count());
        assertEquals(0.5, missing.accuracy(), EPS);
        // only b and c occur among its labels: F1 b 0, c 1
        assertEquals(0.5, missing.macroF1(), EPS);
        assertTrue(Double.isNaN(missing.recall().get("a")), "no row of a in the group");
        assertEquals(Map.of("a", 0.5, "b", 0.0, "c", 0.5), missing.selectionRates());

        // a: selection .5 .5 .25; recall – .5 1
        ClassDisparity a = r.of("a");
        assertEquals(0.25, a.demographicParityDifference(), EPS);
        assertEquals(0.5, a.disparateImpactRatio(), EPS);
        assertTrue(a.fourFifthsViolated());
        assertEquals(0.5, a.equalOpportunityDifference(), EPS);
        // b is never predicted for the missing group: ratio 0, not NaN
        ClassDisparity b = r.of("b");
        assertEquals(0.5, b.demographicParityDifference(), EPS);
        assertEquals(0.0, b.disparateImpactRatio(), EPS);
        assertEquals(1.0, b.equalOpportunityDifference(), EPS);
        // c is never predicted for X
        ClassDisparity c = r.of("c");
        assertEquals(0.0, c.disparateImpactRatio(), EPS);
        assertEquals(0.5, c.demographicParityDifference(), EPS);

        assertEquals(0.0, r.worstDisparateImpactRatio(), EPS);
        assertEquals("b", r.worstClass(), "ties go to the first class in index order");
        assertTrue(r.fourFifthsViolated());
        assertTrue(r.undefined().isEmpty(), r.undefined().toString());
    }

    @Test
    void oneGroupHasNoDisparityAndAClassNeverPredictedHasNoRatio() {
        int[] y = {0, 1, 2, 0};
        int[] p = {0, 1, 1, 0};
        MultiClassFairnessReport r = MultiClassFairnessReport.compute(y, p, new String[] {"g", "g", "g", "g"}, ABC);
        assertEquals(1, r.groups().size());
        for (ClassDisparity d : r.perClass()) {
            assertEquals(0.0, d.demographicParityDifference(), EPS, d.label());
            assertFalse(d.fourFifthsViolated(), d.label());
        }
        assertEquals(1.0, r.of("a").disparateImpactRatio(), EPS);
        assertTrue(Double.isNaN(r.of("c").disparateImpactRatio()));
        assertEquals("no row is predicted as c", r.undefined().get("disparate_impact_ratio[c]"));
        assertEquals(1.0, r.worstDisparateImpactRatio(), EPS);
        assertEquals("a", r.worstClass());
        assertFalse(r.fourFifthsViolated());
    }

    @Test
    void equalGroupsPassAndARatioJustUnderFourFifthsIsFlagged() {
        // both groups predict a half the time
        int[] y = {0, 1, 0, 1};
        MultiClassFairnessReport fair = MultiClassFairnessReport.compute(y, new int[] {0, 1, 0, 1},
                new String[] {"u", "u", "v", "v"}, List.of("a", "b"));
        assertFalse(fair.fourFifthsViolated());
        assertEquals(1.0, fair.worstDisparateImpactRatio(), EPS);
        // u predicts a 4 of 5 times, v 3 of 5 times: ratio for a 0.75; for b 1/5 vs 2/5 → 0.5, the worst
        int[] y10 = new int[10];
        int[] p10 = {0, 0, 0, 0, 1, 0, 0, 0, 1, 1};
        String[] g10 = {"u", "u", "u", "u", "u", "v", "v", "v", "v", "v"};
        MultiClassFairnessReport r = MultiClassFairnessReport.compute(y10, p10, g10, List.of("a", "b"));
        assertEquals(0.75, r.of("a").disparateImpactRatio(), EPS);
        assertTrue(r.of("a").fourFifthsViolated());
        assertEquals(0.5, r.of("b").disparateImpactRatio(), EPS);
        assertEquals("b", r.worstClass());
        assertTrue(Double.isNaN(r.of("b").equalOpportunityDifference()), "no row is labelled b");
        assertEquals("no group has a row of b", r.undefined().get("equal_opportunity_difference[b]"));
    }

    @Test
    void noRowsGiveNoGroupsAndNaNNotErrors() {
        MultiClassFairnessReport r = MultiClassFairnessReport.compute(new int[0], new int[0], new String[0], ABC);
        assertTrue(r.groups().isEmpty());
        assertTrue(Double.isNaN(r.worstDisparateImpactRatio()));
        assertNull(r.worstClass());
        assertFalse(r.fourFifthsViolated());
        assertEquals("no rows", r.undefined().get("worst_disparate_impact_ratio"));
    }

    @Test
    void rejectsBadInput() {
        String[] g = {"x", "y"};
        assertThrows(IllegalArgumentException.class,
                () -> MultiClassFairnessReport.compute(new int[] {0, 3}, new int[] {0, 1}, g, ABC));
        assertThrows(IllegalArgumentException.class,
                () -> MultiClassFairnessReport.compute(new int[] {0, 1}, new int[] {0, -1}, g, ABC));
        assertThrows(IllegalArgumentException.class,
                () -> MultiClassFairnessReport.compute(new int[] {0, 1}, new int[] {0}, g, ABC));
        assertThrows(IllegalArgumentException.class,
                () -> MultiClassFairnessReport.compute(new int[] {0, 1}, new int[] {0, 1}, new String[] {"x"}, ABC));
        assertThrows(IllegalArgumentException.class,
                () -> MultiClassFairnessReport.compute(new int[] {0}, new int[] {0}, new String[] {"x"},
                        List.of("a")));
    }
}
