package io.mlwb.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.AlertThresholds;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.Histogram;
import io.mlwb.data.profile.NumericStats;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileJsonReader;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.profile.TopValue;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming profile against the exact one on the same generated files. */
class StreamingProfilerTest {
    private static final int ROWS = 200_000;
    private static final int ZIPF_VALUES = 20_000;
    /** Small blocks (≈ 100 of them) and a low exact limit, so merging and every sketch path are exercised. */
    private static final StreamingOptions SMALL = StreamingOptions.defaults().withBlockBytes(256 * 1024)
            .withExactDistinctLimit(1000);

    @TempDir
    static Path dir;
    static Path file;
    static DataTable table;
    static DatasetProfile exact;
    static DatasetProfile streamed;

    @BeforeAll
    static void profileBoth() throws IOException {
        file = dir.resolve("data.csv");
        generate(file, ROWS, 42);
        table = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE).table();
        exact = new Profiler().profile(table, ProfileOptions.defaults(), Progress.NONE);
        streamed = new StreamingProfiler(AlertThresholds.DEFAULTS, SMALL)
                .profile(file, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
    }

    /** Columns: normal, lognormal, counts (zeros), signed with 5% missing and a few infinities, correlated, Zipf, small category, boolean, date, text. */
    static void generate(Path f, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cdf = new double[ZIPF_VALUES];
        double total = 0;
        for (int i = 0; i < ZIPF_VALUES; i++) {
            total += 1 / Math.pow(i + 1, 1.5);
            cdf[i] = total;
        }
        LocalDate day0 = LocalDate.of(2020, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("normal,lognormal,counts,signed,correlated,zipf,small,flag,day,note\n");
            for (int i = 0; i < rows; i++) {
                double g = gaussian(r);
                double normal = 50 + 10 * g;
                String signed;
                int u = r.nextInt(1000);
                if (u < 50) {
                    signed = "";
                } else if (u == 50) {
                    signed = "inf";
                } else if (u == 51) {
                    signed = "-inf";
                } else {
                    signed = fmt(r.nextDouble(-100, 100));
                }
                int z = Arrays.binarySearch(cdf, r.nextDouble() * total);
                z = z < 0 ? -z - 1 : z;
                w.write(fmt(normal) + ',' + fmt(Math.exp(gaussian(r))) + ',' + (int) (-Math.log(r.nextDouble()) * 2)
                        + ',' + signed + ',' + fmt(2 * normal + 5 * gaussian(r)) + ",v" + (z + 1) + ",c"
                        + r.nextInt(7) + ',' + (r.nextInt(3) == 0) + ',' + day0.plusDays(r.nextInt(1500)) + ",note "
                        + r.nextInt(100_000) + '\n');
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Test
    void exactFiguresEqualTheInMemoryProfile() {
        assertEquals(exact.rows(), streamed.rows());
        assertEquals(exact.missingCells(), streamed.missingCells());
        assertEquals(exact.columns().size(), streamed.columns().size());
        for (ColumnProfile e : exact.columns()) {
            ColumnProfile s = streamed.column(e.name()).orElseThrow();
            assertEquals(e.type(), s.type(), e.name());
            assertEquals(e.count(), s.count(), e.name());
            assertEquals(e.missing(), s.missing(), e.name());
            assertEquals(e.text(), s.text(), e.name());
            assertEquals(e.bool(), s.bool(), e.name());
            if (e.date() != null) {
                assertEquals(e.date().min(), s.date().min());
                assertEquals(e.date().max(), s.date().max());
            }
            NumericStats en = e.numeric();
            if (en == null) {
                continue;
            }
            NumericStats sn = s.numeric();
            assertEquals(en.finiteCount(), sn.finiteCount(), e.name());
            assertEquals(en.zeros(), sn.zeros(), e.name());
            assertEquals(en.negatives(), sn.negatives(), e.name());
            assertEquals(en.positiveInfinities(), sn.positiveInfinities(), e.name());
            assertEquals(en.negativeInfinities(), sn.negativeInfinities(), e.name());
            assertEquals(en.min(), sn.min(), 0.0, e.name());
            assertEquals(en.max(), sn.max(), 0.0, e.name());
            close(en.sum(), sn.sum(), e.name() + " sum");
            close(en.mean(), sn.mean(), e.name() + " mean");
            close(en.std(), sn.std(), e.name() + " std");
            close(en.skewness(), sn.skewness(), e.name() + " skewness");
            close(en.kurtosis(), sn.kurtosis(), e.name() + " kurtosis");
        }
        assertTrue(exact.column("signed").orElseThrow().numeric().infinities() > 0, "the file has infinities");
    }

    private static void close(double expected, double actual, String what) {
        double tol = 1e-9 * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tol, what + ": " + expected + " vs " + actual);
    }

    @Test
    void pearsonIsExactAndSpearmanIsLeftOut() {
        List<String> cols = streamed.correlations().pearson().columns();
        assertEquals(exact.correlations().pearson().columns(), cols);
        for (String a : cols) {
            for (String b : cols) {
                double e = exact.correlations().pearson().get(a, b);
                double s = streamed.correlations().pearson().get(a, b);
                assertTrue(Math.abs(e - s) <= 1e-9, a + "/" + b + ": " + e + " vs " + s);
            }
        }
        assertTrue(streamed.correlations().pearson().get("normal", "correlated") > 0.9);
        assertTrue(streamed.correlations().spearman().columns().isEmpty());
        assertTrue(streamed.correlations().cramersV().columns().isEmpty());
    }

    @Test
    void quantilesAreWithinTheStatedRankError() {
        double eps = SMALL.quantileRankError();
        double[] qs = {0.05, 0.25, 0.5, 0.75, 0.95};
        for (String name : List.of("normal", "lognormal", "counts", "signed", "correlated")) {
            NumericColumn col = (NumericColumn) table.column(name).orElseThrow();
            double[] sorted = finiteValues(col);
            NumericStats s = streamed.column(name).orElseThrow().numeric();
            double[] got = {s.p5(), s.p25(), s.p50(), s.p75(), s.p95()};
            for (int i = 0; i < qs.length; i++) {
                int below = lowerBound(sorted, got[i]);
                int upTo = upperBound(sorted, got[i]);
                double lo = (double) below / sorted.length;
                double hi = (double) upTo / sorted.length;
                assertTrue(qs[i] >= lo - eps && qs[i] <= hi + eps,
                        name + " q" + qs[i] + " = " + got[i] + " has rank [" + lo + ", " + hi + "]");
            }
            assertTrue(sorted.length > ROWS / 2, name);
        }
    }

    @Test
    void histogramsHaveExactEdgesAndCountsWithinTheRankError() {
        for (String name : List.of("normal", "lognormal", "counts", "day")) {
            Histogram e = exact.column(name).orElseThrow().histogram();
            Histogram s = streamed.column(name).orElseThrow().histogram();
            assertTrue(Arrays.equals(e.edges(), s.edges()), name);
            long n = Arrays.stream(e.counts()).sum();
            assertEquals(n, Arrays.stream(s.counts()).sum(), name);
            double tol = SMALL.histogramRankError() * n + 1;
            for (int i = 0; i < e.counts().length; i++) {
                assertTrue(Math.abs(e.counts()[i] - s.counts()[i]) <= tol,
                        name + " bin " + i + ": " + e.counts()[i] + " vs " + s.counts()[i]);
            }
        }
    }

    @Test
    void distinctCountsAreExactBelowTheLimitAndWithinTheHllErrorAbove() {
        for (ColumnProfile e : exact.columns()) {
            ColumnProfile s = streamed.column(e.name()).orElseThrow();
            if (e.distinct() <= SMALL.exactDistinctLimit()) {
                assertEquals(e.distinct(), s.distinct(), e.name());
            } else {
                double tol = 3 * SMALL.distinctRelativeError() * e.distinct();
                assertTrue(Math.abs(e.distinct() - s.distinct()) <= tol,
                        e.name() + ": " + e.distinct() + " vs " + s.distinct());
            }
        }
        assertTrue(exact.column("zipf").orElseThrow().distinct() > SMALL.exactDistinctLimit(), "sketch path used");
    }

    @Test
    void topValuesOfAClearZipfTopAreTheSameWithCountsWithinTheError() {
        List<TopValue> e = exact.column("zipf").orElseThrow().top();
        List<TopValue> s = streamed.column("zipf").orElseThrow().top();
        assertEquals(e.stream().map(TopValue::value).toList(), s.stream().map(TopValue::value).toList());
        long bound = (long) Math.ceil(SMALL.topCountErrorFraction() * ROWS);
        for (int i = 0; i < e.size(); i++) {
            assertTrue(Math.abs(e.get(i).count() - s.get(i).count()) <= bound, e.get(i) + " vs " + s.get(i));
        }
        // below the exact limit the top values are exact, ties included
        assertEquals(exact.column("small").orElseThrow().top(), streamed.column("small").orElseThrow().top());
        assertEquals(exact.column("flag").orElseThrow().top(), streamed.column("flag").orElseThrow().top());
    }

    @Test
    void jsonSaysWhichFiguresAreApproximate() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ProfileJson.toJson(streamed));
        JsonNode approx = json.get("approximate");
        assertNotNull(approx);
        assertTrue(approx.get("quantiles").asText().contains("KLL k=" + SMALL.kllK()), approx.toString());
        assertTrue(approx.get("distinct").asText().contains("HLL lgK=" + SMALL.hllLgK()), approx.toString());
        assertTrue(approx.get("distinct").asText().contains("zipf"), approx.toString());
        assertTrue(approx.get("top").asText().contains("frequent items"), approx.toString());
        assertTrue(approx.has("spearman"));
        assertEquals(-1, json.get("duplicateRows").asLong());
        assertFalse(new ObjectMapper().readTree(ProfileJson.toJson(exact)).has("approximate"));
        assertEquals(streamed.approximate(), ProfileJsonReader.read(ProfileJson.toJson(streamed)).approximate());
    }

