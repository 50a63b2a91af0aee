package io.mlwb.training.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.explain.PartialDependence.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialDependenceTest {

    @Test
    void linearModelGivesALineWithTheColumnsWeightAsSlope() {
        double[][] x = Models.data(100, 3, 1);
        double[] w = {1.5, -2, 0.25};
        PartialDependence pd = PartialDependence.compute(Models.linear(w, 1), x, 1, 10);
        assertEquals("x1", pd.name());
        assertFalse(pd.categorical());
        assertEquals(10, pd.points().size());
        double[] mean = Models.columnMeans(x);
        for (Point p : pd.points()) {
            assertEquals(1 + w[0] * mean[0] + w[1] * p.value() + w[2] * mean[2], p.meanPrediction(), 1e-9);
        }
    }

    @Test
    void numericGridRunsFromThe5thToThe95thPercentile() {
        double[][] x = new double[100][1];
        for (int i = 0; i < 100; i++) {
            x[i][0] = 99 - i;
        }
        PartialDependence pd = PartialDependence.compute(Models.linear(new double[] {1}, 0), x, 0, 5);
        // numpy.percentile(range(100), [5, 95]) == [4.95, 94.05]
        assertEquals(4.95, pd.points().get(0).value(), 1e-12);
        assertEquals(94.05, pd.points().get(4).value(), 1e-12);
        assertEquals((4.95 + 94.05) / 2, pd.points().get(2).value(), 1e-12);
    }

    @Test
    void fewDistinctValuesAreTheGrid() {
        double[][] x = {{2}, {0}, {1}, {2}, {0}};
        PartialDependence pd = PartialDependence.compute(Models.linear(new double[] {3}, 0), x, 0, 20);
        assertEquals(List.of(new Point("0.0", 0, 0), new Point("1.0", 1, 3), new Point("2.0", 2, 6)), pd.points());
    }

    @Test
    void oneHotGroupGivesOnePointPerCategory() {
        double[][] x = {{0.5, 1, 0, 0}, {1.5, 0, 1, 0}, {1.0, 0, 0, 1}};
        Predictor model = Models.linear(new double[] {2, 0, 2, -1}, 0);
        FeatureGroup colour = new FeatureGroup("colour", new int[] {1, 2, 3}, List.of("red", "green", "blue"));
        PartialDependence pd = PartialDependence.compute(model, x, colour, 10);
        assertTrue(pd.categorical());
        // the numeric column's mean contribution is 2 * 1.0
        assertEquals(List.of(new Point("red", 0, 2), new Point("green", 1, 4), new Point("blue", 2, 1)), pd.points());
    }

    @Test
    void rejectsBadInput() {
        double[][] x = Models.data(5, 2, 1);
        Predictor model = Models.linear(new double[] {1, 1}, 0);
        assertThrows(IllegalArgumentException.class, () -> PartialDependence.compute(model, x, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> PartialDependence.compute(model, x, 0, 1));
        double[][] nan = {{Double.NaN, 0}};
        assertThrows(IllegalArgumentException.class, () -> PartialDependence.compute(model, nan, 0, 10));
    }
}
