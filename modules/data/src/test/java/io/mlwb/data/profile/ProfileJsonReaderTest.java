package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProfileJsonReader} inverts {@link ProfileJson} on real profiles of small generated files. */
class ProfileJsonReaderTest {
    @TempDir
    Path dir;

    /**
     * Every column type: numbers with missing values and negatives, a 0/1 target, a categorical, a boolean, dates,
     * date-times, free text, a constant column and an entirely missing one.
     */
    private Path mixed(int rows) throws Exception {
        Random rnd = new Random(11);
        String[] cities = {"paris", "lyon", "nantes", "lille", "caen"};
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        StringBuilder b = new StringBuilder(
                "id,amount,score,city,active,day,seen_at,comment,constant,empty,label\n");
        for (int i = 0; i < rows; i++) {
            double amount = Math.exp(rnd.nextGaussian()) * 100 - 20;
            StringBuilder comment = new StringBuilder();
            for (int w = 0; w < 4 + rnd.nextInt(6); w++) {
                comment.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            comment.append(i);
            b.append(i).append(',')
                    .append(i % 7 == 2 ? "" : String.format(Locale.ROOT, "%.3f", amount)).append(',')
                    .append(i % 5 == 0 ? "NA" : String.valueOf(rnd.nextInt(10) - 3)).append(',')
                    .append(i % 11 == 0 ? "" : cities[rnd.nextInt(cities.length)]).append(',')
                    .append(i % 13 == 0 ? "" : String.valueOf(rnd.nextBoolean())).append(',')
                    .append(String.format(Locale.ROOT, "2024-%02d-%02d", 1 + i % 12, 1 + i % 27)).append(',')
                    .append(String.format(Locale.ROOT, "2024-03-%02dT%02d:%02d:%02d.%03dZ", 1 + i % 28, i % 24,
                            rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1000))).append(',')
                    .append(comment).append(',')
                    .append("same,")
                    .append(',')
                    .append(amount > 100 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }

    private static DatasetProfile profile(DataTable table, ProfileOptions options) {
        return new Profiler().profile(table, options, Progress.NONE);
    }

    @Test
    void readInvertsWriteFieldByFieldOnEveryColumnType() throws Exception {
        DataTable table = new TableReader().read(mixed(300), ReadOptions.defaults().withThreads(1), Progress.NONE)
                .table();
        DatasetProfile p = profile(table, ProfileOptions.defaults().withTarget("label"));
        // the fixture covers what it claims to
        for (ColumnType t : ColumnType.values()) {
            assertTrue(p.columns().stream().anyMatch(c -> c.type() == t), () -> "no " + t + " column: "
                    + p.columns().stream().map(c -> c.name() + ":" + c.type()).toList());
        }
        assertTrue(p.columns().stream().anyMatch(c -> c.date() != null && c.date().dateOnly()));
        assertTrue(p.columns().stream().anyMatch(c -> c.date() != null && !c.date().dateOnly()));
        assertTrue(p.alerts().stream().anyMatch(a -> a.type() == AlertType.CONSTANT));
        assertFalse(p.target().isEmpty());
        assertTrue(p.column("amount").orElseThrow().missing() > 0);

        String json = ProfileJson.toJson(p, ProfileJson.Options.full());
        DatasetProfile back = ProfileJsonReader.read(json);

        assertSameValue("profile", p, back);
        assertEquals(json, ProfileJson.toJson(back, ProfileJson.Options.full()));
        // typed top values
        assertInstanceOf(Double.class, back.column("score").orElseThrow().top().get(0).value());
        assertInstanceOf(Boolean.class, back.column("active").orElseThrow().top().get(0).value());
        assertInstanceOf(String.class, back.column("day").orElseThrow().top().get(0).value());
        assertInstanceOf(String.class, back.column("city").orElseThrow().top().get(0).value());
    }

    @Test
    void anEmptyTableAndOneWithoutCorrelationsRoundTrip() throws Exception {
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "a,b\n1,x\n", StandardCharsets.UTF_8);
        DataTable one = new TableReader().read(header, ReadOptions.defaults(), Progress.NONE).table();
        DatasetProfile p = profile(one, new ProfileOptions(7, 3, java.util.Optional.empty(), false, 1));
        DatasetProfile back = ProfileJsonReader.read(ProfileJson.toJson(p));
        assertSameValue("profile", p, back);
        assertEquals(ProfileJson.toJson(p), ProfileJson.toJson(back));
    }

    @Test
    void whatAStreamingProfileSaysIsApproximateComesBack() throws Exception {
        DataTable table = new TableReader().read(mixed(50), ReadOptions.defaults(), Progress.NONE).table();
        DatasetProfile exact = profile(table, ProfileOptions.defaults());
        java.util.Map<String, String> approximate = new java.util.LinkedHashMap<>();
        approximate.put("quantiles", "KLL sketch, rank error 1.3%");
        approximate.put("distinct", "HyperLogLog, 2% relative error");
        DatasetProfile p = new DatasetProfile(exact.rows(), exact.columnsCount(), exact.missingCells(), -1,
                exact.memoryBytes(), exact.columns(), exact.correlations(), exact.target(), exact.alerts(),
                approximate);
        DatasetProfile back = ProfileJsonReader.read(ProfileJson.toJson(p, ProfileJson.Options.full()));
        assertSameValue("profile", p, back);
        assertEquals(List.copyOf(approximate.keySet()), List.copyOf(back.approximate().keySet()));
        assertTrue(back.isApproximate());
        assertEquals(ProfileJson.toJson(p), ProfileJson.toJson(back));
    }

    @Test
    void nonFiniteValuesComeBackAsNaNAndTheRoundTripIsStable() {
        double inf = Double.POSITIVE_INFINITY;
        double[] values = {inf, inf, inf, -inf, 1, 2, -0.0, 0.0, 1e-300, 4.9e-324, 1.7976931348623157e308, 0.1};
        DataTable table = new DataTable(values.length, List.of(
                new NumericColumn("x", values, new BitSet(), false),
                new NumericColumn("c", new double[values.length], new BitSet(), false)));
        DatasetProfile p = profile(table, ProfileOptions.defaults());
        assertEquals(inf, p.column("x").orElseThrow().top().get(0).value());
        assertTrue(Double.isNaN(p.correlations().pearson().get("x", "c")));

        String json = ProfileJson.toJson(p);
        DatasetProfile back = ProfileJsonReader.read(json);

        assertEquals(Double.NaN, back.column("x").orElseThrow().top().get(0).value()); // +inf came back as NaN
        assertTrue(Double.isNaN(back.correlations().pearson().get("x", "c")));
        NumericStats s = back.column("x").orElseThrow().numeric();
        assertEquals(3, s.positiveInfinities());
        assertEquals(1, s.negativeInfinities());
        assertEquals(Double.doubleToRawLongBits(p.column("x").orElseThrow().numeric().mean()),
                Double.doubleToRawLongBits(s.mean()));
        assertEquals(json, ProfileJson.toJson(back));
        assertEquals(json, ProfileJson.toJson(ProfileJsonReader.read(ProfileJson.toJson(back))));
    }

    @Test
    void theDefaultShapeListsPairsAboveTheThresholdAndTheStrongestAndReadsBackAsThoseOnly() {
        int rows = 200;
        Random rnd = new Random(5);
        List<io.mlwb.data.table.Column> cols = new java.util.ArrayList<>();
        double[] base = new double[rows];
        for (int i = 0; i < rows; i++) {
            base[i] = rnd.nextGaussian();
        }
        cols.add(new NumericColumn("base", base, new BitSet(), false));
        for (int c = 0; c < 12; c++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                // c0 and c1 follow base closely (|r| > 0.9), the rest are noise
                v[i] = c < 2 ? (c == 0 ? 1 : -1) * base[i] + 0.1 * rnd.nextGaussian() : rnd.nextGaussian();
            }
            cols.add(new NumericColumn("c" + c, v, new BitSet(), false));
        }
        DatasetProfile p = profile(new DataTable(rows, cols), ProfileOptions.defaults());
        CorrelationMatrix full = p.correlations().pearson();

        DatasetProfile back = ProfileJsonReader.read(ProfileJson.toJson(p, ProfileJson.Options.pairs(3)));
        CorrelationMatrix m = back.correlations().pearson();
        assertEquals(full.columns(), m.columns());
        List<CorrelationMatrix.Pair> listed = full.strongestPairs(3, 0.9);
        // base-c0, base-c1 and c0-c1 are above 0.9; three strongest asked: exactly those
        assertEquals(3, listed.size());
        for (CorrelationMatrix.Pair pair : listed) {
            assertTrue(Math.abs(pair.value()) >= 0.9, pair.toString());
            assertEquals(pair.value(), m.get(pair.a(), pair.b()), 0.0);
            assertEquals(pair.value(), m.get(pair.b(), pair.a()), 0.0);
        }
        assertTrue(Double.isNaN(m.get("c5", "c6")), "a pair not listed reads as NaN");
        assertTrue(Double.isNaN(m.get("c5", "c5")), "the diagonal is not written");

        // more pairs than are above the threshold: the strongest of the rest fill up, strongest first
        List<CorrelationMatrix.Pair> ten = full.strongestPairs(10, 0.9);
        assertEquals(10, ten.size());
        for (int i = 1; i < ten.size(); i++) {
            assertTrue(Math.abs(ten.get(i - 1).value()) >= Math.abs(ten.get(i).value()), ten.toString());
        }
        double weakestListed = Math.abs(ten.get(9).value());
        long stronger = 0;
        for (int i = 0; i < full.columns().size(); i++) {
            for (int j = i + 1; j < full.columns().size(); j++) {
                stronger += Math.abs(full.values()[i][j]) > weakestListed ? 1 : 0;
            }
        }
        assertEquals(9, stronger, "no pair left out is stronger than one listed");
        // zero strongest: only those at the threshold or above
        assertEquals(3, full.strongestPairs(0, 0.9).size());

        String json = ProfileJson.toJson(p, ProfileJson.Options.pairs(10));
        assertEquals(json, ProfileJson.toJson(ProfileJsonReader.read(json), ProfileJson.Options.pairs(10)),
                "the pairs shape round-trips");
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        com.fasterxml.jackson.databind.JsonNode corr = doc.path("correlations");
        assertEquals(0.9, corr.path("threshold").asDouble(), 0.0);
        assertEquals(10, corr.path("topPairs").asInt());
        assertEquals(13, corr.path("pearson").path("columns").size());
        assertEquals(10, corr.path("pearson").path("pairs").size());
        com.fasterxml.jackson.databind.JsonNode first = corr.path("pearson").path("pairs").get(0);
        assertEquals(ten.get(0).a(), first.path("a").asText());
        assertEquals(ten.get(0).b(), first.path("b").asText());
        assertEquals(ten.get(0).value(), first.path("value").asDouble(), 0.0);
    }

