package io.mlwb.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.training.eval.ClassificationMetrics.CalibrationBin;
import io.mlwb.training.eval.ClassificationMetrics.Confusion;
import io.mlwb.training.eval.ClassificationMetrics.CurvePoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    /** Twelve rows with tied probabilities (0.4 three times, across both classes). */
    private static final double[] Y = {0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0};
    private static final double[] P = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.65, 0.7, 0.5, 0.05};
    private static final double[] W = {1, 2, 1, 1, 0.5, 1, 1, 3, 1, 1, 2, 1};

    @Test
    void matchesScikitLearnUnweighted() {
        // Reference values: scikit-learn 1.2.1 (Debian python3-sklearn) roc_auc_score, average_precision_score,
        // log_loss, brier_score_loss, accuracy/precision/recall/f1_score with y_pred = p >= 0.5, on Y and P above.
        ClassificationMetrics m = ClassificationMetrics.compute(Y, P);
        assertEquals(0.8055555555555556, m.rocAuc(), EPS);
        assertEquals(0.8069444444444444, m.prAuc(), EPS);
        assertEquals(0.5019973694345643, m.logLoss(), EPS);
        assertEquals(m.logLoss(), m.loss());
        assertEquals(0.1722916666666667, m.brier(), EPS);
        assertEquals(0.75, m.accuracy(), EPS);
        assertEquals(0.8, m.precision(), EPS);
        assertEquals(0.6666666666666666, m.recall(), EPS);
        assertEquals(0.7272727272727272, m.f1(), EPS);
        assertEquals(12, m.count());
        assertEquals(6, m.positives());
        assertEquals(new Confusion(4, 1, 5, 2), m.confusion());
        assertTrue(m.undefined().isEmpty());
    }

    @Test
    void matchesScikitLearnWeighted() {
        // Same as above with sample_weight=W.
        ClassificationMetrics m = ClassificationMetrics.compute(Y, P, W, 0.5);
        assertEquals(0.8504273504273503, m.rocAuc(), EPS);
        assertEquals(0.8887761674718195, m.prAuc(), EPS);
        assertEquals(0.4634354488369913, m.logLoss(), EPS);
        assertEquals(0.15596774193548388, m.brier(), EPS);
        assertEquals(0.8064516129032258, m.accuracy(), EPS);
        assertEquals(0.875, m.precision(), EPS);
        assertEquals(0.7777777777777778, m.recall(), EPS);
        assertEquals(0.823529411764706, m.f1(), EPS);
        assertEquals(12, m.count(), "count stays a row count");
        assertEquals(new Confusion(7, 1, 5.5, 2), m.confusion());
    }

    /** 1000 rows, 101 distinct probabilities, so many ties; built by formula so Python builds the same doubles. */
    static double[][] formulaData() {
        double[] y = new double[1000];
        double[] p = new double[1000];
        for (int i = 0; i < 1000; i++) {
            int k = (i * 37) % 101;
            p[i] = k / 100.0;
            y[i] = k > 60 ? ((i * 11) % 5 < 4 ? 1 : 0) : ((i * 53) % 7 < 3 ? 1 : 0);
        }
        return new double[][] {y, p};
    }

    @Test
    void matchesScikitLearnOnManyTies() {
        // python3: i=np.arange(1000); p=((i*37)%101)/100.0; y=(((i*53)%7)<3).astype(float);
        // y=np.where(((i*37)%101)>60, ((i*11)%5<4).astype(float), y); then the scikit-learn 1.2.1 functions,
        // log_loss with eps=1e-15 (its default became "auto", machine epsilon, in 1.2; p = 0 and 1 occur here).
        double[][] d = formulaData();
        ClassificationMetrics m = ClassificationMetrics.compute(d[0], d[1]);
        assertEquals(0.682517752012988, m.rocAuc(), EPS);
        assertEquals(0.7355362676154906, m.prAuc(), EPS);
        assertEquals(0.9331079092933752, m.logLoss(), EPS);
        assertEquals(0.2451246, m.brier(), EPS);
        assertEquals(102, m.roc().size(), "one point per distinct probability plus the origin");
        assertEquals(m.rocAuc(), ClassificationMetrics.rocAuc(d[0], d[1], null), 0.0);
        assertEquals(m.prAuc(), ClassificationMetrics.averagePrecision(d[0], d[1], null), 0.0);
    }

    @Test
    void allTiedScoresGiveHalfAucAndPositiveRateAp() {
        double[] y = {0, 1, 1, 0, 1};
        double[] p = {0.3, 0.3, 0.3, 0.3, 0.3};
        ClassificationMetrics m = ClassificationMetrics.compute(y, p);
        assertEquals(0.5, m.rocAuc(), EPS);
        assertEquals(0.6, m.prAuc(), EPS);
        assertEquals(List.of(new CurvePoint(0, 0, Double.POSITIVE_INFINITY), new CurvePoint(1, 1, 0.3)), m.roc());
    }

    @Test
    void aucIsMannWhitneyWithTiesCountedHalf() {
        double[] y = {1, 0, 1, 0, 0};
        double[] s = {0.7, 0.7, 0.2, 0.1, 0.9};
        // positive/negative pairs: 0.7 vs (0.7 tie, 0.1 win, 0.9 loss) = 1.5; 0.2 vs (0.7, 0.1, 0.9) = 1; over 6
        assertEquals(2.5 / 6, ClassificationMetrics.rocAuc(y, s, null), EPS);
        // a ranking metric: any monotone transform of the scores (here logits, outside [0, 1]) gives the same AUC
        double[] logits = {0.85, 0.85, -1.4, -2.2, 2.2};
        assertEquals(2.5 / 6, ClassificationMetrics.rocAuc(y, logits, null), EPS);
    }

    @Test
    void oneClassOnlyIsNaNWithAReasonNotAnException() {
        double[] y = {0, 0, 0};
        double[] p = {0.2, 0.6, 0.1};
        ClassificationMetrics m = ClassificationMetrics.compute(y, p);
        assertTrue(Double.isNaN(m.rocAuc()));
        assertTrue(Double.isNaN(m.prAuc()));
        assertTrue(Double.isNaN(m.recall()));
        assertEquals("no positive row", m.undefined().get("roc_auc"));
        assertEquals("no positive row", m.undefined().get("pr_auc"));
        assertEquals(0.0, m.precision(), "one false positive, no true positive");
        assertEquals(2.0 / 3, m.accuracy(), EPS);
        assertTrue(m.roc().isEmpty());
        Map<String, Double> map = m.toMap();
        assertFalse(map.containsKey("roc_auc"));
        assertEquals(List.of("accuracy", "precision", "f1", "log_loss", "brier"), List.copyOf(map.keySet()));

        ClassificationMetrics ones = ClassificationMetrics.compute(new double[] {1, 1}, new double[] {0.3, 0.9});
        assertEquals("no negative row", ones.undefined().get("roc_auc"));
        assertEquals(1.0, ones.prAuc(), EPS);
    }

    @Test
    void noPredictedPositiveLeavesPrecisionUndefined() {
        ClassificationMetrics m = ClassificationMetrics.compute(Y, P, null, 0.95);
        assertTrue(Double.isNaN(m.precision()));
        assertEquals("no row is predicted positive at the threshold", m.undefined().get("precision"));
        assertEquals(0.0, m.recall());
        assertEquals(0.0, m.f1());
    }

    @Test
    void emptyInputGivesNaNEverywhere() {
        ClassificationMetrics m = ClassificationMetrics.compute(new double[0], new double[0]);
        assertEquals(0, m.count());
        assertTrue(Double.isNaN(m.accuracy()));
        assertTrue(Double.isNaN(m.logLoss()));
        assertEquals("no rows", m.undefined().get("roc_auc"));
        assertTrue(m.toMap().isEmpty());
        assertTrue(m.calibration().isEmpty());
    }

    @Test
    void mapHasTheSnakeCaseNames() {
        Map<String, Double> map = ClassificationMetrics.compute(Y, P).toMap();
        assertEquals(List.of("accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier"),
                List.copyOf(map.keySet()));
        assertEquals(0.8055555555555556, map.get("roc_auc"), EPS);
    }

    @Test
    void calibrationBinsAreEqualWidthAndSkipEmptyOnes() {
        ClassificationMetrics m = ClassificationMetrics.compute(Y, P);
        assertEquals(10, m.calibration().size());
        CalibrationBin fourth = m.calibration().get(4);
        assertEquals(0.4, fourth.lower(), EPS);
        assertEquals(0.5, fourth.upper(), EPS);
        assertEquals(3, fourth.count(), "the three rows at 0.4");
        assertEquals(0.4, fourth.meanPredicted(), EPS);
        assertEquals(1.0 / 3, fourth.observedRate(), EPS);

        ClassificationMetrics edges = ClassificationMetrics.compute(new double[] {1, 0, 1}, new double[] {1.0, 0.0,
            0.95});
        assertEquals(2, edges.calibration().size());
        CalibrationBin last = edges.calibration().get(1);
        assertEquals(2, last.count(), "1.0 falls in the last bin");
        assertEquals(0.975, last.meanPredicted(), EPS);
    }

    @Test
    void curvesAreDownsampledButAreasUseEveryPoint() {
        int n = 1000;
        double[] y = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i / (double) (n - 1);
            y[i] = (i * 7919) % 10 < i / 100 ? 1 : 0;
        }
        ClassificationMetrics m = ClassificationMetrics.compute(y, p);
        assertEquals(ClassificationMetrics.MAX_CURVE_POINTS, m.roc().size());
        assertEquals(ClassificationMetrics.MAX_CURVE_POINTS, m.pr().size());
        assertEquals(new CurvePoint(0, 0, Double.POSITIVE_INFINITY), m.roc().get(0));
        assertEquals(1.0, m.roc().get(m.roc().size() - 1).x());
        assertEquals(1.0, m.roc().get(m.roc().size() - 1).y());
        for (int i = 1; i < m.roc().size(); i++) {
            assertTrue(m.roc().get(i).x() >= m.roc().get(i - 1).x(), "ROC x never decreases");
            assertTrue(m.roc().get(i).threshold() < m.roc().get(i - 1).threshold(), "thresholds descend");
        }
        assertEquals(ClassificationMetrics.Ranked.of(y, p, null).rocAuc(), m.rocAuc(), 0.0);
    }

    @Test
    void invalidInputIsRejectedWithAClearMessage() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1, 1}, new double[] {0.1, 0.2, Double.NaN}));
        assertTrue(nan.getMessage().contains("prob[2] is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1}, new double[] {0.1, 1.5}));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 2}, new double[] {0.1, 0.5}));
        assertTrue(label.getMessage().contains("yTrue[1]"), label.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1}, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(null, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1}, new double[] {0.1, 0.2}, new double[] {1, -1},
                        0.5));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1}, new double[] {0.1, 0.2}, new double[] {0, 0},
                        0.5));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new double[] {0, 1}, new double[] {0.1, 0.2}, null, 1.2));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.rocAuc(new double[] {0, 1}, new double[] {0.1, Double.POSITIVE_INFINITY},
                        null));
    }

    @Test
    void confusionOfDecisions() {
        Confusion c = Confusion.of(new double[] {1, 1, 0, 0, 1}, new boolean[] {true, false, true, false, true});
        assertEquals(new Confusion(2, 1, 1, 1), c);
        assertEquals(0.6, c.accuracy(), EPS);
        assertEquals(2.0 / 3, c.precision(), EPS);
        assertEquals(2.0 / 3, c.recall(), EPS);
        assertEquals(2.0 / 3, c.f1(), EPS);
        assertTrue(Double.isNaN(new Confusion(0, 0, 3, 0).precision()));
    }
}
