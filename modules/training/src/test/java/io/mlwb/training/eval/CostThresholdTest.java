package io.mlwb.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostThresholdTest {

    @Test
    void findsTheCheapestThreshold() {
        double[] y = {0, 0, 1, 1};
        double[] p = {0.1, 0.6, 0.4, 0.9};
        // by hand, FP costs 1 and FN costs 5: none positive 10; t=0.9 5; t=0.6 6; t=0.4 1; t=0.1 2. At 0.5: 1 + 5.
        CostThreshold best = CostThreshold.best(y, p, 1, 5);
        assertEquals(0.4, best.threshold());
        assertEquals(0.25, best.expectedCost(), 1e-12);
        assertEquals(1.5, best.expectedCostAtHalf(), 1e-12);
        assertEquals(1, best.falsePositives());
        assertEquals(0, best.falseNegatives());
    }

    @Test
    void expensiveFalsePositivesCanMeanSelectingNothing() {
        double[] y = {0, 1, 0};
        double[] p = {0.9, 0.5, 0.7};
        CostThreshold best = CostThreshold.best(y, p, 10, 1);
        assertTrue(best.threshold() > 0.9, "above every probability");
        assertEquals(1.0 / 3, best.expectedCost(), 1e-12);
        assertEquals(0, best.falsePositives());
        assertEquals(1, best.falseNegatives());
    }

    @Test
    void equalCostsPreferTheThresholdClosestToHalf() {
        double[] y = {0, 1, 0, 1};
        double[] p = {0.2, 0.3, 0.8, 0.9};
        // with equal costs t=0.8 (fp 1, fn 1) and t=0.3 (fp 1, fn 0)... t=0.9 gives fp 0 fn 1: cost 1;
        // t=0.3 gives fp 1, fn 0: cost 1; t=0.8 cost 2. Tie between 0.9 and 0.3: 0.3 is closer to 0.5.
        CostThreshold best = CostThreshold.best(y, p, 1, 1);
        assertEquals(0.3, best.threshold());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CostThreshold.best(new double[0], new double[0], 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> CostThreshold.best(new double[] {0}, new double[] {Double.NaN}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> CostThreshold.best(new double[] {0}, new double[] {0.5}, -1, 1));
    }
}
