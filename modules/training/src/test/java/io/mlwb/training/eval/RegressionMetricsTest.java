package io.mlwb.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void matchesScikitLearn() {
        // scikit-learn 1.2.1: mean_squared_error(...) ** 0.5, mean_absolute_error, r2_score on these arrays.
        RegressionMetrics m = RegressionMetrics.compute(new double[] {3.0, -0.5, 2.0, 7.0, 4.2},
                new double[] {2.5, 0.0, 2.0, 8.0, 3.9});
        assertEquals(0.5639148871948674, m.rmse(), 1e-12);
        assertEquals(0.4600000000000001, m.mae(), 1e-12);
        assertEquals(0.9480256276150627, m.r2(), 1e-12);
        assertEquals(List.of("rmse", "mae", "r2"), List.copyOf(m.toMap().keySet()));
    }

    @Test
    void constantTargetsLeaveR2Undefined() {
        RegressionMetrics m = RegressionMetrics.compute(new double[] {2, 2}, new double[] {1, 3});
        assertEquals(1.0, m.rmse());
        assertTrue(Double.isNaN(m.r2()));
        assertEquals("the targets are constant", m.undefined().get("r2"));
        assertEquals(List.of("rmse", "mae"), List.copyOf(m.toMap().keySet()));
    }

    @Test
    void emptyAndInvalidInput() {
        RegressionMetrics empty = RegressionMetrics.compute(new double[0], new double[0]);
        assertTrue(Double.isNaN(empty.rmse()));
        assertTrue(empty.toMap().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.compute(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("yPred[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.compute(new double[] {1, 2}, new double[] {1}));
    }
}
