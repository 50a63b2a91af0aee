package io.mlwb.training.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.explain.PermutationImportance.Importance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scorer.accuracy, MultiPredictor and per-output partial dependence on known models. */
class MultiClassExplainTest {

    /** A softmax over the logits (x0, x1, 0): three classes; column 2 is unused. */
    static final MultiPredictor SOFTMAX = rows -> {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] z = {rows[i][0], rows[i][1], 0};
            double m = Math.max(z[0], Math.max(z[1], z[2]));
            double s = 0;
            double[] p = new double[3];
            for (int c = 0; c < 3; c++) {
                p[c] = Math.exp(z[c] - m);
                s += p[c];
            }
            for (int c = 0; c < 3; c++) {
                p[c] /= s;
            }
            out[i] = p;
        }
        return out;
    };

    @Test
    void accuracyIsTheShareOfMatchingClassIndices() {
        Scorer acc = Scorer.accuracy();
        assertEquals(0.75, acc.score(new double[] {0, 1, 2, 2}, new double[] {0, 1, 2, 0}), 0.0);
        assertEquals(1.0, acc.score(new double[] {3}, new double[] {3}), 0.0);
        assertEquals(0.0, acc.score(new double[] {1, 0}, new double[] {0, 1}), 0.0);
        assertTrue(Double.isNaN(acc.score(new double[0], new double[0])));
        assertThrows(IllegalArgumentException.class, () -> acc.score(new double[] {1}, new double[] {1, 0}));
    }

    @Test
    void argmaxAndOutputViewsOfAMultiPredictor() {
        double[][] rows = {{2, 0, 9}, {0, 2, 9}, {-2, -2, 9}, {1, 1, 9}};
        assertArrayEquals(new double[] {0, 1, 2, 0}, SOFTMAX.argmax().predict(rows), "ties go to the first class");
        double[] p1 = SOFTMAX.output(1).predict(rows);
        assertEquals(Math.exp(2) / (Math.exp(2) + 2), p1[1], 1e-12);
        assertEquals(Math.E / (2 * Math.E + 1), p1[3], 1e-12);
    }

    @Test
    void permutationImportanceByAccuracyRanksTheUnusedColumnLast() {
        double[][] x = Models.data(400, 3, 3);
        double[] y = SOFTMAX.argmax().predict(x);
        PermutationImportance pi = PermutationImportance.compute(SOFTMAX.argmax(), x, y,
                new String[] {"a", "b", "unused"}, Scorer.accuracy(), 3, 5);
        assertEquals(1.0, pi.baselineScore(), 0.0, "the targets are the model's own classes");
        assertEquals("unused", pi.importances().get(2).name());
        assertEquals(0.0, pi.importances().get(2).meanDrop(), 0.0);
        assertTrue(pi.importances().get(0).meanDrop() > 0.2, pi.toString());
        assertEquals(List.of("a", "b"), pi.importances().subList(0, 2).stream().map(Importance::name).sorted()
                .toList());
    }

    @Test
    void onePartialDependenceCurvePerOutputEqualToTheSingleOutputCurves() {
        double[][] x = Models.data(60, 3, 4);
        FeatureGroup f = FeatureGroup.of("a", 0);
        List<PartialDependence> curves = PartialDependence.compute(SOFTMAX, x, f, 10, new int[] {0, 2});
        assertEquals(2, curves.size());
        for (int k = 0; k < 2; k++) {
            PartialDependence single = PartialDependence.compute(SOFTMAX.output(k == 0 ? 0 : 2), x, f, 10);
            assertEquals(single, curves.get(k));
        }
        // P(class 0) rises with x0, P(class 2) falls
        List<PartialDependence.Point> p0 = curves.get(0).points();
        List<PartialDependence.Point> p2 = curves.get(1).points();
        assertTrue(p0.get(p0.size() - 1).meanPrediction() > p0.get(0).meanPrediction());
        assertTrue(p2.get(p2.size() - 1).meanPrediction() < p2.get(0).meanPrediction());
        // the probabilities of all classes average to 1 at each point
        List<PartialDependence> all = PartialDependence.compute(SOFTMAX, x, f, 10, new int[] {0, 1, 2});
        for (int i = 0; i < all.get(0).points().size(); i++) {
            int at = i;
            assertEquals(1.0, all.stream().mapToDouble(c -> c.points().get(at).meanPrediction()).sum(), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> PartialDependence.compute(SOFTMAX, x, f, 10,
                new int[] {3}));
    }
}
