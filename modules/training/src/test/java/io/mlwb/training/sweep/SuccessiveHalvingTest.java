package io.mlwb.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.project.MetricMode;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {

    @Test
    void rungsAreMinEpochsTimesPowersOfEta() {
        SuccessiveHalving h = new SuccessiveHalving(3, 3, MetricMode.MAX);
        assertEquals(3, h.rungEpoch(0));
        assertEquals(9, h.rungEpoch(1));
        assertEquals(27, h.rungEpoch(2));
        assertEquals(Integer.MAX_VALUE, h.rungEpoch(40));
    }

    @Test
    void onlyEpochsAtOrPastARungAreJudged() {
        SuccessiveHalving h = new SuccessiveHalving(3, 3, MetricMode.MAX);
        assertFalse(h.shouldStop(0, 3, 0.9));
        // before the first rung nothing stops, however bad
        assertFalse(h.shouldStop(1, 1, 0.0));
        assertFalse(h.shouldStop(1, 2, 0.0));
        assertTrue(h.shouldStop(1, 3, 0.1));
    }

    @Test
    void keepsTheBestThirdOfEachRungAsTrialsArrive() {
        SuccessiveHalving h = new SuccessiveHalving(1, 3, MetricMode.MAX);
        assertFalse(h.shouldStop(0, 1, 0.70), "the first trial has no peers and goes on");
        assertFalse(h.shouldStop(1, 1, 0.80), "better than every earlier value goes on");
        assertTrue(h.shouldStop(2, 1, 0.60), "with 3 values only the best goes on");
        assertTrue(h.shouldStop(3, 1, 0.75));
        assertFalse(h.shouldStop(4, 1, 0.85));
        assertTrue(h.shouldStop(5, 1, 0.79), "6 values: the best 2 are 0.85 and 0.80");
        assertFalse(h.shouldStop(6, 1, 0.81), "7 values: the best 2 are 0.85 and 0.81");
    }

    @Test
    void minimisingKeepsTheSmallest() {
        SuccessiveHalving h = new SuccessiveHalving(2, 2, MetricMode.MIN);
        assertFalse(h.shouldStop(0, 2, 0.5));
        assertTrue(h.shouldStop(1, 2, 0.6));
        assertFalse(h.shouldStop(2, 2, 0.4));
        // trial 0 reaches rung 1 (epoch 4) alone
        assertFalse(h.shouldStop(0, 4, 0.3));
        assertTrue(h.shouldStop(2, 4, 0.35));
    }

    @Test
    void aTrialIsJudgedOncePerRungAndNanStops() {
        SuccessiveHalving h = new SuccessiveHalving(1, 2, MetricMode.MAX);
        assertFalse(h.shouldStop(0, 1, 0.9));
        assertFalse(h.shouldStop(1, 1, 0.95));
        // trial 1 reports epoch 1 again (e.g. a resumed run): not judged twice
        assertFalse(h.shouldStop(1, 1, 0.0));
        assertTrue(h.shouldStop(2, 1, Double.NaN));
    }
}
