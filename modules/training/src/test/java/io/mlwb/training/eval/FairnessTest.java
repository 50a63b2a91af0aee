package io.mlwb.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.eval.FairnessReport.GroupMetrics;
import io.mlwb.training.eval.GroupThresholds.Criterion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FairnessReport, Reweighing and GroupThresholds on small data worked out by hand. */
class FairnessTest {

    private static final double EPS = 1e-12;
    private static final double[] Y = {1, 1, 0, 0, 1, 1, 0, 0, 0, 1};
    private static final double[] P = {0.9, 0.6, 0.7, 0.2, 0.55, 0.3, 0.1, 0.4, 0.8, 0.8};
    private static final String[] G = {"A", "A", "A", "A", "B", "B", "B", "B", null, " "};

    @Test
    void perGroupMetricsAndDifferences() {
        FairnessReport r = FairnessReport.compute(Y, P, G, 0.5);
        assertEquals(List.of("(missing)", "A", "B"), r.groups().stream().map(GroupMetrics::group).toList());
        // A: selected 0.9, 0.6, 0.7 of 4; positives 0.9, 0.6 both selected; negative 0.7 selected, 0.2 not;
        // AUC pairs (0.9|0.6 vs 0.7|0.2): 3 of 4.
        assertEquals(new GroupMetrics("A", 4, 2, 0.75, 1.0, 0.5, 0.75, 0.75), r.groups().get(1));
        // B: only 0.55 selected; TPR 1/2, FPR 0; correct: 0.55, 0.1, 0.4; AUC (0.55|0.3 vs 0.1|0.4): 3 of 4.
        assertEquals(new GroupMetrics("B", 4, 2, 0.25, 0.5, 0.0, 0.75, 0.75), r.groups().get(2));
        // missing: both 0.8 (tie) selected; AUC of a tie is 0.5.
        assertEquals(new GroupMetrics("(missing)", 2, 1, 1.0, 1.0, 1.0, 0.5, 0.5), r.groups().get(0));
        assertEquals(0.75, r.demographicParityDifference(), EPS);
        assertEquals(0.25, r.disparateImpactRatio(), EPS);
        assertTrue(r.fourFifthsViolated());
        assertEquals(0.5, r.equalOpportunityDifference(), EPS);
        assertEquals(List.of("demographic_parity_difference", "disparate_impact_ratio",
                "equal_opportunity_difference"), List.copyOf(r.toMap().keySet()));
    }

    @Test
    void equalGroupsPassTheFourFifthsRule() {
        double[] y = {1, 0, 1, 0};
        double[] p = {0.9, 0.2, 0.8, 0.3};
        FairnessReport r = FairnessReport.compute(y, p, new String[] {"x", "x", "y", "y"}, 0.5);
        assertEquals(0.0, r.demographicParityDifference());
        assertEquals(1.0, r.disparateImpactRatio());
        assertFalse(r.fourFifthsViolated());
    }

    @Test
    void oneClassGroupsAndNoSelectionAreUndefinedNotErrors() {
        double[] y = {0, 0, 1, 0};
        double[] p = {0.1, 0.2, 0.3, 0.1};
        FairnessReport r = FairnessReport.compute(y, p, new String[] {"a", "a", "b", "b"}, 0.5);
        GroupMetrics a = r.groups().get(0);
        assertTrue(Double.isNaN(a.truePositiveRate()));
        assertTrue(Double.isNaN(a.rocAuc()));
        assertTrue(Double.isNaN(r.disparateImpactRatio()));
        assertFalse(r.fourFifthsViolated());
        assertEquals("no group has a row predicted positive", r.undefined().get("disparate_impact_ratio"));
        assertEquals(0.0, r.equalOpportunityDifference(), "only group b has positives");

        FairnessReport empty = FairnessReport.compute(new double[0], new double[0], new String[0], 0.5);
        assertTrue(empty.groups().isEmpty());
        assertTrue(Double.isNaN(empty.demographicParityDifference()));
        assertThrows(IllegalArgumentException.class,
                () -> FairnessReport.compute(y, p, new String[] {"a"}, 0.5));
    }

