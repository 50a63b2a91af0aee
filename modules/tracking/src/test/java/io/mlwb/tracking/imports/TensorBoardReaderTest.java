package io.mlwb.tracking.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TensorBoard reader over real event files (written by tensorboardX, TF2 and tensorboard's own writer; see
 * src/test/fixtures/make_tensorboard_fixtures.py), compared value by value, bit for bit, with what TensorBoard's
 * own EventAccumulator reported for them (expected.json).
 */
class TensorBoardReaderTest {
    private static final Path FIXTURES = fixtures();

    @TempDir
    Path tmp;

    private final TensorBoardReader reader = new TensorBoardReader();

    @Test
    void readsWhatTensorBoardReads() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("expected.json").toFile()).get("runs");
        List<ImportedRun> runs = reader.read(FIXTURES.resolve("logs"));

        List<String> expectedIds = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedIds::add);
        assertEquals(expectedIds, runs.stream().map(ImportedRun::sourceId).toList());
        int points = 0;
        for (ImportedRun run : runs) {
            JsonNode want = expected.get(run.sourceId());
            String where = "run " + run.sourceId();
            assertEquals(names(want.get("scalars").fieldNames()), List.copyOf(new TreeMap<>(run.series()).keySet()),
                    where);
            for (Map.Entry<String, ImportedSeries> e : run.series().entrySet()) {
                JsonNode pts = want.get("scalars").get(e.getKey());
                ImportedSeries s = e.getValue();
                assertEquals(pts.size(), s.size(), where + " " + e.getKey());
                for (int i = 0; i < s.size(); i++) {
                    String at = where + " " + e.getKey() + " point " + i;
                    assertEquals(pts.get(i).get(0).asLong(), s.steps()[i], at + " step");
                    assertEquals(pts.get(i).get(1).asLong(), s.times()[i], at + " time");
                    assertEquals(Double.doubleToLongBits(value(pts.get(i).get(2))),
                            Double.doubleToLongBits(s.values()[i]), at + " value " + s.values()[i]);
                    points++;
                }
            }
            Map<String, String> params = new TreeMap<>();
            want.get("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            assertEquals(params, new TreeMap<>(run.params()), where);
            assertEquals(want.get("start_ms").asLong(), run.startMs(), where);
            assertEquals(want.get("end_ms").asLong(), run.endMs(), where);
            List<String> files = new ArrayList<>();
            want.get("files").forEach(f -> files.add(f.asText()));
            assertEquals(files, run.artifacts().stream().map(a -> Path.of(a).getFileName().toString()).toList());
            run.artifacts().forEach(a -> assertTrue(Path.of(a).isAbsolute() && Files.isRegularFile(Path.of(a)), a));
        }
        assertTrue(points > 40, "the fixture has points to compare");
    }

    @Test
    void keepsEveryPointAsStoredAndDescribesTheRun() {
        Map<String, ImportedRun> runs = bySourceId(reader.read(FIXTURES.resolve("logs")));
        ImportedRun root = runs.get(".");
        assertEquals("logs", root.name());
        assertEquals("logs", root.experiment());
        assertEquals("finished", root.status());
        assertFalse(root.deleted());
        assertNull(root.parentSourceId());
        assertTrue(root.tags().isEmpty());
        assertNull(root.latest());
        assertEquals(List.of("loss"), List.copyOf(root.series().keySet()), "the histogram is not a series");

        ImportedRun a = runs.get("runs/a");
        assertEquals("runs/a", a.name());
        assertEquals("logs", a.experiment());
        assertEquals(2, a.artifacts().size());
        // two files concatenated in name order: a repeated step, then a resumed writer going back to step 1
        assertEquals(List.of(0L, 1L, 2L, 2L, 3L, 4L, 1L), boxed(a.series().get("train/loss").steps()));
        double[] acc = a.series().get("val/acc").values();
        assertTrue(Double.isNaN(acc[1]));
        assertEquals(Double.POSITIVE_INFINITY, acc[2]);
        assertEquals(Double.NEGATIVE_INFINITY, acc[3]);
        assertEquals((double) 0.1f, a.series().get("train/loss").values()[1], "float32 widened, not re-rounded");

        assertEquals(Map.of("lr", "0.001", "batch_size", "32.0", "optimizer", "adam", "nesterov", "True",
                "wd", "1e-05"), runs.get("runs/a/hparams").params());
        assertEquals("0.0003", runs.get("runs/b/seed1").params().get("learning_rate"));
        assertEquals("False", runs.get("runs/b/seed1").params().get("bn"));
        assertFalse(runs.get("runs/b/seed1").series().containsKey("weights"));
        assertFalse(runs.get("runs/b/seed1").series().containsKey("note"));

        ImportedRun c = runs.get("runs/c");
        assertEquals(3, c.series().get("half").size(), "metadata on the first event only still marks later ones");
        assertFalse(c.series().containsKey("pair"), "a two-element tensor is not a scalar");
        assertFalse(c.series().containsKey("text"));
        assertEquals(1L << 40, c.series().get("content/float").steps()[0]);
    }

    @Test
    void changesNothingInTheLogDir() throws IOException {
        Path logs = FIXTURES.resolve("logs");
        Map<String, String> before = hashes(logs);
        reader.read(logs);
        assertEquals(before, hashes(logs));
    }

    @Test
    void toleratesALastRecordCutShortAtAnyByte() throws IOException {
        Path source = FIXTURES.resolve("logs/runs/a/events.out.tfevents.1700000000.mlwb-fixture.4");
        byte[] bytes = Files.readAllBytes(source);
        List<Long> starts = recordStarts(bytes);
        long lastStart = starts.get(starts.size() - 1);
        Path dir = Files.createDirectories(tmp.resolve("cut"));
        Path file = dir.resolve(source.getFileName());

        Files.write(file, Arrays.copyOf(bytes, (int) lastStart));
        ImportedSeries whole = reader.read(dir).get(0).series().get("train/loss");
        for (int end = (int) lastStart + 1; end < bytes.length; end++) {
            Files.write(file, Arrays.copyOf(bytes, end));
            ImportedSeries cut = reader.read(dir).get(0).series().get("train/loss");
            assertEquals(boxed(whole.steps()), boxed(cut.steps()), "cut at byte " + end);
        }
        Files.write(file, bytes);
        assertEquals(whole.size() + 1, reader.read(dir).get(0).series().get("train/loss").size(),
                "the last record holds a point, so the cut dropped exactly it");
    }

    @Test
    void rejectsADataChecksumFailureInTheMiddleNamingFileAndOffset() throws IOException {
        Path source = FIXTURES.resolve("logs/runs/a/events.out.tfevents.1700000000.mlwb-fixture.2");
        byte[] bytes = Files.readAllBytes(source);
        long second = recordStarts(bytes).get(1);
        bytes[(int) second + 12 + 3] ^= 0x10;           // inside the second record's data
        Path file = Files.createDirectories(tmp.resolve("bad")).resolve(source.getFileName());
        Files.write(file, bytes);

        UserError e = assertThrows(UserError.class, () -> reader.read(tmp.resolve("bad")));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + second), e.getMessage());
        assertTrue(e.getMessage().contains("data checksum"), e.getMessage());
        assertFalse(e.whatToDo().isEmpty());
    }

    @Test
    void rejectsALengthChecksumFailureNamingFileAndOffset() throws IOException {
        Path source = FIXTURES.resolve("logs/runs/a/events.out.tfevents.1700000000.mlwb-fixture.2");
        byte[] bytes = Files.readAllBytes(source);
        long third = recordStarts(bytes).get(2);
        bytes[(int) third] ^= 0x01;                      // the third record's length
        Path file = Files.createDirectories(tmp.resolve("bad")).resolve(source.getFileName());
        Files.write(file, bytes);

        UserError e = assertThrows(UserError.class, () -> reader.read(tmp.resolve("bad")));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + third + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("length checksum"), e.getMessage());
    }

    @Test
    void rejectsANewerFileFormat() {
        UserError e = assertThrows(UserError.class, () -> reader.read(FIXTURES.resolve("newer")));
        assertTrue(e.getMessage().contains("events.out.tfevents.1700000000.mlwb-fixture.newer"), e.getMessage());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertTrue(e.getMessage().contains("brain.Event:3"), e.getMessage());
    }

    @Test
    void acceptsFileVersionOne() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("v1"));
        // Event {wall_time 1 = 1.5, file_version 3 = "brain.Event:1"}
        byte[] event = concat(new byte[] {0x09}, le(Double.doubleToLongBits(1.5), 8),
                new byte[] {0x1a, 13}, "brain.Event:1".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("events.out.tfevents.1.v1"), record(event));
        ImportedRun run = reader.read(dir).get(0);
        assertEquals(1500L, run.startMs());
        assertTrue(run.series().isEmpty());
    }

    @Test
    void rejectsAMissingPathAFileAndADirWithoutEventFiles() throws IOException {
        UserError missing = assertThrows(UserError.class, () -> reader.read(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        assertFalse(missing.whatToDo().isEmpty());

        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        UserError notDir = assertThrows(UserError.class, () -> reader.read(file));
        assertTrue(notDir.getMessage().contains("not a TensorBoard log dir"), notDir.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("events.txt"), "not tensorboard");
        UserError none = assertThrows(UserError.class, () -> reader.read(tmp.resolve("empty")));
        assertTrue(none.getMessage().contains("no TensorBoard event files"), none.getMessage());
        assertTrue(none.whatToDo().contains("--logdir"), none.whatToDo());
    }

    @Test
    void kindIsTensorboard() {
        assertEquals("tensorboard", reader.kind());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Path fixtures() {
        try {
            return Path.of(TensorBoardReaderTest.class.getResource("/imports/tensorboard").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double value(JsonNode v) {
        return v.isTextual() ? switch (v.asText()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException(v.asText());
        } : Double.parseDouble(v.asText());
    }

    private static List<String> names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        out.sort(null);
        return out;
    }

    private static List<Long> boxed(long[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static Map<String, ImportedRun> bySourceId(List<ImportedRun> runs) {
        Map<String, ImportedRun> out = new TreeMap<>();
        runs.forEach(r -> out.put(r.sourceId(), r));
        return out;
    }

    /** Walks the TFRecord framing independently of the reader: the offset of every record. */
    private static List<Long> recordStarts(byte[] bytes) {
        List<Long> starts = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() > 0) {
            starts.add((long) b.position());
            long len = b.getLong();
            b.position(b.position() + 4 + (int) len + 4);
        }
        assertTrue(starts.size() >= 3, "fixture has records");
        return starts;
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                out.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p))
                        + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] record(byte[] data) {
        byte[] len = le(data.length, 8);
        return concat(len, le(TfRecordReader.masked(len, 0, 8), 4), data,
                le(TfRecordReader.masked(data, 0, data.length), 4));
    }

    private static byte[] le(long v, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
