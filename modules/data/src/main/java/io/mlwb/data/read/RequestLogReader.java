package io.mlwb.data.read;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a folder of the inference server's request logs (docs/request-log.md) as a table: one row per instance of
 * each answered request (status 200, inputs logged), one column per input name, plus {@value #TS} (when),
 * {@value #PREDICTION} (the probability of a binary classifier, or the regressor's value) and {@value #LABEL} (the
 * predicted label). The rows are handed to {@link TableReader} as JSON Lines, so columns are typed as any JSON Lines
 * file is, or as the caller says (the reference dataset's types). Failed requests, malformed lines and lines of a
 * newer format are counted and reported, never fatal; a last line without its newline (a write in progress) is
 * skipped silently. Holds everything read in memory, as {@link TableReader} does.
 */
public final class RequestLogReader {
    /** The newest format version this build reads ({@code "v"} of each line). */
    public static final int FORMAT = 1;
    /** The column holding each request's time. */
    public static final String TS = "__ts";
    /** The column holding each instance's predicted probability (binary) or value (regression). */
    public static final String PREDICTION = "__prediction";
    /** The column holding each instance's predicted label. */
    public static final String LABEL = "__label";
    /** Names of the files of a log folder: the active file and the rotated ones, gzip-compressed or not. */
    public static final Pattern FILE = Pattern.compile("requests(-[0-9]{8}T[0-9]{6}Z-[0-9]+)?\\.jsonl(\\.gz)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to keep and how to type it.
     *
     * @param model   keep only lines of this model, or null for all
     * @param version keep only lines of this version (with {@code model}), or null for all
     * @param since   keep lines at or after this time, or null
     * @param until   keep lines before this time, or null
     * @param types   column types to use (the reference's), by input name; others are inferred
     */
    public record Options(String model, Integer version, Instant since, Instant until, Map<String, ColumnType> types) {
        /** Copies the map. */
        public Options {
            types = types == null ? Map.of() : Map.copyOf(types);
        }

        /** @return every line, types inferred */
        public static Options all() {
            return new Options(null, null, null, null, Map.of());
        }
    }

    /**
     * What was read.
     *
     * @param read      the table (and what was detected, and the table reader's warnings)
     * @param files     the log files read, in order
     * @param requests  lines kept (answered or failed)
     * @param instances rows of the table
     * @param failed    lines of failed requests (status other than 200) or without inputs, left out
     * @param malformed lines that are not JSON objects of this format, left out
     * @param newer     lines of a newer format version, left out
     * @param versions  lines per {@code NAME@VERSION} that answered, among those kept
     * @param warnings  one sentence per kind of line left out, naming the first file and line
     */
    public record Result(ReadResult read, List<Path> files, long requests, long instances, long failed,
                         long malformed, long newer, Map<String, Long> versions, List<String> warnings) {
        /** Copies the collections. */
        public Result {
            files = List.copyOf(files);
            versions = Map.copyOf(versions);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param dir a folder
     * @return whether it holds request logs
     */
    public static boolean isLogFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> FILE.matcher(p.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param dir      the log folder
     * @param options  what to keep and how to type it
     * @param progress told after each file; cancelling stops between files
     * @return the table and what was left out
     * @throws UserError (exit 2) when the folder holds no log file or no instance is left to read
     */
    public Result read(Path dir, Options options, Progress progress) {
        Objects.requireNonNull(options, "options");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted(RequestLogReader::order)
                    .toList();
        } catch (IOException e) {
            throw new UserError("Cannot list the request logs in " + dir + ": " + e.getMessage(),
                    "Check that the folder exists and that you may read it.", ExitCode.BAD_INPUT, e);
        }
        if (files.isEmpty()) {
            throw new UserError("There are no request logs in " + dir + ".",
                    "Name the folder where the server writes requests.jsonl (see docs/request-log.md).");
        }
        Tally t = new Tally();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(rows)) {
            out.setRootValueSeparator(null);
            int done = 0;
            for (Path f : files) {
                progress.checkCancelled();
                readFile(f, options, t, out);
                progress.report((double) ++done / files.size(), done + " of " + files.size() + " log files");
            }
        } catch (IOException e) {
            throw new UserError("Cannot read the request logs in " + dir + ": " + e.getMessage(),
                    "Check that the files are readable.", ExitCode.BAD_INPUT, e);
        }
        if (t.instances == 0) {
            throw new UserError("The request logs in " + dir + " hold no answered request with logged inputs"
                    + (options.model() == null ? "" : " of " + options.model() + (options.version() == null ? ""
                    : "@" + options.version())) + " (" + t.requests + " kept, " + t.failed + " failed, "
                    + t.malformed + " malformed).", "Check the model, version and time window asked for, and that "
                    + "the server logs inputs.");
        }
        Map<String, ColumnType> types = new LinkedHashMap<>(options.types());
        types.put(TS, ColumnType.DATETIME);
        if (t.predictions > 0) {
            types.put(PREDICTION, ColumnType.NUMERIC);
        }
        if (t.labels > 0) {
            types.put(LABEL, ColumnType.CATEGORICAL);
        }
        ReadResult read = new TableReader().read(rows.toByteArray(), dir.getFileName() + "/requests.jsonl",
                ReadOptions.defaults().withFormat(DataFormat.JSONL).withColumnTypes(types), progress);
        List<String> warnings = new ArrayList<>(t.warnings.values());
        if (options.model() == null && t.versions.size() > 1) {
            warnings.add("the logs hold requests answered by " + t.versions.size() + " model versions ("
                    + String.join(", ", t.versions.keySet()) + "); pass a model version to keep one");
        }
        return new Result(read, files, t.requests, t.instances, t.failed, t.malformed, t.newer, t.versions, warnings);
    }

    /** Rotated files by name (their time), the active file last. */
    private static int order(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        boolean ax = x.startsWith("requests.");
        boolean by = y.startsWith("requests.");
        if (ax != by) {
            return ax ? 1 : -1;
        }
        return x.compareTo(y);
    }

    private static final class Tally {
        long requests;
        long instances;
        long failed;
        long malformed;
        long newer;
        long predictions;
        long labels;
        final Map<String, Long> versions = new TreeMap<>();
        final Map<String, String> warnings = new LinkedHashMap<>();

        void warn(String kind, String text) {
            warnings.putIfAbsent(kind, text);
        }
    }

    private static void readFile(Path f, Options o, Tally t, JsonGenerator out) throws IOException {
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int no = 0;
            int c;
            while (true) {
                line.setLength(0);
                boolean ended = false;
                while ((c = r.read()) >= 0) {
                    if (c == '\n') {
                        ended = true;
                        break;
                    }
                    line.append((char) c);
                }
                if (!ended) {
                    break; // end of file; a last line without '\n' is a write in progress
                }
                no++;
                if (line.toString().isBlank()) {
                    continue;
                }
                line(f, no, line.toString(), o, t, out);
            }
        }
    }

    private static void line(Path f, int no, String text, Options o, Tally t, JsonGenerator out) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject() || !n.path("v").canConvertToInt() || !n.path("ts").isTextual()) {
            t.malformed++;
            t.warn("malformed", "lines that are not request records were left out (first: " + f.getFileName() + ":"
                    + no + ")");
            return;
        }
        if (n.path("v").asInt() > FORMAT) {
            t.newer++;
            t.warn("newer", "lines of a newer format (v " + n.path("v").asInt() + ") were left out (first: "
                    + f.getFileName() + ":" + no + "); upgrade mlwb to read them");
            return;
        }
        Instant ts;
        try {
            ts = Instant.parse(n.path("ts").asText());
        } catch (DateTimeParseException e) {
            t.malformed++;
            t.warn("malformed", "lines that are not request records were left out (first: " + f.getFileName() + ":"
                    + no + ", ts '" + n.path("ts").asText() + "')");
            return;
        }
        String model = n.path("model").asText(null);
        Integer version = n.path("version").canConvertToInt() ? n.path("version").asInt() : null;
        if (o.model() != null && (!o.model().equals(model) || o.version() != null && !o.version().equals(version))
                || o.since() != null && ts.isBefore(o.since()) || o.until() != null && !ts.isBefore(o.until())) {
            return;
        }
        t.requests++;
        JsonNode inputs = n.path("inputs");
        if (n.path("status").asInt(0) != 200 || !inputs.isArray()) {
            t.failed++;
            return;
        }
        t.versions.merge(model + "@" + version, 1L, Long::sum);
        JsonNode preds = n.path("predictions");
        String when = n.path("ts").asText();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode in = inputs.get(i);
            if (!in.isObject()) {
                continue;
            }
            out.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("__")) {
                    continue;
                }
                out.writeFieldName(e.getKey());
                out.writeTree(e.getValue());
            }
            out.writeStringField(TS, when);
            JsonNode p = preds.isArray() && i < preds.size() ? preds.get(i) : null;
            if (p != null) {
                JsonNode score = p.has("probability") ? p.get("probability") : p.get("value");
                if (score != null && score.isNumber()) {
                    out.writeNumberField(PREDICTION, score.asDouble());
                    t.predictions++;
                }
                if (p.path("label").isValueNode() && !p.path("label").isNull()) {
                    out.writeStringField(LABEL, p.path("label").asText());
                    t.labels++;
                }
            }
            out.writeEndObject();
            out.writeRaw('\n');
            t.instances++;
        }
    }
}
