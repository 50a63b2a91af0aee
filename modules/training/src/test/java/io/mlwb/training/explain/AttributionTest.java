package io.mlwb.training.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.explain.Attribution.Contribution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static double sum(Attribution a) {
        double s = 0;
        for (Contribution c : a.contributions()) {
            s += c.value();
        }
        return s;
    }

    private static String[] names(int k) {
        String[] n = new String[k];
        for (int i = 0; i < k; i++) {
            n[i] = "f" + i;
        }
        return n;
    }

    @Test
    void linearModelAttributionsAreWeightTimesDistanceFromTheMean() {
        double[] w = {2, -1, 0, 0.5, 3};
        double[][] background = Models.data(40, 5, 1);
        double[] row = {1, 2, 3, -1, 0.5};
        Attribution a = Attribution.explain(Models.linear(w, 0.7), background, row, FeatureGroup.singles(names(5)));
        assertTrue(a.exact());
        double[] mean = Models.columnMeans(background);
        for (int i = 0; i < 5; i++) {
            assertEquals(w[i] * (row[i] - mean[i]), a.contributions().get(i).value(), 1e-9, "f" + i);
        }
        assertEquals(Models.linear(w, 0.7).predict(new double[][] {row})[0], a.prediction(), 1e-12);
        assertEquals(a.prediction() - a.baseline(), sum(a), 1e-9);
        int top = 0;
        for (int i = 1; i < 5; i++) {
            if (Math.abs(w[i] * (row[i] - mean[i])) > Math.abs(w[top] * (row[top] - mean[top]))) {
                top = i;
            }
        }
        assertEquals("f" + top, a.byMagnitude().get(0).name());
        assertEquals("f2", a.byMagnitude().get(4).name(), "zero weight, zero attribution");
    }

    @Test
    void groupAttributionIsTheSumOverItsColumnsForALinearModel() {
        double[] w = {1, 2, -3, 0.5};
        double[][] background = Models.data(30, 4, 2);
        double[] row = {0.3, 1, 0, 0};
        List<FeatureGroup> groups = List.of(FeatureGroup.of("num", 0),
                new FeatureGroup("colour", new int[] {1, 2, 3}, List.of("r", "g", "b")));
        Attribution a = Attribution.explain(Models.linear(w, 0), background, row, groups);
        double[] mean = Models.columnMeans(background);
        double expected = 0;
        for (int c = 1; c < 4; c++) {
            expected += w[c] * (row[c] - mean[c]);
        }
        assertEquals(expected, a.contributions().get(1).value(), 1e-9);
        assertEquals(w[0] * (row[0] - mean[0]), a.contributions().get(0).value(), 1e-9);
    }

    @Test
    void exactValuesOfAProductMatchTheShapleyFormula() {
        // f = x0 * x1: v(∅) = mean(b0 b1), v({0}) = x0 mean(b1), v({1}) = x1 mean(b0), v(all) = x0 x1.
        Predictor product = rows -> {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = rows[i][0] * rows[i][1];
            }
            return out;
        };
        double[][] background = {{1, 2}, {3, -1}, {0, 4}};
        double[] row = {2, 5};
        double vEmpty = (2 - 3 + 0) / 3.0;
        double v0 = 2 * (2 - 1 + 4) / 3.0;
        double v1 = 5 * (1 + 3 + 0) / 3.0;
        double vAll = 10;
        Attribution a = Attribution.explain(product, background, row, FeatureGroup.singles(names(2)));
        assertEquals(0.5 * (v0 - vEmpty) + 0.5 * (vAll - v1), a.contributions().get(0).value(), 1e-12);
        assertEquals(0.5 * (v1 - vEmpty) + 0.5 * (vAll - v0), a.contributions().get(1).value(), 1e-12);
        assertEquals(vEmpty, a.baseline(), 1e-12);
    }

    @Test
    void nonlinearExactAttributionsSumToPredictionMinusBaseline() {
        double[][] background = Models.data(200, 8, 3);
        double[] row = Models.data(1, 8, 99)[0];
        Attribution a = Attribution.explain(Models.nonlinear(), background, row, FeatureGroup.singles(names(8)));
        assertTrue(a.exact());
        assertEquals(a.prediction() - a.baseline(), sum(a), 1e-12);
        assertEquals(a, Attribution.explain(Models.nonlinear(), background, row, FeatureGroup.singles(names(8))),
                "deterministic, including the background sample");
    }

    @Test
    void twelveGroupsAreStillExact() {
        double[][] background = Models.data(20, 12, 4);
        double[] row = Models.data(1, 12, 5)[0];
        Attribution a = Attribution.explain(Models.nonlinear(), background, row, FeatureGroup.singles(names(12)));
        assertTrue(a.exact());
        assertEquals(0, a.permutations());
        assertEquals(a.prediction() - a.baseline(), sum(a), 1e-12);
    }

    @Test
    void moreThanTwelveGroupsAreSampledAndStillSumExactly() {
        double[][] background = Models.data(80, 15, 6);
        double[] row = Models.data(1, 15, 7)[0];
        Attribution a = Attribution.explain(Models.nonlinear(), background, row, FeatureGroup.singles(names(15)), 3,
                21);
        assertFalse(a.exact());
        assertEquals(22, a.permutations(), "rounded up to an even count for antithetic pairs");
        assertEquals(a.prediction() - a.baseline(), sum(a), 1e-12);
        Attribution again = Attribution.explain(Models.nonlinear(), background, row, FeatureGroup.singles(names(15)),
                3, 21);
        assertEquals(a, again);
    }

    @Test
    void samplingIsExactForAnAdditiveModel() {
        double[] w = new double[14];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3 - 1 + 0.25 * i;
        }
        double[][] background = Models.data(50, 14, 8);
        double[] row = Models.data(1, 14, 9)[0];
        Attribution a = Attribution.explain(Models.linear(w, 0), background, row, FeatureGroup.singles(names(14)));
        assertFalse(a.exact());
        double[] mean = Models.columnMeans(background);
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] * (row[i] - mean[i]), a.contributions().get(i).value(), 1e-9, "f" + i);
        }
    }

    @Test
    void samplingApproximatesExactValues() {
        // 13 groups but the model only uses 4 columns, so the exact answer is known from the 4-group case.
        double[][] background = Models.data(30, 13, 10);
        double[] row = Models.data(1, 13, 11)[0];
        Predictor fourColumns = rows -> {
            double[][] cut = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                cut[i] = new double[] {rows[i][0], rows[i][1], rows[i][2], rows[i][3]};
            }
            return Models.nonlinear().predict(cut);
        };
        List<FeatureGroup> thirteen = FeatureGroup.singles(names(13));
        List<FeatureGroup> four = new ArrayList<>(thirteen.subList(0, 4));
        Attribution sampled = Attribution.explain(fourColumns, background, row, thirteen, 1, 400);
        Attribution exact = Attribution.explain(fourColumns, background, row, four);
        for (int i = 0; i < 4; i++) {
            assertEquals(exact.contributions().get(i).value(), sampled.contributions().get(i).value(), 0.02);
        }
        for (int i = 4; i < 13; i++) {
            assertEquals(0.0, sampled.contributions().get(i).value(), 1e-12, "unused column gets nothing");
        }
    }

    @Test
    void singleGroupGetsEverything() {
        double[][] background = Models.data(10, 4, 12);
        double[] row = {1, 1, 1, 1};
        Attribution a = Attribution.explain(Models.nonlinear(), background, row, List.of(FeatureGroup.of("all", 0, 1,
                2, 3)));
        assertEquals(a.prediction() - a.baseline(), a.contributions().get(0).value(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        double[][] background = Models.data(10, 3, 13);
        Predictor model = Models.linear(new double[] {1, 1, 1}, 0);
        List<FeatureGroup> groups = FeatureGroup.singles(names(3));
        assertThrows(IllegalArgumentException.class,
                () -> Attribution.explain(model, background, new double[2], groups));
        assertThrows(IllegalArgumentException.class,
                () -> Attribution.explain(model, background, new double[] {0, Double.NaN, 0}, groups));
        assertThrows(IllegalArgumentException.class,
                () -> Attribution.explain(model, new double[0][], new double[3], groups));
        assertThrows(IllegalArgumentException.class,
                () -> Attribution.explain(model, background, new double[3], List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Attribution.explain(rows -> new double[rows.length + 1], background, new double[3], groups));
        assertThrows(IllegalArgumentException.class, () -> FeatureGroup.of("x"));
        assertThrows(IllegalArgumentException.class, () -> FeatureGroup.of("x", 1, 1));
    }
}
