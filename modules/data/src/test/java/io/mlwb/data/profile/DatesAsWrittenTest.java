package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.stream.StreamingOptions;
import io.mlwb.data.stream.StreamingProfiler;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateKind;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dates in and out as text: a naive timestamp stays naive, a date stays a date, {@code Z} and {@code +02:00} stay
 * as written, in the exact and the streaming profile and in their JSON.
 */
class DatesAsWrittenTest {
    private static final int ROWS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path file;
    /** Per column, every value as the file writes it. */
    static List<List<String>> written = new ArrayList<>();
    static final List<String> NAMES = List.of("naive", "day", "utc", "plus2", "millis", "mixed");

    @BeforeAll
    static void write() throws Exception {
        StringBuilder b = new StringBuilder("id,").append(String.join(",", NAMES)).append('\n');
        for (int c = 0; c < NAMES.size(); c++) {
            written.add(new ArrayList<>());
        }
        for (int i = 0; i < ROWS; i++) {
            int day = 1 + i % 28;
            int month = 1 + (i / 28) % 12;
            int hour = i % 24;
            int minute = (i * 7) % 60;
            int second = (i * 13) % 60;
            String local = String.format(Locale.ROOT, "2023-%02d-%02dT%02d:%02d:%02d", month, day, hour, minute,
                    second);
            String[] cells = {
                local,
                String.format(Locale.ROOT, "2023-%02d-%02d", month, day),
                local + "Z",
                local + "+02:00",
                local + String.format(Locale.ROOT, ".%03d", (i * 37) % 1000),
                // one offset in the first rows, another later: mixed offsets are normalised to UTC
                local + (i < ROWS / 2 ? "+02:00" : "-05:00"),
            };
            b.append(i);
            for (int c = 0; c < cells.length; c++) {
                boolean missing = i % 17 == 3;
                b.append(',').append(missing ? "" : cells[c]);
                if (!missing) {
                    written.get(c).add(cells[c]);
                }
            }
            b.append('\n');
        }
        file = dir.resolve("dates.csv");
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static DatasetProfile exact() throws Exception {
        DataTable t = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE).table();
        return new Profiler().profile(t, ProfileOptions.defaults(), Progress.NONE);
    }

