package io.mlwb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.DriftConfig.Test;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Each edge case of docs/drift.md with its stated result. */
class DriftEngineEdgeCaseTest {
    private final DriftEngine engine = new DriftEngine();

    private static NumericColumn num(String name, Double... values) {
        double[] v = new double[values.length];
        BitSet missing = new BitSet();
        for (int i = 0; i < v.length; i++) {
            if (values[i] == null) {
                missing.set(i);
                v[i] = Double.NaN;
            } else {
                v[i] = values[i];
            }
        }
        return new NumericColumn(name, v, missing, false);
    }

    private static NumericColumn range(String name, int from, int to) {
        Double[] v = new Double[to - from];
        for (int i = from; i < to; i++) {
            v[i - from] = (double) i;
        }
        return num(name, v);
    }

    private static CategoricalColumn cat(String name, String... values) {
        List<String> dict = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
                continue;
            }
            int k = dict.indexOf(values[i]);
            if (k < 0) {
                dict.add(values[i]);
                k = dict.size() - 1;
            }
            codes[i] = k;
        }
        return new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, dict);
    }

    private static DataTable table(Column... columns) {
        return new DataTable(columns[0].size(), List.of(columns));
    }

    private ColumnDrift one(Column ref, Column cur) {
        return engine.compareColumn(ref, cur, DriftOptions.defaults());
    }

    @org.junit.jupiter.api.Test
    void allMissingInTheCurrentDataIsDriftedButUntested() {
        ColumnDrift c = one(range("x", 0, 10), num("x", null, null, null));
        assertEquals(ColumnDrift.Status.NO_VALUES, c.status());
        assertTrue(c.drifted());
        assertNull(c.statistic());
        assertNull(c.psi());
        assertEquals(0.0, c.missingRef());
        assertEquals(1.0, c.missingCur());
    }

    @org.junit.jupiter.api.Test
    void allMissingInTheReferenceIsDriftedButUntested() {
        ColumnDrift c = one(cat("c", null, null), cat("c", "a", "b", null));
        assertEquals(ColumnDrift.Status.NO_VALUES, c.status());
        assertTrue(c.drifted());
        assertEquals(List.of("a", "b"), c.newCategories());
    }

    @org.junit.jupiter.api.Test
    void allMissingOnBothSidesIsNotDrifted() {
        ColumnDrift c = one(num("x", null, null), num("x", (Double) null));
        assertEquals(ColumnDrift.Status.NO_VALUES, c.status());
        assertFalse(c.drifted());
    }

    @org.junit.jupiter.api.Test
    void aConstantColumnIsACategoryAndStaysStableWhenUnchanged() {
        ColumnDrift same = one(num("k", 7.0, 7.0, 7.0), num("k", 7.0, 7.0));
        assertEquals(Test.CHI2, same.test());
        assertEquals(0.0, same.statistic());
        assertEquals(1.0, same.pValue());
        assertFalse(same.drifted());
        assertEquals(0.0, same.psi());
    }

    @org.junit.jupiter.api.Test
    void aConstantThatChangesIsAnInfiniteChiSquare() {
        ColumnDrift moved = one(num("k", 7.0, 7.0, 7.0), num("k", 8.0, 8.0));
        assertEquals(Double.POSITIVE_INFINITY, moved.statistic());
        assertEquals(0.0, moved.pValue());
        assertTrue(moved.drifted());
        assertEquals(List.of("8"), moved.newCategories());
        assertEquals(List.of("7"), moved.vanishedCategories());
        assertNull(moved.toJson().get("statistic"), "an infinite statistic is null in JSON");
        assertTrue(moved.note().contains("infinite"));
    }

    @org.junit.jupiter.api.Test
    void aCurrentOfOneRowGetsScipysExactKs() {
        // scipy.stats.ks_2samp(np.arange(1., 11.), [5.5]) == (0.5, 1.0); with [50.]: (1.0, 0.18181818181818182)
        ColumnDrift mid = one(range("x", 1, 11), num("x", 5.5));
        assertEquals(Test.KS, mid.test());
        assertEquals(0.5, mid.statistic());
        assertEquals(1.0, mid.pValue());
        ColumnDrift far = one(range("x", 1, 11), num("x", 50.0));
        assertEquals(1.0, far.statistic());
        assertEquals(0.18181818181818182, far.pValue(), 1e-15);
        assertFalse(far.drifted());
    }

    @org.junit.jupiter.api.Test
    void aTypeChangeIsReportedAndCountedAsDrifted() {
        DataTable ref = table(range("x", 0, 4));
        DataTable cur = table(new BooleanColumn("x", new byte[] {1, 0, 1, 1}));
        DatasetDrift d = engine.compare(ref, cur, DriftOptions.defaults());
        assertEquals(List.of(new DatasetDrift.Retyped("x", ColumnType.NUMERIC, ColumnType.BOOLEAN)), d.retyped());
        assertEquals(ColumnDrift.Status.RETYPED, d.columns().get(0).status());
        assertTrue(d.columns().get(0).drifted());
        assertEquals(1, d.compared());
    }

    @org.junit.jupiter.api.Test
    void categoriesWithNoOverlap() {
        ColumnDrift small = one(cat("c", "a", "b", "a"), cat("c", "x", "y"));
        assertEquals(Double.POSITIVE_INFINITY, small.statistic());
        assertTrue(small.drifted());
        assertEquals(List.of("x", "y"), small.newCategories());
        assertEquals(List.of("a", "b"), small.vanishedCategories());
        String[] many = new String[1500];
        java.util.Arrays.fill(many, "a");
        ColumnDrift large = one(cat("c", many), cat("c", "z", "z"));
        assertEquals(Test.JENSENSHANNON, large.test());
        assertEquals(Math.sqrt(Math.log(2)), large.statistic(), 1e-15);
        assertTrue(large.drifted());
        // PSI: 2 bins, each (1 - 0.0001) ln(1/0.0001)
        assertEquals(2 * 0.9999 * Math.log(10000), large.psi(), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void columnsOnOneSideAreAddedOrRemoved() {
        DataTable ref = table(range("a", 0, 3), range("b", 0, 3));
        DataTable cur = table(range("b", 0, 3), range("c", 0, 3));
        DatasetDrift d = engine.compare(ref, cur, DriftOptions.defaults());
        assertEquals(List.of("c"), d.added());
        assertEquals(List.of("a"), d.removed());
        assertEquals(List.of("b"), d.columns().stream().map(ColumnDrift::name).toList());
    }

    @org.junit.jupiter.api.Test
    void largeNumericReferenceUsesWassersteinOverStd() {
        ColumnDrift c = one(range("x", 0, 2000), range("x", 100, 2100));
        assertEquals(Test.WASSERSTEIN, c.test());
        // W = 100 exactly; std of 0..1999 = sqrt((2000^2 - 1)/12)
        assertEquals(100 / Math.sqrt((2000.0 * 2000 - 1) / 12), c.statistic(), 1e-12);
        assertNull(c.pValue());
        assertTrue(c.drifted());
    }

    @org.junit.jupiter.api.Test
    void overridesChangeTestThresholdBinsAndIgnore() {
        DriftConfig.Column psi = new DriftConfig.Column(Test.PSI, 5.0, null, null, null, false);
        DriftConfig.Column custom = new DriftConfig.Column(null, 0.5, null, DriftConfig.Binning.CUSTOM,
                List.of(3.0, 6.0), false);
        DriftConfig.Column ignore = new DriftConfig.Column(null, null, null, null, null, true);
        DriftOptions o = new DriftOptions(0.5, 10, DriftConfig.Binning.QUANTILE,
                Map.of("p", psi, "k", custom, "i", ignore));
        DataTable ref = table(range("p", 0, 10), range("k", 0, 10), range("i", 0, 10));
        DataTable cur = table(range("p", 5, 15), range("k", 5, 15), range("i", 50, 60));
        DatasetDrift d = engine.compare(ref, cur, o);
        assertEquals(List.of("i"), d.ignored());
        ColumnDrift p = d.columns().get(0);
        assertEquals(Test.PSI, p.test());
        assertEquals(p.psi(), p.statistic());
        assertFalse(p.drifted(), "PSI below the overridden threshold 5");
        ColumnDrift k = d.columns().get(1);
        assertEquals(0.5, k.threshold());
        assertTrue(k.pValue() > 0.05 && k.pValue() <= 0.5, "drifted only under the raised threshold: " + k);
        assertTrue(k.drifted());
        // custom edges 3 and 6: reference 0..9 → 4, 3, 3; current 5..14 → 0, 2, 8
        double r0 = 0.4;
        double r1 = 0.3;
        double r2 = 0.3;
        double c0 = 0.0001;
        double c1 = 0.2;
        double c2 = 0.8;
        double expected = (c0 - r0) * Math.log(c0 / r0) + (c1 - r1) * Math.log(c1 / r1) + (c2 - r2) * Math.log(c2 / r2);
        assertEquals(expected, k.psi(), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void ksOnACategoricalColumnIsAUserError() {
        DriftOptions o = new DriftOptions(0.5, 10, null,
                Map.of("c", new DriftConfig.Column(Test.KS, null, null, null, null, false)));
        UserError e = assertThrows(UserError.class, () -> engine.compareColumn(cat("c", "a"), cat("c", "b"), o));
        assertTrue(e.whatToDo().contains("chi2"), e.whatToDo());
    }

    @org.junit.jupiter.api.Test
    void datasetVerdictFollowsTheDriftShare() {
        DataTable ref = table(range("a", 0, 10), range("b", 0, 10));
        DataTable cur = table(range("a", 0, 10), range("b", 100, 110));
        DatasetDrift half = engine.compare(ref, cur, DriftOptions.defaults());
        assertEquals(0.5, half.share());
        assertTrue(half.datasetDrift());
        assertFalse(engine.compare(ref, cur, DriftOptions.defaults().withDriftShare(0.6)).datasetDrift());
    }

    @org.junit.jupiter.api.Test
    void jsonHasTheContractFieldsInOrder() throws Exception {
        DatasetDrift d = engine.compare(table(range("a", 0, 10)), table(range("a", 3, 13)), DriftOptions.defaults());
        String json = new ObjectMapper().writeValueAsString(d.toJson());
        assertTrue(json.startsWith("{\"dataset_drift\":"), json);
        Map<String, Object> col = d.columns().get(0).toJson();
        assertEquals(List.of("name", "type", "test", "statistic", "p_value", "threshold", "drifted", "psi", "kl",
                "psi_band", "missing_ref", "missing_cur"), new ArrayList<>(col.keySet()).subList(0, 12));
        assertEquals("ks", col.get("test"));
        assertEquals("numeric", col.get("type"));
    }
}