    @Test
    void quotedLineBreaksAcrossBlockBoundaries() throws IOException {
        Path f = dir.resolve("quoted.csv");
        StringBuilder b = new StringBuilder("id,note,x\n");
        for (int i = 0; i < 3000; i++) {
            String note = i % 3 == 0 ? "\"line one\nline two, with a comma\r\nand \"\"quotes\"\" " + (i % 5) + "\""
                    : "plain " + (i % 7);
            b.append(i).append(',').append(note).append(',').append(i * 0.5).append('\n');
        }
        Files.writeString(f, b.toString());
        DataTable t = new TableReader().read(f, ReadOptions.defaults(), Progress.NONE).table();
        DatasetProfile e = new Profiler().profile(t, ProfileOptions.defaults(), Progress.NONE);
        DatasetProfile s = new StreamingProfiler(AlertThresholds.DEFAULTS,
                StreamingOptions.defaults().withBlockBytes(1024))
                .profile(f, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
        assertEquals(3000, s.rows());
        assertEquals(0, s.missingCells());
        ColumnProfile en = e.column("note").orElseThrow();
        ColumnProfile sn = s.column("note").orElseThrow();
        assertEquals(en.top(), sn.top());
        assertEquals(en.distinct(), sn.distinct());
        assertEquals(en.text(), sn.text());
        close(e.column("x").orElseThrow().numeric().mean(), s.column("x").orElseThrow().numeric().mean(), "x mean");
    }

    @Test
    void gzipGivesTheSameProfile() throws IOException {
        Path plain = dir.resolve("small.csv");
        generate(plain, 5000, 7);
        Path gz = dir.resolve("small.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        StreamingProfiler p = new StreamingProfiler(AlertThresholds.DEFAULTS, SMALL.withBlockBytes(16 * 1024));
        DatasetProfile a = p.profile(plain, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
        DatasetProfile b = p.profile(gz, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
        assertEquals(withoutKll(a), withoutKll(b));
        assertEquals(5000, b.rows());
    }

    /** The profile's JSON without the KLL figures, which are randomized (the sketch's compaction flips coins). */
    private static JsonNode withoutKll(DatasetProfile p) throws IOException {
        JsonNode json = new ObjectMapper().readTree(ProfileJson.toJson(p));
        for (JsonNode c : json.get("columns")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove(List.of("p5", "p25", "p50", "p75", "p95",
                    "histogram"));
        }
        return json;
    }

    @Test
    void cancelStopsBetweenBlocks() {
        int[] reports = {0};
        Progress cancelAfterTwo = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports[0]++;
            }

            @Override
            public boolean cancelled() {
                return reports[0] >= 2;
            }
        };
        assertThrows(Cancelled.class, () -> new StreamingProfiler(AlertThresholds.DEFAULTS, SMALL)
                .profile(file, ReadOptions.defaults(), ProfileOptions.defaults(), cancelAfterTwo));
        assertTrue(reports[0] < 10, "stopped early, after " + reports[0] + " blocks");
    }

    @Test
    void utf16AndMissingFilesAreUserErrors() throws IOException {
        Path f = dir.resolve("utf16.csv");
        Files.write(f, "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        StreamingProfiler p = new StreamingProfiler();
        UserError e = assertThrows(UserError.class,
                () -> p.profile(f, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
        assertThrows(UserError.class, () -> p.profile(dir.resolve("nope.csv"), ReadOptions.defaults(),
                ProfileOptions.defaults(), Progress.NONE));
    }

    private static double[] finiteValues(NumericColumn col) {
        double[] v = col.values();
        double[] out = new double[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!col.missing().get(i) && Double.isFinite(v[i])) {
                out[n++] = v[i];
            }
        }
        double[] s = Arrays.copyOf(out, n);
        Arrays.sort(s);
        return s;
    }

    private static int lowerBound(double[] s, double x) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] s, double x) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
