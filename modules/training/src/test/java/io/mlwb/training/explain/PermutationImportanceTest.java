package io.mlwb.training.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.explain.PermutationImportance.Importance;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {

    private static final double[] W = {2.0, -1.0, 0.0, 0.5};
    private static final String[] NAMES = {"a", "b", "zero", "c"};

    @Test
    void regressionRanksByWeightAndTheZeroWeightFeatureLast() {
        double[][] x = Models.data(300, 4, 1);
        Predictor model = Models.linear(W, 0.3);
        double[] y = model.predict(x);
        PermutationImportance pi = PermutationImportance.compute(model, x, y, NAMES, Scorer.negativeRmse(), 5, 42);
        assertEquals(0.0, pi.baselineScore(), 1e-12, "the model is exact");
        assertEquals(List.of("a", "b", "c", "zero"), pi.importances().stream().map(Importance::name).toList());
        Importance zero = pi.importances().get(3);
        assertEquals(0.0, zero.meanDrop(), 0.0, "shuffling an unused column changes nothing");
        assertEquals(0.0, zero.std(), 0.0);
        assertTrue(pi.importances().get(0).std() > 0);
    }

    @Test
    void classificationWithAucRanksTheZeroWeightFeatureLast() {
        double[][] x = Models.data(400, 4, 2);
        Predictor model = Models.linear(W, 0.0);
        double[] score = model.predict(x);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = score[i] + 0.8 * Math.sin(17.0 * i) > 0 ? 1 : 0;
        }
        PermutationImportance pi = PermutationImportance.compute(model, x, y, NAMES, Scorer.rocAuc(), 3, 7);
        assertEquals("a", pi.importances().get(0).name());
        assertEquals("zero", pi.importances().get(3).name());
        assertEquals(0.0, pi.importances().get(3).meanDrop(), 0.0);
    }

    @Test
    void aOneHotGroupIsShuffledTogether() {
        // columns: 0 numeric, 1..3 one-hot of one source column; the model reads column 2 strongly.
        double[][] x = Models.data(200, 4, 3);
        for (int i = 0; i < x.length; i++) {
            int level = i % 3;
            for (int k = 0; k < 3; k++) {
                x[i][1 + k] = k == level ? 1 : 0;
            }
        }
        Predictor model = Models.linear(new double[] {0.1, 0, 3, -1}, 0);
        double[] y = model.predict(x);
        List<FeatureGroup> groups = List.of(FeatureGroup.of("num", 0),
                new FeatureGroup("colour", new int[] {1, 2, 3}, List.of("red", "green", "blue")));
        // a scorer that also checks each shuffled row is still one-hot
        Scorer oneHotChecking = (t, p) -> -Math.sqrt(mse(t, p));
        Predictor checking = rows -> {
            for (double[] r : rows) {
                assertEquals(1.0, r[1] + r[2] + r[3], 0.0, "one-hot kept");
            }
            return model.predict(rows);
        };
        PermutationImportance pi = PermutationImportance.compute(checking, x, y, groups, oneHotChecking, 4, 5);
        assertEquals("colour", pi.importances().get(0).name());
        assertEquals(2, pi.importances().size());
    }

    @Test
    void seededAndDeterministic() {
        double[][] x = Models.data(100, 4, 4);
        Predictor model = Models.nonlinear();
        double[] y = model.predict(x);
        PermutationImportance a = PermutationImportance.compute(model, x, y, NAMES, Scorer.negativeRmse(), 3, 11);
        PermutationImportance b = PermutationImportance.compute(model, x, y, NAMES, Scorer.negativeRmse(), 3, 11);
        PermutationImportance c = PermutationImportance.compute(model, x, y, NAMES, Scorer.negativeRmse(), 3, 12);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(Models.data(100, 4, 4)[7][2], x[7][2], 0.0, "the input is not modified");
    }

    @Test
    void rejectsBadInput() {
        double[][] x = Models.data(10, 4, 5);
        Predictor model = Models.linear(W, 0);
        double[] oneClass = new double[10];
        assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(model, x, oneClass, NAMES, Scorer.rocAuc(), 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(model, x, new double[3], NAMES, Scorer.negativeRmse(), 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(model, x, new double[10], NAMES, Scorer.negativeRmse(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(model, x, new double[10],
                List.of(FeatureGroup.of("a", 0, 1), FeatureGroup.of("b", 1)), Scorer.negativeRmse(), 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(rows -> new double[1], x,
                new double[10], NAMES, Scorer.negativeRmse(), 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(model, new double[0][],
                new double[0], NAMES, Scorer.negativeRmse(), 2, 1));
    }

    private static double mse(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += (t[i] - p[i]) * (t[i] - p[i]);
        }
        return s / t.length;
    }
}
