package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request logs as docs/request-log.md defines them, written by {@link Logs} (the test's stand-in for the inference
 * server until it exists): rotated gzip and plain files, batches, failed requests, malformed and newer lines, a line
 * being written, several model versions, filters, and the reference's column types.
 */
class RequestLogReaderTest {
    @TempDir
    Path dir;

    /** Writes request lines the way the server will: one JSON object per line, rotated files by name. */
    static final class Logs {
        private final StringBuilder sb = new StringBuilder();

        Logs request(String ts, String model, int version, int status, String inputs, String predictions) {
            sb.append(String.format(Locale.ROOT, "{\"v\": 1, \"ts\": \"%s\", \"model\": \"%s\", \"version\": %d, "
                    + "\"request_id\": \"r%d\", \"traceparent\": null, \"route\": \"/invocations\", \"status\": %d, "
                    + "\"latency_ms\": 2.5, \"cached\": false, \"inputs\": %s, \"predictions\": %s, \"error\": %s}\n",
                    ts, model, version, sb.length(), status, inputs, predictions,
                    status == 200 ? "null" : "{\"code\": \"bad_input\", \"message\": \"age is text\", \"field\": \"age\"}"));
            return this;
        }

        Logs raw(String line) {
            sb.append(line);
            return this;
        }

        void write(Path file) throws IOException {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (file.getFileName().toString().endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(bytes);
                }
            } else {
                Files.write(file, bytes);
            }
        }
    }

    @Test
    void readsRotatedAndActiveFilesAsOneRowPerInstance() throws Exception {
        new Logs()
                .request("2026-12-01T10:00:00.000Z", "credit", 3, 200,
                        "[{\"age\": 41, \"purpose\": \"car\"}, {\"age\": 29, \"purpose\": \"house\"}]",
                        "[{\"probability\": 0.1, \"label\": \"no\"}, {\"probability\": 0.7, \"label\": \"yes\"}]")
                .request("2026-12-01T10:00:01.000Z", "credit", 3, 400, "[{\"age\": \"x\"}]", "null")
                .write(dir.resolve("requests-20261201T235959Z-1.jsonl.gz"));
        new Logs()
                .request("2026-12-02T08:00:00.000Z", "credit", 3, 200, "[{\"age\": 55, \"purpose\": \"car\", "
                        + "\"income\": 51000.5}]", "[{\"probability\": 0.2, \"label\": \"no\"}]")
                .raw("not json\n")
                .raw("{\"v\": 2, \"ts\": \"2026-12-02T08:00:02.000Z\", \"inputs\": []}\n")
                .request("2026-12-02T08:00:03.000Z", "credit", 4, 200, "[{\"age\": 33, \"purpose\": \"car\"}]",
                        "[{\"probability\": 0.4, \"label\": \"no\"}]")
                .raw("{\"v\": 1, \"ts\": \"2026-12-02T08:00:04.000Z\", \"model\": \"credit\", \"ver")
                .write(dir.resolve("requests.jsonl"));
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        assertTrue(RequestLogReader.isLogFolder(dir));

        RequestLogReader.Result r = new RequestLogReader().read(dir, RequestLogReader.Options.all(), Progress.NONE);
        assertEquals(List.of("requests-20261201T235959Z-1.jsonl.gz", "requests.jsonl"),
                r.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(4, r.requests());
        assertEquals(1, r.failed());
        assertEquals(1, r.malformed());
        assertEquals(1, r.newer());
        assertEquals(4, r.instances());
        assertEquals(Map.of("credit@3", 2L, "credit@4", 1L), r.versions());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("requests.jsonl:2")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("newer format (v 2)")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("2 model versions")), r.warnings().toString());

        DataTable t = r.read().table();
        assertEquals(4, t.rowCount());
        NumericColumn age = (NumericColumn) t.column("age").orElseThrow();
        assertEquals(41, age.values()[0]);
        assertEquals(33, age.values()[3]);
        NumericColumn income = (NumericColumn) t.column("income").orElseThrow();
        assertTrue(income.isMissing(0));
        assertEquals(51000.5, income.values()[2]);
        CategoricalColumn label = (CategoricalColumn) t.column(RequestLogReader.LABEL).orElseThrow();
        assertEquals("yes", label.value(1));
        NumericColumn p = (NumericColumn) t.column(RequestLogReader.PREDICTION).orElseThrow();
        assertEquals(0.7, p.values()[1]);
        DateTimeColumn ts = (DateTimeColumn) t.column(RequestLogReader.TS).orElseThrow();
        assertEquals(Instant.parse("2026-12-02T08:00:03Z").toEpochMilli(), ts.millis()[3]);
    }

    @Test
    void filtersByVersionAndTimeAndTypesAsTheReference() throws Exception {
        new Logs()
                .request("2026-12-01T10:00:00.000Z", "credit", 3, 200, "[{\"zip\": 1011, \"age\": 40}]",
                        "[{\"value\": 12.5}]")
                .request("2026-12-03T10:00:00.000Z", "credit", 3, 200, "[{\"zip\": 2022, \"age\": 41}]",
                        "[{\"value\": 13.5}]")
                .request("2026-12-03T11:00:00.000Z", "credit", 4, 200, "[{\"zip\": 3033, \"age\": 42}]",
                        "[{\"value\": 14.5}]")
                .write(dir.resolve("requests.jsonl"));
        RequestLogReader.Result r = new RequestLogReader().read(dir, new RequestLogReader.Options("credit", 3,
                Instant.parse("2026-12-02T00:00:00Z"), null, Map.of("zip", ColumnType.CATEGORICAL)), Progress.NONE);
        DataTable t = r.read().table();
        assertEquals(1, t.rowCount());
        assertEquals("2022", ((CategoricalColumn) t.column("zip").orElseThrow()).value(0));
        assertEquals(13.5, ((NumericColumn) t.column(RequestLogReader.PREDICTION).orElseThrow()).values()[0]);
        assertFalse(t.column(RequestLogReader.LABEL).isPresent(), "a regressor has no label");
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void aFolderWithoutLogsOrInstancesIsAClearError() throws Exception {
        assertFalse(RequestLogReader.isLogFolder(dir));
        UserError none = assertThrows(UserError.class, () -> new RequestLogReader().read(dir,
                RequestLogReader.Options.all(), Progress.NONE));
        assertTrue(none.getMessage().contains("There are no request logs in"), none.getMessage());
        new Logs().request("2026-12-01T10:00:00.000Z", "credit", 3, 500, "null", "null")
                .write(dir.resolve("requests.jsonl"));
        UserError empty = assertThrows(UserError.class, () -> new RequestLogReader().read(dir,
                RequestLogReader.Options.all(), Progress.NONE));
        assertTrue(empty.getMessage().contains("hold no answered request") && empty.getMessage().contains("1 failed"),
                empty.getMessage());
    }
}
