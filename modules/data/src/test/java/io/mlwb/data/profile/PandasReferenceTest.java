package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.job.Progress;
import io.mlwb.data.table.DataTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the profile of generated datasets with what pandas 1.5.3 / numpy 1.24.2 / scipy 1.10.1 computed
 * (resources/profile/make_reference.py), to a relative 1e-9.
 */
class PandasReferenceTest {
    private static final double REL = 1e-9;
    private static final double ABS = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"mixed", "dups"})
    void profileMatchesPandas(String dataset) throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/profile/" + dataset + ".expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Map<String, String> types = new LinkedHashMap<>();
        expected.get("types").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
        DataTable table = CsvFixture.read("/profile/" + dataset + ".csv", types);
        String target = expected.get("target").asText();
        DatasetProfile profile = new Profiler().profile(table,
                new ProfileOptions(50, 10, Optional.of(target), true, 2), Progress.NONE);

        List<String> errors = new ArrayList<>();
        check(errors, "rows", expected.get("rows").asLong(), profile.rows());
        check(errors, "duplicateRows", expected.get("duplicateRows").asLong(), profile.duplicateRows());
        check(errors, "missingCells", expected.get("missingCells").asLong(), profile.missingCells());
        for (JsonNode e : expected.get("columns")) {
            ColumnProfile c = profile.column(e.get("name").asText()).orElseThrow();
            checkColumn(errors, e, c);
        }
        JsonNode corr = expected.get("correlations");
        checkMatrix(errors, "pearson", corr.get("pearson"), profile.correlations().pearson());
        checkMatrix(errors, "spearman", corr.get("spearman"), profile.correlations().spearman());
        checkMatrix(errors, "cramersV", corr.get("cramersV"), profile.correlations().cramersV());
        for (JsonNode e : expected.get("targetAssociations")) {
            String col = e.get("column").asText();
            TargetAssociation a = profile.target().stream().filter(t -> t.column().equals(col)).findFirst()
                    .orElseThrow();
            check(errors, col + ".target.pearson", e.get("pearson"), a.pearson());
            check(errors, col + ".target.spearman", e.get("spearman"), a.spearman());
            check(errors, col + ".target.pointBiserial", e.get("pointBiserial"), a.pointBiserial());
            check(errors, col + ".target.cramersV", e.get("cramersV"), a.cramersV());
        }
        if (!errors.isEmpty()) {
            fail(errors.size() + " differences from pandas:\n" + String.join("\n", errors));
        }
    }

    private static void checkColumn(List<String> errors, JsonNode e, ColumnProfile c) {
        String n = c.name();
        check(errors, n + ".count", e.get("count").asLong(), c.count());
        check(errors, n + ".missing", e.get("missing").asLong(), c.missing());
        check(errors, n + ".distinct", e.get("distinct").asLong(), c.distinct());
        checkTop(errors, n, e.get("top"), c);
        NumericStats s = c.numeric();
        if (e.get("type").asText().equals("numeric")) {
            check(errors, n + ".mean", e.get("mean"), s.mean());
            check(errors, n + ".std", e.get("std"), s.std());
            check(errors, n + ".min", e.get("min"), s.min());
            check(errors, n + ".max", e.get("max"), s.max());
            check(errors, n + ".p5", e.get("p5"), s.p5());
            check(errors, n + ".p25", e.get("p25"), s.p25());
            check(errors, n + ".p50", e.get("p50"), s.p50());
            check(errors, n + ".p75", e.get("p75"), s.p75());
            check(errors, n + ".p95", e.get("p95"), s.p95());
            check(errors, n + ".skewness", e.get("skewness"), s.skewness());
            check(errors, n + ".kurtosis", e.get("kurtosis"), s.kurtosis());
            check(errors, n + ".sum", e.get("sum"), s.sum());
            check(errors, n + ".zeros", e.get("zeros").asLong(), s.zeros());
            check(errors, n + ".negatives", e.get("negatives").asLong(), s.negatives());
            check(errors, n + ".+inf", e.get("positiveInfinities").asLong(), s.positiveInfinities());
            check(errors, n + ".-inf", e.get("negativeInfinities").asLong(), s.negativeInfinities());
            Histogram h = c.histogram();
            JsonNode counts = e.get("histogramCounts");
            JsonNode edges = e.get("histogramEdges");
            check(errors, n + ".bins", counts.size(), h.counts().length);
            for (int i = 0; i < counts.size() && i < h.counts().length; i++) {
                check(errors, n + ".hist[" + i + "]", counts.get(i).asLong(), h.counts()[i]);
            }
            for (int i = 0; i < edges.size() && i < h.edges().length; i++) {
                check(errors, n + ".edge[" + i + "]", edges.get(i), h.edges()[i]);
            }
        }
        if (e.has("minLength")) {
            check(errors, n + ".minLength", e.get("minLength").asLong(), (long) c.text().minLength());
            check(errors, n + ".meanLength", e.get("meanLength"), c.text().meanLength());
            check(errors, n + ".maxLength", e.get("maxLength").asLong(), (long) c.text().maxLength());
        }
        if (e.has("imbalance")) {
            check(errors, n + ".imbalance", e.get("imbalance"), c.imbalance());
        }
        if (e.has("minDate")) {
            DateStats d = c.date();
            // as the file wrote them: a naive timestamp gets no zone, a date stays a date
            check(errors, n + ".minDate", e.get("minDate").asText(), d.minText());
            check(errors, n + ".maxDate", e.get("maxDate").asText(), d.maxText());
            check(errors, n + ".gap", e.get("largestGapMillis").asLong(), d.largestGapMillis());
            if (e.has("missingDays")) {
                check(errors, n + ".missingDays", e.get("missingDays").asLong(), d.missingDays());
            }
        }
    }

    private static void checkTop(List<String> errors, String n, JsonNode top, ColumnProfile c) {
        check(errors, n + ".top.size", top.size(), c.top().size());
        for (int i = 0; i < top.size() && i < c.top().size(); i++) {
            JsonNode e = top.get(i);
            TopValue t = c.top().get(i);
            check(errors, n + ".top[" + i + "].count", e.get(1).asLong(), t.count());
            JsonNode v = e.get(0);
            Object actual = t.value();
            if (v.isNumber()) {
                check(errors, n + ".top[" + i + "].value", v, ((Double) actual).doubleValue());
            } else if (v.isBoolean()) {
                check(errors, n + ".top[" + i + "].value", v.asBoolean(), actual);
            } else if (v.asText().equals("inf") || v.asText().equals("-inf")) {
                check(errors, n + ".top[" + i + "].value",
                        v.asText().equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, actual);
            } else {
                check(errors, n + ".top[" + i + "].value", v.asText(), String.valueOf(actual));
            }
        }
    }

    private static void checkMatrix(List<String> errors, String what, JsonNode e, CorrelationMatrix m) {
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        check(errors, what + ".columns", names, m.columns());
        for (Iterator<String> a = e.fieldNames(); a.hasNext();) {
            String x = a.next();
            for (String y : names) {
                check(errors, what + "[" + x + "," + y + "]", e.get(x).get(y), m.get(x, y));
            }
        }
    }

    private static void check(List<String> errors, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            errors.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static void check(List<String> errors, String what, JsonNode expected, double actual) {
        if (expected == null || expected.isNull()) {
            if (!Double.isNaN(actual)) {
                errors.add(what + ": expected null (NaN) but was " + actual);
            }
            return;
        }
        double x = expected.asDouble();
        if (!close(x, actual)) {
            errors.add(what + ": expected " + x + " but was " + actual + " (rel " + Math.abs(x - actual)
                    / Math.max(Math.abs(x), Math.abs(actual)) + ")");
        }
    }

    static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        return Math.abs(expected - actual) <= REL * Math.max(Math.abs(expected), Math.abs(actual)) + ABS;
    }

    @org.junit.jupiter.api.Test
    void closeRejectsDifferences() {
        assertTrue(close(1.0, 1.0 + 1e-12));
        assertEquals(false, close(1.0, 1.0 + 1e-6));
        assertEquals(false, close(Double.NaN, 0.0));
    }
}