    @Test
    void theFullShapeOfOlderProfilesIsStillRead() {
        String old = "{\"rows\": 3, \"columnsCount\": 2, \"missingCells\": 0, \"duplicateRows\": 0, "
                + "\"memoryBytes\": 48, \"columns\": [], \"correlations\": {"
                + "\"pearson\": {\"x\": {\"x\": 1.0, \"y\": 0.5}, \"y\": {\"x\": 0.5, \"y\": null}}, "
                + "\"spearman\": {}, \"cramersV\": {}}, \"target\": [], \"alerts\": []}";
        DatasetProfile p = ProfileJsonReader.read(old);
        assertEquals(List.of("x", "y"), p.correlations().pearson().columns());
        assertEquals(0.5, p.correlations().pearson().get("y", "x"), 0.0);
        assertEquals(1.0, p.correlations().pearson().get("x", "x"), 0.0);
        assertTrue(Double.isNaN(p.correlations().pearson().get("y", "y")));
        assertTrue(p.correlations().spearman().columns().isEmpty());
        assertTrue(ProfileJson.toJson(p, ProfileJson.Options.full()).contains("\"y\":{"),
                "written back in the full shape on request");
    }

    @Test
    void malformedJsonIsRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> ProfileJsonReader.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> ProfileJsonReader.read("[1, 2]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProfileJsonReader.read("{\"rows\": 1}"));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
    }

    /** Compares records, lists and arrays component by component; doubles bit for bit (NaN equals NaN). */
    private static void assertSameValue(String path, Object expected, Object actual) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), path + ": class");
        if (expected instanceof Double x) {
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits((Double) actual),
                    () -> path + ": " + x + " != " + actual);
        } else if (expected.getClass().isRecord()) {
            for (RecordComponent rc : expected.getClass().getRecordComponents()) {
                try {
                    assertSameValue(path + "." + rc.getName(), rc.getAccessor().invoke(expected),
                            rc.getAccessor().invoke(actual));
                } catch (ReflectiveOperationException e) {
                    fail(e);
                }
            }
        } else if (expected instanceof List<?> a) {
            List<?> b = (List<?>) actual;
            assertEquals(a.size(), b.size(), path + ": size");
            for (int i = 0; i < a.size(); i++) {
                assertSameValue(path + "[" + i + "]", a.get(i), b.get(i));
            }
        } else if (expected.getClass().isArray()) {
            assertEquals(Array.getLength(expected), Array.getLength(actual), path + ": length");
            for (int i = 0; i < Array.getLength(expected); i++) {
                assertSameValue(path + "[" + i + "]", Array.get(expected, i), Array.get(actual, i));
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    @org.junit.jupiter.api.Test
    void evenlySpacedEdgesAreWrittenAsMinMaxBinsAndReadBackBitForBit() throws Exception {
        double[] edges = NumericMath.linspace(-2.700103, 2.173934, 51);
        long[] counts = new long[50];
        counts[3] = 7;
        assertTrue(ProfileJson.evenlySpaced(edges));
        assertFalse(ProfileJson.evenlySpaced(new double[] {0, 1, 3}), "uneven edges are listed");
        DatasetProfile p = new Profiler().profile(new io.mlwb.data.table.DataTable(3, java.util.List.of(
                new io.mlwb.data.table.NumericColumn("x", new double[] {-2.700103, 0.1, 2.173934},
                        new java.util.BitSet(), false))), ProfileOptions.defaults(), io.mlwb.core.job.Progress.NONE);
        String json = ProfileJson.toJson(p);
        assertFalse(json.contains("\"edges\""), json);
        assertTrue(json.contains("\"bins\""), json);
        DatasetProfile back = ProfileJsonReader.read(json);
        assertArrayEquals(p.columns().get(0).histogram().edges(), back.columns().get(0).histogram().edges());
        assertArrayEquals(p.columns().get(0).histogram().counts(), back.columns().get(0).histogram().counts());
    }
}