    @Test
    void reweighingMakesLabelIndependentOfGroup() {
        double[] y = {1, 1, 1, 0, 1, 0, 0, 0};
        String[] g = {"A", "A", "A", "A", "B", "B", "B", "B"};
        double[] w = Reweighing.weights(y, g);
        // P(A)=P(B)=P(1)=P(0)=1/2; P(A,1)=P(B,0)=3/8, P(A,0)=P(B,1)=1/8: w = (1/4)/(3/8)=2/3 or (1/4)/(1/8)=2.
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3, 2, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3}, w, EPS);
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        assertEquals(8.0, sum, EPS, "weights average to 1");
        for (String group : new String[] {"A", "B"}) {
            double pos = 0;
            double all = 0;
            for (int i = 0; i < y.length; i++) {
                if (g[i].equals(group)) {
                    pos += w[i] * y[i];
                    all += w[i];
                }
            }
            assertEquals(0.5, pos / all, EPS, "weighted positive rate of " + group + " equals P(y=1)");
        }
        assertArrayEquals(new double[] {1, 1}, Reweighing.weights(new double[] {1, 0}, new String[] {null, ""}),
                EPS);
    }

    @Test
    void demographicParityThresholdsEqualizeSelectionRates() {
        double[] y = {1, 1, 0, 0, 1, 1, 0, 0};
        double[] p = {0.9, 0.6, 0.7, 0.2, 0.55, 0.3, 0.1, 0.4};
        String[] g = {"A", "A", "A", "A", "B", "B", "B", "B"};
        GroupThresholds t = GroupThresholds.fit(y, p, g, Criterion.DEMOGRAPHIC_PARITY, 0.5);
        assertEquals(0.5, t.targetRate(), EPS, "4 of 8 selected at 0.5");
        assertEquals(0.7, t.threshold("A"));
        assertEquals(0.4, t.threshold("B"));
        assertEquals(0.5, t.threshold("C"), "unseen group falls back to the base threshold");
        assertArrayEquals(new boolean[] {true, false, true, false, true, false, false, true}, t.apply(p, g));
        FairnessReport before = FairnessReport.compute(y, p, g, 0.5);
        FairnessReport after = FairnessReport.compute(y, p, g, t);
        assertEquals(0.5, before.demographicParityDifference(), EPS);
        assertEquals(0.0, after.demographicParityDifference(), EPS);
        assertEquals(0.5, after.threshold());
    }

    @Test
    void equalOpportunityThresholdsEqualizeTruePositiveRates() {
        double[] y = {1, 1, 1, 1, 0, 1, 1, 1, 1, 0};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.2};
        String[] g = {"A", "A", "A", "A", "A", "B", "B", "B", "B", "B"};
        GroupThresholds t = GroupThresholds.fit(y, p, g, Criterion.EQUAL_OPPORTUNITY, 0.5);
        // overall TPR at 0.5: 4 of 8 positives. A: all 4 positives selected -> pick 0.8 (2 of 4);
        // B: none selected -> pick 0.4 (2 of 4).
        assertEquals(0.5, t.targetRate(), EPS);
        assertEquals(0.8, t.threshold("A"));
        assertEquals(0.4, t.threshold("B"));
        FairnessReport after = FairnessReport.compute(y, p, g, t);
        assertEquals(0.0, after.equalOpportunityDifference(), EPS);
        assertEquals(1.0, FairnessReport.compute(y, p, g, 0.5).equalOpportunityDifference(), EPS);
        assertThrows(IllegalArgumentException.class, () -> GroupThresholds.fit(new double[] {0}, new double[] {0.5},
                new String[] {"A"}, Criterion.EQUAL_OPPORTUNITY, 0.5));
    }

    @Test
    void groupWithoutPositivesKeepsTheBaseThresholdForEqualOpportunity() {
        double[] y = {1, 0, 0, 0};
        double[] p = {0.7, 0.9, 0.1, 0.6};
        GroupThresholds t = GroupThresholds.fit(y, p, new String[] {"A", "A", "B", "B"}, Criterion.EQUAL_OPPORTUNITY,
                0.5);
        assertEquals(0.5, t.threshold("B"));
        assertEquals(0.7, t.threshold("A"));
        assertEquals(0.5, t.threshold(null), "missing group never seen: base");
    }
}