    private static DatasetProfile streamed() throws Exception {
        return new StreamingProfiler(AlertThresholds.DEFAULTS, StreamingOptions.defaults().withBlockBytes(16 * 1024))
                .profile(file, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
    }

    @Test
    void theReaderGivesEachColumnItsKind() throws Exception {
        DataTable t = new TableReader().read(file, ReadOptions.defaults().withThreads(2), Progress.NONE).table();
        assertEquals(DateStyle.local(0), ((DateTimeColumn) t.column("naive").orElseThrow()).style());
        assertEquals(DateStyle.DATE, ((DateTimeColumn) t.column("day").orElseThrow()).style());
        assertEquals(DateStyle.offset(ZoneOffset.UTC, 0), ((DateTimeColumn) t.column("utc").orElseThrow()).style());
        assertEquals(DateStyle.offset(ZoneOffset.ofHours(2), 0),
                ((DateTimeColumn) t.column("plus2").orElseThrow()).style());
        assertEquals(DateStyle.local(3), ((DateTimeColumn) t.column("millis").orElseThrow()).style());
        assertEquals(DateStyle.offset(ZoneOffset.UTC, 0), ((DateTimeColumn) t.column("mixed").orElseThrow()).style());
        DateTimeColumn naive = (DateTimeColumn) t.column("naive").orElseThrow();
        assertEquals("2023-01-01T00:00:00", naive.text(0));
        assertEquals("2023-01-06T05:35:05", naive.text(5));
        assertEquals("", naive.text(3));
    }

    @Test
    void exactJsonWritesMinMaxAndTopValuesAsTheFileDoes() throws Exception {
        checkJson(exact(), false);
    }

    @Test
    void streamingJsonWritesMinMaxAndTopValuesAsTheFileDoes() throws Exception {
        checkJson(streamed(), true);
    }

    private static void checkJson(DatasetProfile p, boolean streaming) throws Exception {
        JsonNode root = JSON.readTree(ProfileJson.toJson(p));
        for (int c = 0; c < NAMES.size() - 1; c++) {
            String name = NAMES.get(c);
            JsonNode col = column(root, name);
            TreeSet<String> values = new TreeSet<>(written.get(c));
            // ISO text of one kind and offset sorts as time does
            assertEquals(values.first(), col.get("min").asText(), name);
            assertEquals(values.last(), col.get("max").asText(), name);
            for (JsonNode top : col.get("top")) {
                assertTrue(values.contains(top.get("value").asText()), name + " top " + top);
            }
            for (JsonNode edge : col.get("histogram").get("edges")) {
                assertTrue(edge.isTextual(), name + " edge " + edge);
            }
            assertFalse(col.get("top").isEmpty(), name);
        }
        assertEquals("local", column(root, "naive").get("dateKind").asText());
        assertEquals("yyyy-MM-dd'T'HH:mm:ss", column(root, "naive").get("dateFormat").asText());
        assertFalse(column(root, "naive").has("dateOffset"));
        assertEquals("date", column(root, "day").get("dateKind").asText());
        assertEquals("offset", column(root, "plus2").get("dateKind").asText());
        assertEquals("+02:00", column(root, "plus2").get("dateOffset").asText());
        assertEquals("Z", column(root, "utc").get("dateOffset").asText());
        assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSS", column(root, "millis").get("dateFormat").asText());
        // the day column: every edge a date or a naive date-time, never an instant
        for (JsonNode edge : column(root, "day").get("histogram").get("edges")) {
            assertFalse(edge.asText().endsWith("Z"), edge.asText());
        }
        // mixed offsets: one instant each, written in UTC
        JsonNode mixed = column(root, "mixed");
        assertEquals("Z", mixed.get("dateOffset").asText());
        List<Instant> instants = written.get(5).stream().map(v -> OffsetDateTime.parse(v).toInstant()).toList();
        assertEquals(instants.stream().min(Instant::compareTo).orElseThrow().toString(), mixed.get("min").asText());
        assertEquals(instants.stream().max(Instant::compareTo).orElseThrow().toString(), mixed.get("max").asText());
        for (JsonNode top : mixed.get("top")) {
            assertTrue(instants.contains(Instant.parse(top.get("value").asText())), top.toString());
        }
        DatasetProfile back = ProfileJsonReader.read(ProfileJson.toJson(p));
        assertEquals(ProfileJson.toJson(p), ProfileJson.toJson(back), streaming ? "streaming" : "exact");
        assertEquals(p.column("plus2").orElseThrow().date(), back.column("plus2").orElseThrow().date());
    }

    private static JsonNode column(JsonNode root, String name) {
        for (JsonNode c : root.get("columns")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }

    @Test
    void olderProfilesWithZStringsAndEpochEdgesStillRead() throws Exception {
        String old = """
                {"rows": 2, "columnsCount": 2, "missingCells": 0, "duplicateRows": 0, "memoryBytes": 10,
                 "columns": [
                  {"name": "at", "type": "datetime", "count": 2, "missing": 0, "missingPct": 0.0, "distinct": 2,
                   "min": "2023-01-21T06:58:37Z", "max": "2023-01-22T06:58:37Z", "largestGapMillis": 86400000,
                   "top": [{"value": "2023-01-21T06:58:37Z", "count": 1}],
                   "histogram": {"edges": [1674284317000.0, 1674370717000.0], "counts": [2]}},
                  {"name": "day", "type": "datetime", "count": 2, "missing": 0, "missingPct": 0.0, "distinct": 2,
                   "min": "2023-01-01", "max": "2023-01-03", "largestGapMillis": 172800000, "missingDays": 1,
                   "top": [{"value": "2023-01-01", "count": 1}],
                   "histogram": {"edges": [1672531200000, 1672704000000], "counts": [2]}}],
                 "correlations": {"pearson": {}, "spearman": {}, "cramersV": {}}, "target": [], "alerts": []}
                """;
        DatasetProfile p = ProfileJsonReader.read(old);
        DateStats at = p.column("at").orElseThrow().date();
        assertEquals(DateKind.OFFSET, at.style().kind());
        assertEquals("2023-01-21T06:58:37Z", at.minText());
        assertEquals(1674284317000.0, p.column("at").orElseThrow().histogram().edges()[0]);
        DateStats day = p.column("day").orElseThrow().date();
        assertTrue(day.dateOnly());
        assertEquals("2023-01-03", day.maxText());
        assertEquals(1, day.missingDays());
        JsonNode again = column(JSON.readTree(ProfileJson.toJson(p)), "day");
        assertEquals("2023-01-01", again.get("histogram").get("edges").get(0).asText());
        assertEquals(Set.of("date"), Set.of(again.get("dateKind").asText()));
    }
}
