package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.data.profile.CorrelationMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Correlations tab's logic without the toolkit: filter, strongest pairs, clustered order, the column cap. */
class HeatmapModelTest {
    /** Columns a..e: a-c strongly (0.9), b-d negatively (-0.95), e undefined with everything, the rest weak. */
    private static CorrelationMatrix small() {
        List<String> names = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        double[][] v = new double[5][5];
        for (double[] row : v) {
            Arrays.fill(row, 0.1);
        }
        for (int i = 0; i < 5; i++) {
            v[i][i] = 1;
            v[i][4] = Double.NaN;
            v[4][i] = Double.NaN;
        }
        set(v, 0, 2, 0.9);
        set(v, 1, 3, -0.95);
        set(v, 0, 1, 0.3);
        return new CorrelationMatrix(names, v);
    }

    private static void set(double[][] v, int i, int j, double x) {
        v[i][j] = x;
        v[j][i] = x;
    }

    @Test
    void strongestPairsComeByAbsoluteValueAndSkipUndefinedOnes() {
        CorrelationMatrix m = small();
        List<HeatmapModel.Pair> pairs = HeatmapModel.strongestPairs(m, new int[] {0, 1, 2, 3, 4}, 3);
        assertEquals(3, pairs.size());
        assertEquals("beta", pairs.get(0).a());
        assertEquals("delta", pairs.get(0).b());
        assertEquals(-0.95, pairs.get(0).value());
        assertEquals("alpha", pairs.get(1).a());
        assertEquals("gamma", pairs.get(1).b());
        assertEquals(0.3, pairs.get(2).value());
        // every defined pair once, none with epsilon (undefined)
        List<HeatmapModel.Pair> all = HeatmapModel.strongestPairs(m, new int[] {0, 1, 2, 3, 4}, 100);
        assertEquals(6, all.size());
        assertTrue(all.stream().noneMatch(p -> p.b().equals("epsilon") || p.a().equals("epsilon")));
        assertTrue(all.stream().allMatch(p -> p.row() < p.col()));
    }

    @Test
    void theFilterMatchesPartsOfNamesIgnoringCaseAndAnyOfSeveralWords() {
        List<String> names = List.of("Income", "age", "income_log", "city");
        assertArrayEquals(new int[] {0, 2}, HeatmapModel.matching(names, "INCOME"));
        assertArrayEquals(new int[] {1, 3}, HeatmapModel.matching(names, "ag, cit"));
        assertArrayEquals(new int[] {0, 1, 2, 3}, HeatmapModel.matching(names, "  "));
        assertArrayEquals(new int[0], HeatmapModel.matching(names, "zzz"));
    }

    @Test
    void theFilterLimitsTheHeatmapAndThePairs() {
        HeatmapModel model = new HeatmapModel(small());
        HeatmapModel.View v = model.view("a", false, false, Set.of()); // alpha, beta, gamma, delta
        assertArrayEquals(new int[] {0, 1, 2, 3}, v.columns());
        assertEquals(4, v.matching());
        assertFalse(v.capped());
        HeatmapModel.View g = model.view("gamma alpha", false, false, Set.of());
        assertArrayEquals(new int[] {0, 2}, g.columns());
        assertEquals(1, g.pairs().size());
        assertEquals(0.9, g.pairs().get(0).value());
    }

    @Test
    void theClusteredOrderPutsStronglyCorrelatedColumnsNextToEachOther() {
        CorrelationMatrix m = small();
        int[] order = HeatmapModel.clusteredOrder(m, new int[] {0, 1, 2, 3, 4});
        assertEquals(5, order.length);
        assertEquals(Set.of(0, 1, 2, 3, 4), Set.copyOf(Arrays.stream(order).boxed().toList()));
        assertEquals(1, Math.abs(indexOf(order, 0) - indexOf(order, 2)), Arrays.toString(order));
        assertEquals(1, Math.abs(indexOf(order, 1) - indexOf(order, 3)), Arrays.toString(order));
        HeatmapModel model = new HeatmapModel(m);
        assertArrayEquals(order, model.view("", true, false, Set.of()).columns());
    }

    @Test
    void aWideMatrixShowsTheColumnsOfItsStrongestPairsUntilAllAreAskedFor() {
        CorrelationMatrix m = wide(300);
        HeatmapModel model = new HeatmapModel(m);
        HeatmapModel.View capped = model.view("", false, false, Set.of());
        assertTrue(capped.capped());
        assertEquals(300, capped.matching());
        assertEquals(HeatmapModel.FOCUS, capped.columns().length);
        assertEquals(HeatmapModel.PAIRS, capped.pairs().size());
        // the strongest pair's columns are among those drawn
        HeatmapModel.Pair first = capped.pairs().get(0);
        assertTrue(capped.positionOf(first.row()) >= 0 && capped.positionOf(first.col()) >= 0);
        // a pinned column (a pair chosen from the table) joins the view
        int outside = -1;
        for (int i = 0; i < 300 && outside < 0; i++) {
            if (capped.positionOf(i) < 0) {
                outside = i;
            }
        }
        HeatmapModel.View pinned = model.view("", false, false, Set.of(outside));
        assertTrue(pinned.positionOf(outside) >= 0);
        HeatmapModel.View all = model.view("", false, true, Set.of());
        assertFalse(all.capped());
        assertEquals(300, all.columns().length);
        // a filter under the cap shows every match
        HeatmapModel.View few = model.view("c1", false, false, Set.of());
        assertFalse(few.capped());
        assertEquals(HeatmapModel.matching(m.columns(), "c1").length, few.columns().length);
    }

    /** n columns whose coefficient falls with the distance of their indices, and a few strong planted pairs. */
    private static CorrelationMatrix wide(int n) {
        List<String> names = new ArrayList<>();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            names.add("c" + i);
            for (int j = 0; j < n; j++) {
                v[i][j] = i == j ? 1 : 0.5 / (1 + Math.abs(i - j)) * ((i + j) % 2 == 0 ? 1 : -1);
            }
        }
        set(v, 7, 250, 0.99);
        set(v, 11, 120, -0.98);
        return new CorrelationMatrix(names, v);
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
