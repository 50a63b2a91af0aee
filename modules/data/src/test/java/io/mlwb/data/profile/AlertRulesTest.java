package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.core.project.ColumnType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared alert rules on hand-made profiles: what fires when a mode lacks a figure. */
class AlertRulesTest {
    private final AlertRules rules = new AlertRules(AlertThresholds.DEFAULTS);

    private static ColumnProfile numeric(String name, long rows, long distinct, long zeros) {
        NumericStats s = new NumericStats(rows, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, zeros, 0, 0, 0);
        return new ColumnProfile(name, ColumnType.NUMERIC, rows, 0, 0, distinct, Double.NaN, s, List.of(), null,
                null, null, null);
    }

    private static List<String> keys(List<Alert> alerts) {
        return alerts.stream().map(a -> a.type() + " " + a.column() + " " + a.otherColumn()).toList();
    }

    @Test
    void aZeroOneColumnGetsNoZerosAlertButAZerosHeavyCountDoes() {
        List<Alert> a = rules.alerts(100, 0, List.of(numeric("label", 100, 2, 70), numeric("counts", 100, 5, 70)),
                Correlations.empty(), Set.of());
        assertEquals(List.of("ZEROS counts null"), keys(a));
        assertEquals("counts has 70 (70.0%) zeros", a.get(0).message());
    }

    @Test
    void uncountedDuplicatesAndEstimatedDistinctCountsRaiseNothing() {
        List<ColumnProfile> cols = List.of(numeric("id", 100, 100, 0), numeric("c", 100, 1, 0));
        assertEquals(List.of("DUPLICATES null null", "UNIQUE id null", "CONSTANT c null"),
                keys(rules.alerts(100, 3, cols, Correlations.empty(), Set.of())));
        assertEquals(List.of(), keys(rules.alerts(100, -1, cols, Correlations.empty(), Set.of("id", "c"))));
    }

    @Test
    void eachPairGetsOneCorrelationAlertWithItsStrongestMethod() {
        List<String> names = List.of("a", "b");
        Correlations c = new Correlations(new CorrelationMatrix(names, new double[][] {{1, 0.91}, {0.91, 1}}),
                new CorrelationMatrix(names, new double[][] {{1, -0.95}, {-0.95, 1}}), CorrelationMatrix.empty());
        List<Alert> a = rules.alerts(10, 0, List.of(), c, Set.of());
        assertEquals(List.of("HIGH_CORRELATION a b"), keys(a));
        assertEquals("a is highly correlated with b (Spearman -0.950)", a.get(0).message());
        List<Alert> pearsonOnly = rules.alerts(10, 0, List.of(),
                new Correlations(c.pearson(), CorrelationMatrix.empty(), CorrelationMatrix.empty()), Set.of());
        assertEquals("a is highly correlated with b (Pearson 0.910)", pearsonOnly.get(0).message());
    }
}
