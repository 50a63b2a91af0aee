package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProfilerTest {
    private static final long DAY = 86_400_000L;

    private static NumericColumn num(String name, double... values) {
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                missing.set(i);
            }
        }
        return new NumericColumn(name, values, missing, false);
    }

    private static CategoricalColumn cat(String name, String... values) {
        List<String> dict = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
            } else {
                if (!dict.contains(values[i])) {
                    dict.add(values[i]);
                }
                codes[i] = dict.indexOf(values[i]);
            }
        }
        return new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, dict);
    }

    private static DatasetProfile profile(Column... columns) {
        return new Profiler().profile(new DataTable(columns[0].size(), List.of(columns)), ProfileOptions.defaults(),
                Progress.NONE);
    }

    private static Set<AlertType> alertTypes(DatasetProfile p, String column) {
        return p.alerts().stream().filter(a -> column.equals(a.column())).map(Alert::type).collect(Collectors.toSet());
    }

    @Test
    void smallNumericColumnMatchesHandComputedValues() {
        // values 1..5 with one missing: mean 3, sample std sqrt(2.5), symmetric so skewness 0
        DatasetProfile p = profile(num("x", 1, 2, Double.NaN, 3, 4, 5));
        NumericStats s = p.column("x").orElseThrow().numeric();
        assertEquals(3.0, s.mean());
        assertEquals(Math.sqrt(2.5), s.std(), 1e-15);
        assertEquals(0.0, s.skewness());
        assertEquals(-1.2, s.kurtosis(), 1e-12); // pandas: Series([1,2,3,4,5]).kurt() == -1.2
        assertEquals(1.2, s.p5(), 1e-15); // h = 4 * 0.05 = 0.2 → 1 + 0.2
        assertEquals(2.0, s.p25());
        assertEquals(3.0, s.p50());
        assertEquals(1, p.column("x").orElseThrow().missing());
    }

    @Test
    void skewnessAndKurtosisAreUndefinedForTooFewValues() {
        NumericStats two = profile(num("x", 1, 2)).column("x").orElseThrow().numeric();
        assertTrue(Double.isNaN(two.skewness()));
        assertTrue(Double.isNaN(two.kurtosis()));
        NumericStats three = profile(num("x", 1, 2, 10)).column("x").orElseThrow().numeric();
        assertFalse(Double.isNaN(three.skewness()));
        assertTrue(Double.isNaN(three.kurtosis()));
        NumericStats one = profile(num("x", 4)).column("x").orElseThrow().numeric();
        assertTrue(Double.isNaN(one.std()));
    }

    @Test
    void constantColumnHasZeroSkewLikePandasAndNullCorrelation() throws Exception {
        DatasetProfile p = profile(num("c", 5, 5, 5, 5, 5), num("x", 1, 2, 3, 4, 6));
        assertEquals(0.0, p.column("c").orElseThrow().numeric().skewness());
        assertEquals(0.0, p.column("c").orElseThrow().numeric().kurtosis());
        assertTrue(Double.isNaN(p.correlations().pearson().get("c", "x")));
        assertTrue(Double.isNaN(p.correlations().spearman().get("c", "x")));
        assertTrue(alertTypes(p, "c").contains(AlertType.CONSTANT));
        JsonNode json = new ObjectMapper().readTree(ProfileJson.toJson(p, ProfileJson.Options.full()));
        assertTrue(json.get("correlations").get("pearson").get("c").get("x").isNull());
        assertEquals(1.0, json.get("correlations").get("pearson").get("x").get("x").asDouble());
    }

    @Test
    void infinitiesAreCountedAndLeftOutOfMoments() {
        DatasetProfile p = profile(num("x", 1, Double.POSITIVE_INFINITY, 3, Double.NEGATIVE_INFINITY, 5,
                Double.POSITIVE_INFINITY));
        ColumnProfile c = p.column("x").orElseThrow();
        NumericStats s = c.numeric();
        assertEquals(3.0, s.mean());
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        assertEquals(2, s.positiveInfinities());
        assertEquals(1, s.negativeInfinities());
        assertEquals(1, s.negatives());
        assertEquals(5, c.distinct());
        assertEquals(Double.POSITIVE_INFINITY, c.top().get(0).value());
        assertTrue(alertTypes(p, "x").contains(AlertType.INFINITE));
    }

    @Test
    void topValuesBreakTiesByValueInEachType() {
        DatasetProfile p = profile(num("n", 3, -1, 3, 2, -1, 10), cat("s", "b", "a", "b", "é", "a", "z"));
        List<TopValue> n = p.column("n").orElseThrow().top();
        assertEquals(List.of(-1.0, 3.0, 2.0, 10.0), n.stream().map(TopValue::value).toList());
        assertEquals(List.of(2L, 2L, 1L, 1L), n.stream().map(TopValue::count).toList());
        List<TopValue> s = p.column("s").orElseThrow().top();
        assertEquals(List.of("a", "b", "z", "é"), s.stream().map(TopValue::value).toList());
    }

    @Test
    void topKKeepsOnlyTheMostFrequentAndSmallestTies() {
        String[] values = new String[30];
        for (int i = 0; i < values.length; i++) {
            values[i] = "v" + (char) ('A' + (29 - i) % 26) + i;
        }
        values[29] = values[0];
        DatasetProfile p = profile(cat("s", values));
        List<TopValue> top = p.column("s").orElseThrow().top();
        assertEquals(10, top.size());
        assertEquals(values[0], top.get(0).value());
        assertEquals(2L, top.get(0).count());
        List<String> rest = top.subList(1, 10).stream().map(t -> (String) t.value()).toList();
        List<String> expected = java.util.Arrays.stream(values).distinct().filter(v -> !v.equals(values[0])).sorted()
                .limit(9).toList();
        assertEquals(expected, rest);
    }

    @Test
    void codePointOrderPutsSupplementaryCharactersLast() {
        assertTrue(Sorting.compareCodePoints("\uFB01", "\uD83D\uDE00") < 0); // U+FB01 < U+1F600
        assertTrue("\uFB01".compareTo("\uD83D\uDE00") > 0); // while UTF-16 order says the opposite
        assertTrue(Sorting.compareCodePoints("ab", "abc") < 0);
    }

    @Test
    void radixSortOrdersNegativeZeroAndInfinities() {
        double[] v = {3.5, -0.0, Double.NEGATIVE_INFINITY, 0.0, -2, Double.POSITIVE_INFINITY, 1e-300, -1e300};
        long[] keys = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            keys[i] = Sorting.doubleKey(v[i]);
        }
        int[] perm = Sorting.sortUnsigned(keys, v.length, true);
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < v.length; i++) {
            assertEquals(sorted[i] + 0.0, Sorting.keyDouble(keys[i]));
            assertEquals(sorted[i] + 0.0, v[perm[i]] + 0.0);
        }
        assertEquals(keys[3], keys[4]); // -0.0 and 0.0 share a key, so they tie in ranks and distinct counts
    }

    @Test
    void histogramFollowsNumpyEdgesWithClosedLastBin() {
        Histogram h = NumericMath.histogram(new double[] {0, 1, 2, 3, 4}, 0, 5, 4);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0),
                java.util.Arrays.stream(h.edges()).boxed().toList());
        assertEquals(List.of(1L, 1L, 1L, 2L), java.util.Arrays.stream(h.counts()).boxed().toList());
        Histogram single = NumericMath.histogram(new double[] {7, 7}, 0, 2, 2);
        assertEquals(6.5, single.edges()[0]);
        assertEquals(7.5, single.edges()[2]);
        assertEquals(2, single.counts()[1]); // numpy puts 7 (the midpoint edge) in the upper bin
    }

    @Test
    void spearmanRanksWithinPairwiseCompleteRows() {
        // with the missing row removed, x and y are perfectly monotone; over all rows they would not be
        double nan = Double.NaN;
        DatasetProfile p = profile(num("x", 1, 2, 3, 100, 4), num("y", 10, 20, 30, nan, 40),
                num("z", 5, 4, 3, 2, 1));
        assertEquals(1.0, p.correlations().spearman().get("x", "y"), 1e-15);
        assertEquals(-1.0, p.correlations().spearman().get("y", "z"), 1e-15);
        assertEquals(1.0, p.correlations().pearson().get("x", "y"), 1e-12);
        assertEquals(-0.9, p.correlations().spearman().get("x", "z"), 1e-12); // ranks 1,2,3,5,4 vs 5..1
    }

    @Test
    void cramersVIsOneForAFunctionAndZeroForIndependence() {
        DatasetProfile p = profile(cat("a", "p", "q", "p", "q"), cat("b", "r", "s", "r", "s"),
                cat("c", "u", "u", "v", "v"));
        assertEquals(1.0, p.correlations().cramersV().get("a", "b"), 1e-12);
        assertEquals(0.0, p.correlations().cramersV().get("a", "c"), 1e-12);
        assertTrue(p.alerts().stream().anyMatch(x -> x.type() == AlertType.HIGH_CORRELATION
                && x.column().equals("a") && x.otherColumn().equals("b")));
    }

    @Test
    void duplicateRowsTreatMissingAsEqual() {
        double nan = Double.NaN;
        DatasetProfile p = profile(num("x", 1, nan, 1, nan, 2), cat("s", "a", null, "a", null, "a"),
                new BooleanColumn("b", new byte[] {1, -1, 1, -1, 1}));
        assertEquals(2, p.duplicateRows());
        assertTrue(p.alerts().stream().anyMatch(a -> a.type() == AlertType.DUPLICATES && a.value() == 2));
    }

    @Test
    void datesReportRangeGapsAndMissingDays() {
        long d0 = 19_000 * DAY;
        BitSet missing = new BitSet();
        missing.set(2);
        DatasetProfile p = profile(new DateTimeColumn("d", new long[] {d0, d0 + 3 * DAY, 0, d0 + 4 * DAY, d0},
                missing, true, "yyyy-MM-dd"));
        DateStats s = p.column("d").orElseThrow().date();
        assertEquals(d0, s.min().toEpochMilli());
        assertEquals(3 * DAY, s.largestGapMillis());
        assertEquals(2, s.missingDays()); // 5 days in range, 3 distinct present
        assertEquals("2022-01-08", p.column("d").orElseThrow().top().get(0).value());
    }

    @Test
    void textLengthsCountCodePoints() {
        CategoricalColumn t = new CategoricalColumn("t", ColumnType.TEXT, new int[] {0, 1, 1, -1},
                List.of("😀x", "abcd"));
        TextStats s = profile(t).column("t").orElseThrow().text();
        assertEquals(2, s.minLength());
        assertEquals(4, s.maxLength());
        assertEquals(10.0 / 3, s.meanLength(), 1e-15);
    }

    @Test
    void alertsUseTheDocumentedThresholds() {
        int n = 100;
        double[] zeros = new double[n];
        double[] id = new double[n];
        String[] imbalanced = new String[n];
        String[] many = new String[n];
        double[] sparse = new double[n];
        for (int i = 0; i < n; i++) {
            zeros[i] = i < 11 ? 0 : i;
            id[i] = i;
            imbalanced[i] = i < 97 ? "x" : "y";
            many[i] = "k" + (i % 60);
            sparse[i] = i < 21 ? Double.NaN : i;
        }
        DatasetProfile p = profile(num("zeros", zeros), num("id", id), cat("imb", imbalanced), cat("many", many),
                num("sparse", sparse));
        assertTrue(alertTypes(p, "zeros").contains(AlertType.ZEROS)); // 11 % > 10 %
        assertTrue(alertTypes(p, "id").contains(AlertType.UNIQUE));
        assertTrue(alertTypes(p, "imb").contains(AlertType.IMBALANCED));
        assertTrue(alertTypes(p, "many").contains(AlertType.HIGH_CARDINALITY)); // 60 > 50
        assertTrue(alertTypes(p, "sparse").contains(AlertType.HIGH_MISSING)); // 21 % > 20 %
        assertFalse(alertTypes(p, "id").contains(AlertType.ZEROS)); // 1 % is not > 10 %
        AlertThresholds lenient = new AlertThresholds(0.5, 100, 20, 0.99, 1.01, 0.5, 0, 0);
        DatasetProfile q = new Profiler(lenient).profile(new DataTable(n, List.of(num("zeros", zeros),
                cat("many", many), num("sparse", sparse))), ProfileOptions.defaults(), Progress.NONE);
        assertEquals(Set.of(), alertTypes(q, "zeros"));
        assertEquals(Set.of(), alertTypes(q, "many"));
        assertEquals(Set.of(), alertTypes(q, "sparse"));
    }

    @Test
    void skewedAlertFiresAboveTwenty() {
        double[] spike = new double[500];
        spike[7] = 1e6; // one spike among n zeros: G1 = sqrt(n(n-1))/(n-2) * (n-2)/sqrt(n-1) = sqrt(n)
        DatasetProfile p = profile(num("spike", spike));
        assertEquals(Math.sqrt(500), p.column("spike").orElseThrow().numeric().skewness(), 1e-12);
        assertTrue(alertTypes(p, "spike").contains(AlertType.SKEWED));
    }

    @Test
    void targetAssociationsForABinaryCategoricalTarget() {
        DataTable t = new DataTable(6, List.of(num("x", 1, 2, 3, 4, 5, 6), cat("g", "a", "a", "b", "b", "a", "b"),
                cat("y", "no", "no", "no", "yes", "yes", "yes")));
        DatasetProfile p = new Profiler().profile(t, ProfileOptions.defaults().withTarget("y"), Progress.NONE);
        TargetAssociation x = p.target().stream().filter(a -> a.column().equals("x")).findFirst().orElseThrow();
        // Pearson of 1..6 with 0,0,0,1,1,1
        assertEquals(9 / Math.sqrt(17.5 * 6), x.pointBiserial(), 1e-12);
        assertTrue(Double.isNaN(x.cramersV()));
        TargetAssociation g = p.target().stream().filter(a -> a.column().equals("g")).findFirst().orElseThrow();
        assertEquals(1.0 / 3, g.cramersV(), 1e-12);
        assertEquals(2, p.target().size());
    }

    @Test
    void unknownTargetIsAUserError() {
        DataTable t = new DataTable(2, List.of(num("x", 1, 2)));
        UserError e = assertThrows(UserError.class, () -> new Profiler().profile(t,
                ProfileOptions.defaults().withTarget("nope"), Progress.NONE));
        assertTrue(e.whatToDo().contains("x"));
    }

    @Test
    void cancelledProgressStopsTheProfile() {
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
                // nothing
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        DataTable t = new DataTable(3, List.of(num("x", 1, 2, 3)));
        assertThrows(Cancelled.class, () -> new Profiler().profile(t, ProfileOptions.defaults(), cancelled));
    }

    @Test
    void emptyTableAndAllMissingColumnAreProfiled() {
        DatasetProfile empty = profile(num("x"), cat("s"));
        assertEquals(0, empty.rows());
        assertNull(empty.column("x").orElseThrow().histogram());
        assertTrue(Double.isNaN(empty.column("x").orElseThrow().numeric().mean()));
        DatasetProfile allMissing = profile(num("x", Double.NaN, Double.NaN), cat("s", null, null));
        assertEquals(0, allMissing.column("s").orElseThrow().distinct());
        assertNull(allMissing.column("s").orElseThrow().text());
        assertTrue(alertTypes(allMissing, "x").contains(AlertType.HIGH_MISSING));
    }

    @Test
    void jsonIsStrictAndHasTheIssueShape() throws Exception {
        DatasetProfile p = profile(num("x", 1, 2), num("c", 3, 3), new BooleanColumn("b", new byte[] {1, 0}),
                new DateTimeColumn("d", new long[] {0, DAY}, new BitSet(), true, "yyyy-MM-dd"),
                cat("s", "a", "b"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProfileJson.write(p, out, ProfileJson.Options.full());
        String json = out.toString(StandardCharsets.UTF_8);
        ObjectMapper strict = new ObjectMapper();
        strict.configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, false);
        JsonNode root = strict.readTree(json);
        assertFalse(json.contains("NaN") || json.contains("Infinity"));
        assertEquals(2, root.get("rows").asLong());
        JsonNode x = root.get("columns").get(0);
        assertEquals("numeric", x.get("type").asText());
        for (String f : List.of("count", "missing", "distinct", "mean", "std", "min", "max", "p5", "p25", "p50",
                "p75", "p95", "skewness", "kurtosis", "top")) {
            assertTrue(x.has(f), f);
        }
        assertTrue(x.get("skewness").isNull()); // two values: undefined
        JsonNode b = root.get("columns").get(2);
        assertEquals("boolean", b.get("type").asText());
        assertFalse(b.has("mean"));
        assertEquals("datetime", root.get("columns").get(3).get("type").asText());
        assertEquals("1970-01-01", root.get("columns").get(3).get("min").asText());
        assertEquals("categorical", root.get("columns").get(4).get("type").asText());
        assertTrue(root.get("correlations").get("pearson").get("x").get("c").isNull());
        assertEquals(-1.0, root.get("correlations").get("spearman").get("x").get("b").asDouble(), 1e-12);
        assertTrue(root.get("correlations").has("cramersV"));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        DataTable t = ProfileBenchmark.generate(5_000, 7);
        ProfileOptions one = new ProfileOptions(50, 10, Optional.of("n_correlated"), true, 1);
        ProfileOptions four = new ProfileOptions(50, 10, Optional.of("n_correlated"), true, 4);
        String a = ProfileJson.toJson(new Profiler().profile(t, one, Progress.NONE));
        String b = ProfileJson.toJson(new Profiler().profile(t, four, Progress.NONE));
        assertEquals(a, b);
    }
}
