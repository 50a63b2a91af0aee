package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
    @TempDir
    Path dir;

    private final TableReader reader = new TableReader();
    private final ReadOptions options = ReadOptions.defaults().withThreads(2);

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private ReadResult read(Path p) {
        return reader.read(p, options, Progress.NONE);
    }

    private static <T extends Column> T col(ReadResult r, String name, Class<T> type) {
        return type.cast(r.table().column(name).orElseThrow(() -> new AssertionError("no column " + name)));
    }

    private static List<String> strings(CategoricalColumn c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.value(i));
        }
        return out;
    }

    private static UserError userError(Executable r) {
        UserError e = assertThrows(UserError.class, r);
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        return e;
    }

    // ---- types ---------------------------------------------------------------------------------------------

    @Test
    void infersEveryType() throws IOException {
        Path p = write("t.csv", """
                id,price,ok,day,at,color,note
                1,1.5,true,2024-01-31,2024-01-31T10:15:30Z,red,the first of many long remarks written here
                2,-0.5,FALSE,2024-02-29,2024-02-29 23:59,blue,another long remark that is clearly free text
                3,NA,True,,2024-03-01T00:00:00.250+02:00,red,
                """);
        ReadResult r = read(p);
        assertEquals(3, r.table().rowCount());
        assertEquals(List.of("id", "price", "ok", "day", "at", "color", "note"), r.table().names());
        NumericColumn id = col(r, "id", NumericColumn.class);
        assertArrayEquals(new double[] {1, 2, 3}, id.values());
        assertTrue(id.integral());
        NumericColumn price = col(r, "price", NumericColumn.class);
        assertEquals(-0.5, price.values()[1]);
        assertTrue(price.isMissing(2));
        assertFalse(price.integral());
        assertArrayEquals(new byte[] {1, 0, 1}, col(r, "ok", BooleanColumn.class).values());
        DateTimeColumn day = col(r, "day", DateTimeColumn.class);
        assertTrue(day.dateOnly());
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L, day.millis()[1]);
        assertTrue(day.isMissing(2));
        DateTimeColumn at = col(r, "at", DateTimeColumn.class);
        assertFalse(at.dateOnly());
        assertEquals(OffsetDateTime.parse("2024-03-01T00:00:00.250+02:00").toInstant().toEpochMilli(), at.millis()[2]);
        CategoricalColumn color = col(r, "color", CategoricalColumn.class);
        assertEquals(ColumnType.CATEGORICAL, color.type());
        assertEquals(List.of("red", "blue"), color.dictionary());
        assertArrayEquals(new int[] {0, 1, 0}, color.codes());
        assertEquals(ColumnType.TEXT, col(r, "note", CategoricalColumn.class).type());
        assertEquals(new Detected(DataFormat.CSV, StandardCharsets.UTF_8, java.util.Optional.of(','), false, false),
                r.detected());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aFileLargerThanOneReadSliceIsReadWholeAndItsBytesHandedOnOnce() throws IOException {
        StringBuilder sb = new StringBuilder("id,x,label\n");
        int rows = 120_000; // ~2.5 MB: several 1 MiB slices, the last one partial
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i * 0.25).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path p = write("big.csv", sb.toString());
        List<byte[]> handed = new ArrayList<>();
        ReadResult r = reader.read(p, options, Progress.NONE, handed::add);
        assertEquals(1, handed.size());
        assertArrayEquals(Files.readAllBytes(p), handed.get(0));
        assertEquals(rows, r.table().rowCount());
        NumericColumn x = col(r, "x", NumericColumn.class);
        assertEquals((rows - 1) * 0.25, x.values()[rows - 1]);
        assertEquals(List.of("yes", "no"), col(r, "label", CategoricalColumn.class).dictionary());
    }

    @Test
    void numbersWithFewDistinctValuesStayNumeric() throws IOException {
        ReadResult r = read(write("n.csv", "flag\n0\n1\n1\n0\n"));
        assertInstanceOf(NumericColumn.class, r.table().columns().get(0));
    }

    @Test
    void hugeTinyAndSignedZeroFloatsAreExact() throws IOException {
        ReadResult r = read(write("f.csv", "x\n1e308\n4.9e-324\n-0.0\n1.7976931348623157e308\n1e400\n-inf\nInfinity\n"));
        double[] v = col(r, "x", NumericColumn.class).values();
        assertEquals(1e308, v[0]);
        assertEquals(Double.MIN_VALUE, v[1]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[2]));
        assertEquals(Double.MAX_VALUE, v[3]);
        assertEquals(Double.POSITIVE_INFINITY, v[4]);
        assertEquals(Double.NEGATIVE_INFINITY, v[5]);
        assertEquals(Double.POSITIVE_INFINITY, v[6]);
    }

    @Test
    void everyDoubleIsReadBitForBitAsParseDoubleReadsIt() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 30_000;
        StringBuilder sb = new StringBuilder("a,b,c\n");
        List<String[]> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) {
                v = rnd.nextGaussian();
            }
            double u = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-6, 7));
            String[] t = {Double.toString(v), String.format(Locale.ROOT, "%.17g", u),
                String.format(Locale.ROOT, "%." + rnd.nextInt(0, 5) + "f", u)};
            texts.add(t);
            sb.append(t[0]).append(',').append(t[1]).append(',').append(t[2]).append('\n');
        }
        ReadResult r = reader.read(write("d.csv", sb.toString()), options.withChunkBytes(4096).withThreads(3),
                Progress.NONE);
        for (int c = 0; c < 3; c++) {
            double[] v = ((NumericColumn) r.table().columns().get(c)).values();
            for (int i = 0; i < n; i++) {
                String t = texts.get(i)[c];
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(v[i]), t);
            }
        }
    }

    // ---- quoting and chunks --------------------------------------------------------------------------------

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        Path p = write("q.csv", "name,quote\r\n\"Smith, J\",\"He said \"\"hi\"\"\"\r\n\"multi\r\nline\",\"\"\r\nplain,x\r\n");
        ReadResult r = read(p);
        assertEquals(3, r.table().rowCount());
        assertEquals(List.of("Smith, J", "multi\r\nline", "plain"), strings(col(r, "name", CategoricalColumn.class)));
        assertEquals(java.util.Arrays.asList("He said \"hi\"", null, "x"),
                strings(col(r, "quote", CategoricalColumn.class)));
    }

    @Test
    void smallChunksAcrossQuotedNewlinesGiveTheSameTableAsOneThread() throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("id,text,num,mixed\n");
        for (int i = 0; i < 3000; i++) {
            String text = switch (rnd.nextInt(4)) {
                case 0 -> "\"line one\nline \"\"two\"\", with comma\n\"";
                case 1 -> "\"a,b\"";
                case 2 -> "plain" + rnd.nextInt(50);
                default -> "";
            };
            String mixed = i == 2500 ? "oops" : Integer.toString(rnd.nextInt(100));
            sb.append(i).append(',').append(text).append(',').append(rnd.nextGaussian()).append(',').append(mixed)
                    .append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path p = write("c.csv", sb.toString());
        ReadResult one = reader.read(p, options.withThreads(1), Progress.NONE);
        for (int chunk : new int[] {7, 64, 1000}) {
            ReadResult many = reader.read(p, options.withThreads(4).withChunkBytes(chunk), Progress.NONE);
            assertTablesEqual(one.table(), many.table());
            assertEquals(one.warnings(), many.warnings());
        }
        assertEquals(3000, one.table().rowCount());
        assertEquals("line one\nline \"two\", with comma\n",
                strings(col(one, "text", CategoricalColumn.class)).stream().filter(s -> s != null && s.startsWith("line"))
                        .findFirst().orElseThrow());
        assertEquals(ColumnType.CATEGORICAL, col(one, "mixed", CategoricalColumn.class).type());
    }

    @Test
    void numbersParsedIntoSharedRegionsCloseTheGapsOfEmptyLinesAndQuotedLineFeeds() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        StringBuilder sb = new StringBuilder("x,note,y,late\n");
        int rows = 4000;
        for (int i = 0; i < rows; i++) {
            String note = rnd.nextInt(5) == 0 ? "\"two\nlines\"" : "n" + rnd.nextInt(9);
            String late = i >= 3900 && i % 7 == 0 ? "text" : Integer.toString(i % 4);
            sb.append(i * 0.5).append(',').append(note).append(',').append(rnd.nextInt(3) == 0 ? "" : rnd.nextGaussian())
                    .append(',').append(late).append(i % 5 == 0 ? "\r\n" : "\n");
            int blanks = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(3) : 0;
            sb.append("\n".repeat(blanks));
        }
        sb.setLength(sb.length() - 1); // the last row ends without a line feed (or one of its blank lines goes)
        Path p = write("gaps.csv", sb.toString());
        ReadResult one = reader.read(p, options.withThreads(1), Progress.NONE);
        assertEquals(rows, one.table().rowCount());
        NumericColumn x = col(one, "x", NumericColumn.class);
        assertEquals(rows, x.values().length);
        for (int i = 0; i < rows; i++) {
            assertEquals(i * 0.5, x.values()[i], "row " + i);
        }
        assertEquals(ColumnType.CATEGORICAL, col(one, "late", CategoricalColumn.class).type());
        for (int chunk : new int[] {5, 97, 4096}) {
            ReadResult many = reader.read(p, options.withThreads(3).withChunkBytes(chunk), Progress.NONE);
            assertTablesEqual(one.table(), many.table());
            assertEquals(rows, col(many, "y", NumericColumn.class).values().length);
            assertEquals(one.warnings(), many.warnings());
        }
    }

    private static void assertTablesEqual(DataTable a, DataTable b) {
        assertEquals(a.rowCount(), b.rowCount());
        assertEquals(a.names(), b.names());
        for (int c = 0; c < a.columns().size(); c++) {
            Column x = a.columns().get(c);
            Column y = b.columns().get(c);
            assertEquals(x.getClass(), y.getClass(), x.name());
            assertEquals(x.type(), y.type(), x.name());
            if (x instanceof NumericColumn nx) {
                NumericColumn ny = (NumericColumn) y;
                assertArrayEquals(nx.values(), ny.values(), x.name());
                assertEquals(nx.missing(), ny.missing(), x.name());
            } else if (x instanceof CategoricalColumn cx) {
                assertEquals(strings(cx), strings((CategoricalColumn) y), x.name());
                assertEquals(cx.dictionary(), ((CategoricalColumn) y).dictionary(), x.name());
            } else {
                for (int i = 0; i < x.size(); i++) {
                    assertEquals(x.isMissing(i), y.isMissing(i), x.name());
                }
            }
        }
    }

    @Test
    void detectsTheDelimiterOutsideQuotes() throws IOException {
        assertEquals(';', read(write("a.txt", "a;b;c\n\"1,5\";2;3\n\"x,y\";5;6\n")).detected().delimiter().orElseThrow());
        ReadResult tab = read(write("b.txt", "a\tb\n1,2\t3\n"));
        assertEquals(DataFormat.TSV, tab.detected().format());
        assertEquals(List.of("1,2"), strings(col(tab, "a", CategoricalColumn.class)));
        assertEquals('|', read(write("c.dat", "a|b\n1|2\n")).detected().delimiter().orElseThrow());
        ReadResult single = read(write("d.csv", "only\n1\n2\n"));
        assertEquals(List.of("only"), single.table().names());
    }

    @Test
    void configuredDelimiterWins() throws IOException {
        ReadResult r = reader.read(write("e.csv", "a;b,c\n1;2,3\n"), options.withDelimiter(','), Progress.NONE);
        assertEquals(List.of("a;b", "c"), r.table().names());
    }

    // ---- encodings and compression -------------------------------------------------------------------------

    @Test
    void utf8BomIsSkipped() throws IOException {
        byte[] body = "név,x\nÁrvíztűrő,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        ReadResult r = read(write("bom.csv", all));
        assertEquals(List.of("név", "x"), r.table().names());
        assertTrue(r.detected().hasBom());
        assertEquals(List.of("Árvíztűrő"), strings(col(r, "név", CategoricalColumn.class)));
    }

    @Test
    void utf16WithBomIsDecoded() throws IOException {
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] body = "\uFEFFcity;n\nZürich;1\nGenève;2\n".getBytes(cs);
            ReadResult r = read(write("u16-" + cs.name() + ".csv", body));
            assertEquals(cs, r.detected().charset());
            assertTrue(r.detected().hasBom());
            assertEquals(List.of("Zürich", "Genève"), strings(col(r, "city", CategoricalColumn.class)));
            assertArrayEquals(new double[] {1, 2}, col(r, "n", NumericColumn.class).values());
        }
    }

    @Test
    void bytesThatAreNotUtf8FallBackToLatin1WithAWarning() throws IOException {
        ReadResult r = read(write("l1.csv", "city,n\nZürich,1\nK\u00f8benhavn,2\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(StandardCharsets.ISO_8859_1, r.detected().charset());
        assertEquals(List.of("Zürich", "København"), strings(col(r, "city", CategoricalColumn.class)));
        assertTrue(r.warnings().get(0).contains("not valid UTF-8"), r.warnings().toString());
    }

    @Test
    void configuredEncodingIsUsed() throws IOException {
        ReadResult r = reader.read(write("w.csv", "name\nCafé €\n".getBytes(Charset.forName("windows-1252"))),
                options.withEncoding(Charset.forName("windows-1252")), Progress.NONE);
        assertEquals(List.of("Café €"), strings(col(r, "name", CategoricalColumn.class)));
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotItsName() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        ReadResult r = read(write("data.bin", bytes.toByteArray()));
        assertTrue(r.detected().gzip());
        assertEquals(2, r.table().rowCount());
        userError(() -> read(write("broken.csv.gz", java.util.Arrays.copyOf(bytes.toByteArray(), 12))));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(json)) {
            out.write("{\"a\": 1}\n{\"a\": 2}\n".getBytes(StandardCharsets.UTF_8));
        }
        ReadResult j = read(write("events.jsonl.gz", json.toByteArray()));
        assertEquals(DataFormat.JSONL, j.detected().format());
        assertArrayEquals(new double[] {1, 2}, col(j, "a", NumericColumn.class).values());
    }

    @Test
    void tsvByExtensionKeepsCommasInCells() throws IOException {
        ReadResult r = read(write("t.tsv", "a\tb\n1,5\tx, y\n"));
        assertEquals(DataFormat.TSV, r.detected().format());
        assertEquals(List.of("x, y"), strings(col(r, "b", CategoricalColumn.class)));
    }

    // ---- JSON Lines ----------------------------------------------------------------------------------------

    @Test
    void jsonLinesUnionOfKeysNestedValuesAsJsonText() throws IOException {
        Path p = write("e.jsonl", """
                {"id": 1, "name": "a", "tags": ["x", "y"]}

                {"id": 2, "extra": true, "name": null}
                {"id": 3.5, "name": "c", "tags": {"k": 1}, "extra": false}
                """);
        ReadResult r = read(p);
        assertEquals(DataFormat.JSONL, r.detected().format());
        assertEquals(List.of("id", "name", "tags", "extra"), r.table().names());
        assertArrayEquals(new double[] {1, 2, 3.5}, col(r, "id", NumericColumn.class).values());
        assertEquals(java.util.Arrays.asList("a", null, "c"), strings(col(r, "name", CategoricalColumn.class)));
        assertEquals(java.util.Arrays.asList("[\"x\",\"y\"]", null, "{\"k\":1}"),
                strings(col(r, "tags", CategoricalColumn.class)));
        assertArrayEquals(new byte[] {-1, 1, 0}, col(r, "extra", BooleanColumn.class).values());
    }

    @Test
    void jsonLinesDemotesAColumnThatTurnsToText() throws IOException {
        ReadResult r = read(write("m.ndjson", "{\"v\": 1}\n{\"v\": 2}\n{\"v\": \"three\"}\n"));
        assertEquals(List.of("1", "2", "three"), strings(col(r, "v", CategoricalColumn.class)));
    }

    @Test
    void malformedJsonLineNamesTheLine() throws IOException {
        UserError e = userError(() -> read(write("bad.jsonl", "{\"a\": 1}\n{\"a\": \n")));
        assertTrue(e.getMessage().startsWith("Line 2 of bad.jsonl"), e.getMessage());
        userError(() -> read(write("arr.jsonl", "[1, 2]\n")));
    }

    // ---- bad input -----------------------------------------------------------------------------------------

    @Test
    void emptyFileIsAnError() throws IOException {
        assertEquals("empty.csv is empty.", userError(() -> read(write("empty.csv", ""))).getMessage());
        assertEquals("blank.csv is empty.", userError(() -> read(write("blank.csv", "\n \r\n"))).getMessage());
    }

    @Test
    void headerOnlyGivesNoRowsAndAWarning() throws IOException {
        ReadResult r = read(write("h.csv", "a,b,c\n"));
        assertEquals(0, r.table().rowCount());
        assertEquals(List.of("a", "b", "c"), r.table().names());
        assertEquals(List.of("h.csv has a header but no data rows."), r.warnings());
    }

    @Test
    void raggedRowsArePaddedOrCutWithWarnings() throws IOException {
        ReadResult r = read(write("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9,10\n11\n"));
        assertEquals(4, r.table().rowCount());
        NumericColumn c = col(r, "c", NumericColumn.class);
        assertTrue(c.isMissing(1));
        assertEquals(8, c.values()[2]);
        assertTrue(c.isMissing(3));
        assertTrue(r.warnings().contains(
                "2 rows of r.csv have fewer cells than the header (data rows 2, 4); the missing cells were read as missing."),
                r.warnings().toString());
        assertTrue(r.warnings().contains(
                "1 row of r.csv has more cells than the header (data row 3); the extra cells were dropped."),
                r.warnings().toString());
    }

    @Test
    void binaryFileIsAnError() throws IOException {
        byte[] b = {'P', 'K', 3, 4, 0, 0, 1, 2, 'a', ',', 'b', '\n'};
        assertEquals("x.csv looks like a binary file, not a table.", userError(() -> read(write("x.csv", b))).getMessage());
    }

    @Test
    void duplicateAndEmptyColumnNamesAreRenamed() throws IOException {
        ReadResult r = read(write("n.csv", "a,,a,b,a,\"\"\n1,2,3,4,5,6\n"));
        assertEquals(List.of("a", "column_2", "a_2", "b", "a_3", "column_6"), r.table().names());
        assertTrue(r.warnings().contains("2 columns without a name are called column_2, column_6."),
                r.warnings().toString());
        assertTrue(r.warnings().contains("Column name 'a' appears 3 times; the repeats are called a_2, a_3."),
                r.warnings().toString());
    }

    @Test
    void columnMissingInEveryRowIsCategoricalWithAWarning() throws IOException {
        ReadResult r = read(write("m.csv", "a,b\n1,\n2,NA\n3,null\n"));
        CategoricalColumn b = col(r, "b", CategoricalColumn.class);
        assertEquals(ColumnType.CATEGORICAL, b.type());
        assertEquals(3, b.missingCount());
        assertEquals(List.of("Column 'b' is missing in every row; read as categorical."), r.warnings());
    }

    @Test
    void mostlyNumbersWithSomeTextWarnsWithValuesAndRows() throws IOException {
        StringBuilder sb = new StringBuilder("x\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 7 ? "n/a?" : i == 12 ? "unknown" : Integer.toString(i)).append('\n');
        }
        ReadResult r = reader.read(write("mix.csv", sb.toString()), options.withChunkBytes(16).withThreads(3),
                Progress.NONE);
        CategoricalColumn x = col(r, "x", CategoricalColumn.class);
        assertEquals("n/a?", x.value(7));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(w.startsWith("Column 'x' is mostly numbers (18 of 20 values) but also holds text, e.g. "
                + "'n/a?' (row 8), 'unknown' (row 13)"), w);
    }

    @Test
    void customMissingMarkersReplaceTheDefaults() throws IOException {
        ReadResult r = reader.read(write("mm.csv", "x\n1\n?\nNA\n"), options.withMissingMarkers(Set.of("?")),
                Progress.NONE);
        CategoricalColumn x = col(r, "x", CategoricalColumn.class); // NA is text now
        assertEquals(java.util.Arrays.asList("1", null, "NA"), strings(x));
    }

    @Test
    void fileThatChangesWhileReadIsAnError() throws IOException {
        Path p = write("grow.csv", "a\n1\n2\n");
        Progress appending = new Progress() {
            private boolean done;

            @Override
            public synchronized void report(double fraction, String message) {
                if (!done) {
                    done = true;
                    try {
                        Files.writeString(p, "3\n", StandardOpenOption.APPEND);
                        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        assertEquals("grow.csv changed while it was read; try again.",
                userError(() -> reader.read(p, options, appending)).getMessage());
    }

    @Test
    void missingFileAndFolderAreErrors() {
        assertTrue(userError(() -> read(dir.resolve("nope.csv"))).getMessage().endsWith("nope.csv does not exist."));
        assertEquals(dir.getFileName() + " is a folder, not a data file.", userError(() -> read(dir)).getMessage());
    }

    @Test
    void aParquetNameOrMagicGoesToTheParquetReader() throws IOException {
        assertTrue(userError(() -> read(write("p.parquet", "PAR1xxxx"))).getMessage()
                .contains("not a readable Parquet file"));
        assertTrue(userError(() -> read(write("p.dat", "PAR1xxxx"))).getMessage()
                .contains("not a readable Parquet file"));
    }

    @Test
    void cancellationStopsTheRead() throws IOException {
        Path p = write("c.csv", "a\n1\n");
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(io.mlwb.core.job.Cancelled.class, () -> reader.read(p, options, cancelled));
    }

    // ---- configured types ----------------------------------------------------------------------------------

    @Test
    void configuredTypesOverrideInference() throws IOException {
        Path p = write("o.csv", "zip,income,when,member,code\n01234,10,2024-01-01,yes,7\n98765,x,later,no,8\n");
        ReadOptions o = options.withColumnTypes(Map.of("zip", ColumnType.CATEGORICAL, "income", ColumnType.NUMERIC,
                "when", ColumnType.DATETIME, "member", ColumnType.BOOLEAN, "code", ColumnType.TEXT,
                "absent", ColumnType.NUMERIC));
        ReadResult r = reader.read(p, o, Progress.NONE);
        assertEquals(List.of("01234", "98765"), strings(col(r, "zip", CategoricalColumn.class)));
        NumericColumn income = col(r, "income", NumericColumn.class);
        assertTrue(income.isMissing(1));
        assertTrue(col(r, "when", DateTimeColumn.class).isMissing(1));
        assertArrayEquals(new byte[] {1, 0}, col(r, "member", BooleanColumn.class).values());
        assertEquals(ColumnType.TEXT, col(r, "code", CategoricalColumn.class).type());
        assertTrue(r.warnings().contains("1 value in column 'income' is not numeric, e.g. 'x' (row 2); read as missing."),
                r.warnings().toString());
        assertTrue(r.warnings().contains("'column_types' names column 'absent', which is not in o.csv."),
                r.warnings().toString());
    }

    @Test
    void optionsFromDatasetConfig() {
        DatasetConfig c = new DatasetConfig("d", "d.csv", DataFormat.CSV, "\\t", "ISO-8859-1", List.of("?"), null,
                null, null, null, Map.of("a", ColumnType.TEXT), null);
        ReadOptions o = ReadOptions.from(c);
        assertEquals('\t', o.delimiter().orElseThrow());
        assertEquals(StandardCharsets.ISO_8859_1, o.encoding().orElseThrow());
        assertEquals(Set.of("?"), o.missingMarkers());
        assertEquals(DataFormat.CSV, o.format());
        assertTrue(ReadOptions.from(DatasetConfig.of("d", "d.csv")).encoding().isEmpty());
        assertThrows(UserError.class, () -> ReadOptions.from(new DatasetConfig("d", "d.csv", null, ";;", null, null,
                null, null, null, null, null, null)));
    }
}
