package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet files written by pyarrow ({@code src/test/resources/parquet/make_parquet.py}): every codec and encoding reads
 * to the same table, and the same profile, as the same rows written as CSV.
 */
class ParquetTableReaderTest {
    private static final String[] FIXTURES = {"flat_snappy", "flat_zstd", "flat_gzip", "flat_none"};

    @TempDir
    Path dir;

    private final TableReader reader = new TableReader();

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/parquet/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private ReadResult read(Path p) {
        return reader.read(p, ReadOptions.defaults().withThreads(2), Progress.NONE);
    }

    private static <T extends Column> T col(ReadResult r, String name, Class<T> type) {
        return type.cast(r.table().column(name).orElseThrow(() -> new AssertionError("no column " + name)));
    }

    private static UserError userError(org.junit.jupiter.api.function.Executable r) {
        UserError e = assertThrows(UserError.class, r);
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat_snappy", "flat_zstd", "flat_gzip", "flat_none"})
    void everyCodecAndEncodingReadsTheValuesPyarrowWrote(String fixture) throws IOException {
        ReadResult r = read(fixture(fixture + ".parquet"));
        assertEquals(DataFormat.PARQUET, r.detected().format());
        assertEquals(60, r.table().rowCount());
        assertEquals(List.of("id", "small", "ratio", "amount", "flag", "city", "day", "ts_utc", "ts_naive", "price"),
                r.table().names());
        assertEquals(List.of(), r.warnings());

        NumericColumn id = col(r, "id", NumericColumn.class);
        assertTrue(id.integral());
        assertEquals(59.0, id.values()[59]);
        NumericColumn small = col(r, "small", NumericColumn.class);
        assertEquals(-6.0, small.values()[0]);
        assertEquals(1.0, small.values()[1]);
        assertEquals(0.25, col(r, "ratio", NumericColumn.class).values()[1]);
        NumericColumn amount = col(r, "amount", NumericColumn.class);
        assertFalse(amount.integral());
        assertTrue(amount.isMissing(3));
        assertEquals(6, amount.missingCount());
        assertEquals(-87.625, amount.values()[1]);

        BooleanColumn flag = col(r, "flag", BooleanColumn.class);
        assertArrayEquals(new byte[] {1, 0, 0, 1, 0, -1}, Arrays.copyOf(flag.values(), 6));

        CategoricalColumn city = col(r, "city", CategoricalColumn.class);
        assertEquals(ColumnType.CATEGORICAL, city.type());
        assertEquals("Zürich", city.value(2));
        assertNull(city.value(4));
        assertEquals(List.of("Lyon", "Paris", "Zürich", "Oslo"), city.dictionary());

        DateTimeColumn day = col(r, "day", DateTimeColumn.class);
        assertTrue(day.dateOnly());
        assertEquals(Instant.parse("2023-01-04T00:00:00Z").toEpochMilli(), day.millis()[1]);
        assertTrue(day.isMissing(4));

        DateTimeColumn utc = col(r, "ts_utc", DateTimeColumn.class);
        assertFalse(utc.dateOnly());
        assertEquals(Instant.parse("2023-01-21T13:58:37.250Z").toEpochMilli(), utc.millis()[1]);
        assertEquals(ParquetColumnDecoder.Times.ZONED, utc.format());
        assertEquals(io.mlwb.data.table.DateKind.OFFSET, utc.style().kind());
        assertEquals("2023-01-21T13:58:37.250Z", utc.text(1), "the zone the file states");
        DateTimeColumn naive = col(r, "ts_naive", DateTimeColumn.class);
        assertEquals(Instant.parse("2023-01-21T13:58:37.250Z").toEpochMilli(), naive.millis()[1]);
        assertTrue(naive.isMissing(2));
        assertEquals(ParquetColumnDecoder.Times.NAIVE, naive.format());
        assertEquals(io.mlwb.data.table.DateKind.LOCAL, naive.style().kind());
        assertEquals("2023-01-21T13:58:37.250", naive.text(1), "no zone made up");
        assertEquals("2023-01-04", day.text(1));

        NumericColumn price = col(r, "price", NumericColumn.class);
        assertEquals(3.17, price.values()[1]);
        assertEquals(317 * 59 % 10000 / 100.0, price.values()[59], 0.0);
    }

    @Test
    void eachFixtureProfilesAsTheSameRowsReadAsCsv() throws IOException {
        ReadResult csv = read(fixture("flat.csv"));
        Profiler profiler = new Profiler();
        DatasetProfile expected = profiler.profile(csv.table(), ProfileOptions.defaults(), Progress.NONE);
        for (String f : FIXTURES) {
            ReadResult parquet = read(fixture(f + ".parquet"));
            DatasetProfile actual = profiler.profile(parquet.table(), ProfileOptions.defaults(), Progress.NONE);
            assertEquals(expected.rows(), actual.rows(), f);
            assertEquals(expected.missingCells(), actual.missingCells(), f);
            assertEquals(expected.duplicateRows(), actual.duplicateRows(), f);
            for (int c = 0; c < expected.columns().size(); c++) {
                ColumnProfile e = expected.columns().get(c);
                ColumnProfile a = actual.columns().get(c);
                assertEquals(withoutHistogram(e), withoutHistogram(a), f);
                assertEquals(e.histogram() == null, a.histogram() == null, f + " " + e.name());
                if (e.histogram() != null) {
                    assertArrayEquals(e.histogram().edges(), a.histogram().edges(), f + " " + e.name());
                    assertArrayEquals(e.histogram().counts(), a.histogram().counts(), f + " " + e.name());
                }
            }
            assertEquals(expected.alerts(), actual.alerts(), f);
            for (int c = 0; c < csv.table().columns().size(); c++) {
                Column a = csv.table().columns().get(c);
                Column b = parquet.table().columns().get(c);
                assertEquals(a.type(), b.type(), f + " " + a.name());
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.isMissing(i), b.isMissing(i), f + " " + a.name() + " row " + i);
                }
            }
        }
    }

    private static ColumnProfile withoutHistogram(ColumnProfile p) {
        return new ColumnProfile(p.name(), p.type(), p.count(), p.missing(), p.missingPct(), p.distinct(),
                p.imbalance(), p.numeric(), p.top(), null, p.text(), p.date(), p.bool());
    }

    @Test
    void oneThreadReadsWhatTwoRead() throws IOException {
        Path p = fixture("flat_snappy.parquet");
        ReadResult one = reader.read(p, ReadOptions.defaults().withThreads(1), Progress.NONE);
        ReadResult four = reader.read(p, ReadOptions.defaults().withThreads(4), Progress.NONE);
        for (int c = 0; c < one.table().columns().size(); c++) {
            Column a = one.table().columns().get(c);
            Column b = four.table().columns().get(c);
            if (a instanceof NumericColumn n) {
                assertArrayEquals(n.values(), ((NumericColumn) b).values());
            } else if (a instanceof CategoricalColumn s) {
                assertArrayEquals(s.codes(), ((CategoricalColumn) b).codes());
            }
        }
    }

    @Test
    void aNestedColumnIsAUserErrorNamingIt() throws IOException {
        UserError e = userError(() -> read(fixture("nested_list.parquet")));
        assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
        assertTrue(e.getMessage().contains("a list"), e.getMessage());
        assertTrue(e.whatToDo().contains("drop"), e.whatToDo());
    }

    @Test
    void aCodecWeDoNotShipIsNamedNotCalledDamaged() throws IOException {
        UserError e = userError(() -> read(fixture("tiny_lz4.parquet")));
        assertTrue(e.getMessage().contains("LZ4"), e.getMessage());
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertTrue(e.whatToDo().contains("zstd"), e.whatToDo());
        UserError streamed = userError(() -> new TableReader().readRowGroups(fixture("tiny_lz4.parquet"),
                ReadOptions.defaults(), io.mlwb.core.job.Progress.NONE, t -> { }, w -> { }));
        assertEquals(e.getMessage(), streamed.getMessage(), "the same in streaming mode");
    }

    @Test
    void decimalsBeyondADoubleAreRoundedWithAWarningAndNanosKeepTheMillisecond() throws IOException {
        ReadResult r = read(fixture("decimal_wide.parquet"));
        assertEquals(1.5, col(r, "exact", NumericColumn.class).values()[0]);
        assertEquals(2.25, col(r, "exact", NumericColumn.class).values()[1]);
        assertEquals(1.2345678901234567e19, col(r, "too_precise", NumericColumn.class).values()[0]);
        assertEquals(1_700_000_000_123L, col(r, "ts_ns", DateTimeColumn.class).millis()[1]);
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("'too_precise'") && r.warnings().get(0).contains("1 value has"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(1).contains("'ts_ns'"), r.warnings().get(1));
    }

    @Test
    void aTruncatedOrCorruptFileIsAUserError() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("flat_snappy.parquet"));
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertTrue(userError(() -> read(truncated)).getMessage().contains("not a readable Parquet file"));

        byte[] damaged = whole.clone();
        for (int i = 200; i < 1200; i++) {
            damaged[i] = (byte) (damaged[i] ^ 0x5A);
        }
        Path corrupt = dir.resolve("corrupt.parquet");
        Files.write(corrupt, damaged);
        assertTrue(userError(() -> read(corrupt)).getMessage().contains("not a readable Parquet file"));

        UserError partial = userError(() -> reader.read(Arrays.copyOf(whole, whole.length - 100), "big.parquet",
                ReadOptions.defaults(), Progress.NONE));
        assertTrue(partial.getMessage().contains("footer is missing"), partial.getMessage());
        assertTrue(partial.whatToDo().contains("truncated"), partial.whatToDo());

        Path text = dir.resolve("text.parquet");
        Files.writeString(text, "a,b\n1,2\n");
        assertTrue(userError(() -> read(text)).getMessage().contains("not a readable Parquet file"));
    }

    @Test
    void theMagicIsEnoughWithoutTheExtensionAndGzipIsUnwrapped() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("flat_zstd.parquet"));
        Path noExtension = dir.resolve("export.bin");
        Files.write(noExtension, whole);
        assertEquals(60, read(noExtension).table().rowCount());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(whole);
        }
        ReadResult r = reader.read(gz.toByteArray(), "export.parquet.gz", ReadOptions.defaults(), Progress.NONE);
        assertEquals(DataFormat.PARQUET, r.detected().format());
        assertEquals(60, r.table().rowCount());
    }

    @Test
    void columnTypesMayMakeAStringColumnTextAndOtherwiseWarn() throws IOException {
        ReadOptions o = ReadOptions.defaults().withColumnTypes(Map.of("city", ColumnType.TEXT,
                "id", ColumnType.CATEGORICAL, "nope", ColumnType.NUMERIC));
        ReadResult r = reader.read(fixture("flat_gzip.parquet"), o, Progress.NONE);
        assertEquals(ColumnType.TEXT, col(r, "city", CategoricalColumn.class).type());
        assertEquals(ColumnType.NUMERIC, r.table().column("id").orElseThrow().type());
        assertEquals(2, r.warnings().size(), r.warnings().toString());
    }

    @Test
    void progressArrivesPerRowGroupAndCancelStops() throws IOException {
        Path p = fixture("flat_snappy.parquet"); // three row groups
        List<Double> seen = new ArrayList<>();
        reader.read(p, ReadOptions.defaults().withThreads(1), new Progress() {
            @Override
            public synchronized void report(double fraction, String message) {
                seen.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertTrue(seen.size() >= 5, seen.toString());
        assertEquals(1.0, seen.get(seen.size() - 1));
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
                // ignored
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(Cancelled.class, () -> reader.read(p, ReadOptions.defaults().withThreads(2), cancelled));
    }
}
