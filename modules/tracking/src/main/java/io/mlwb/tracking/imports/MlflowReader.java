package io.mlwb.tracking.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlwb.core.error.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads an MLflow tracking store, read-only: the SQL store in SQLite ({@code mlflow.db}, see
 * {@link MlflowSqlReader}) or the file store ({@code mlruns/}). A path to a file is a SQLite store; a folder is a
 * file store when it holds experiment folders ({@code <id>/meta.yaml}) or a {@code .trash} folder, a folder holding
 * {@code mlflow.db} is that database, and a folder holding {@code mlruns/} is that file store.
 *
 * <p>File store layout (MLflow 1.x to 3.x): {@code <experiment>/meta.yaml}; {@code <experiment>/<run>/meta.yaml}
 * with the status as MLflow's enum number (1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED); one file per
 * metric under {@code metrics/} holding lines {@code timestamp value [step]} (Python's {@code nan}, {@code inf}
 * spellings), one file per param under {@code params/} and per tag under {@code tags/} holding the value; keys with
 * {@code /} are nested folders. Deleted experiments sit in {@code .trash/}; a deleted run keeps its folder with
 * {@code lifecycle_stage: deleted}.
 */
public final class MlflowReader implements SourceReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Folders inside an experiment folder that are not runs. */
    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models", "outputs");
    /** Artifacts listed per run, at most; a run with more is referenced by its artifact folder. */
    private static final int MAX_ARTIFACTS = 1000;

    private final List<String> warnings = new ArrayList<>();

    @Override
    public String kind() {
        return "mlflow";
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public List<ImportedRun> read(Path path) {
        if (Files.isRegularFile(path)) {
            return new MlflowSqlReader(warnings).read(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UserError("there is no MLflow store at " + path,
                    "Name an `mlflow.db` SQLite file or an `mlruns/` folder.");
        }
        if (isFileStore(path)) {
            return readFileStore(path);
        }
        if (Files.isRegularFile(path.resolve("mlflow.db"))) {
            return new MlflowSqlReader(warnings).read(path.resolve("mlflow.db"));
        }
        if (isFileStore(path.resolve("mlruns"))) {
            return readFileStore(path.resolve("mlruns"));
        }
        throw new UserError(path + " is not an MLflow store: it holds no experiment folders (`<id>/meta.yaml`), "
                + "no `mlflow.db` and no `mlruns/`", "Name an `mlflow.db` SQLite file or an `mlruns/` folder.");
    }

    private static boolean isFileStore(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.isDirectory(dir.resolve(".trash"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p.resolve("meta.yaml")));
        } catch (IOException e) {
            return false;
        }
    }

    private List<ImportedRun> readFileStore(Path root) {
        List<ImportedRun> runs = new ArrayList<>();
        List<Path> experiments = new ArrayList<>(subfolders(root));
        experiments.removeIf(p -> p.getFileName().toString().equals(".trash")
                || p.getFileName().toString().equals("models"));
        experiments.addAll(subfolders(root.resolve(".trash")));
        for (Path exp : experiments) {
            Path meta = exp.resolve("meta.yaml");
            if (!Files.isRegularFile(meta)) {
                continue;
            }
            JsonNode em = yaml(meta);
            String experiment = text(em, "name");
            if (experiment == null) {
                throw new UserError(meta + " has no experiment `name`",
                        "The file store is damaged or of a format mlwb does not understand; check that folder.");
            }
            for (Path runDir : subfolders(exp)) {
                if (NOT_RUNS.contains(runDir.getFileName().toString())
                        || !Files.isRegularFile(runDir.resolve("meta.yaml"))) {
                    continue;
                }
                runs.add(readRun(runDir, experiment, root));
            }
        }
        return parentsFirst(runs);
    }

    private ImportedRun readRun(Path dir, String experiment, Path root) {
        Path meta = dir.resolve("meta.yaml");
        JsonNode m = yaml(meta);
        String id = text(m, "run_id");
        if (id == null) {
            id = text(m, "run_uuid");
        }
        if (id == null) {
            throw new UserError(meta + " has no `run_id`",
                    "The file store is damaged or of a format mlwb does not understand; check that run's folder.");
        }
        Map<String, String> params = keyFiles(dir.resolve("params"));
        Map<String, String> tags = keyFiles(dir.resolve("tags"));
        Map<String, ImportedSeries> series = new TreeMap<>();
        Path metrics = dir.resolve("metrics");
        for (Map.Entry<String, Path> e : keyPaths(metrics).entrySet()) {
            series.put(e.getKey(), metricFile(e.getValue()));
        }
        String name = text(m, "run_name");
        if (name == null || name.isEmpty()) {
            name = tags.getOrDefault("mlflow.runName", id);
        }
        JsonNode st = m.get("status");
        String status;
        if (st == null || st.isNull()) {
            status = "RUNNING";
        } else if (st.isInt()) {
            status = switch (st.asInt()) {
                case 1 -> "RUNNING";
                case 2 -> "SCHEDULED";
                case 3 -> "FINISHED";
                case 4 -> "FAILED";
                case 5 -> "KILLED";
                default -> throw new UserError(meta + " has the run status " + st.asInt() + ", which mlwb does "
                        + "not understand", "It may come from a newer MLflow; the statuses known are 1 to 5.");
            };
        } else {
            status = st.asText();
        }
        // a store that was moved or copied keeps its artifacts beside the run while artifact_uri names the old place
        Path local = dir.resolve("artifacts");
        String uri = text(m, "artifact_uri");
        List<String> fromUri = artifacts(uri, root);
        boolean uriHere = !fromUri.isEmpty() && fromUri.stream().allMatch(s -> !s.contains(":/")
                && Files.exists(Path.of(s)));
        List<String> artifacts = Files.isDirectory(local) && !uriHere ? artifacts(local.toString(), null) : fromUri;
        return new ImportedRun(id, name, experiment, status(status, id), longOrNull(m, "start_time"),
                longOrNull(m, "end_time"), "deleted".equals(text(m, "lifecycle_stage")),
                tags.get("mlflow.parentRunId"), params, tags, series, null, artifacts);
    }

    /** Maps MLflow's run status onto ours. */
    static String status(String mlflow, String runId) {
        if (mlflow == null) {
            return "running";
        }
        return switch (mlflow.toUpperCase(Locale.ROOT)) {
            case "FINISHED" -> "finished";
            case "FAILED" -> "failed";
            case "KILLED" -> "stopped";
            case "RUNNING" -> "running";
            case "SCHEDULED" -> "created";
            default -> throw new UserError("run " + runId + " has the MLflow status `" + mlflow + "`, which mlwb "
                    + "does not understand", "The statuses known are FINISHED, FAILED, KILLED, RUNNING and "
                    + "SCHEDULED; the store may come from a newer MLflow.");
        };
    }

    /**
     * The run's artifacts, by reference: each file below a local artifact folder, or the URI itself when it is
     * remote or not on this machine.
     */
    static List<String> artifacts(String uri, Path storeDir) {
        if (uri == null || uri.isBlank()) {
            return List.of();
        }
        Path dir = null;
        try {
            if (uri.startsWith("file:")) {
                dir = Path.of(URI.create(uri));
            } else if (!uri.contains(":/") && !uri.contains("://")) {
                dir = storeDir == null ? Path.of(uri) : storeDir.resolve(uri).normalize();
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            dir = null;
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of(uri);
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().limit(MAX_ARTIFACTS + 1L)
                    .forEach(p -> out.add(p.toString()));
        } catch (IOException e) {
            return List.of(uri);
        }
        return out.size() > MAX_ARTIFACTS || out.isEmpty() ? List.of(dir.toString()) : out;
    }

    /** Orders runs so that a parent comes before its children (stable otherwise). */
    static List<ImportedRun> parentsFirst(List<ImportedRun> runs) {
        Map<String, ImportedRun> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.sourceId(), r));
        List<ImportedRun> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (ImportedRun r : runs) {
            place(r, byId, placed, out, new HashSet<>());
        }
        return out;
    }

    private static void place(ImportedRun r, Map<String, ImportedRun> byId, Set<String> placed,
                              List<ImportedRun> out, Set<String> visiting) {
        if (placed.contains(r.sourceId()) || !visiting.add(r.sourceId())) {
            return; // placed already, or a cycle of parents (kept in source order)
        }
        ImportedRun parent = r.parentSourceId() == null ? null : byId.get(r.parentSourceId());
        if (parent != null) {
            place(parent, byId, placed, out, visiting);
        }
        if (placed.add(r.sourceId())) {
            out.add(r);
        }
    }

    /** Parses Python's float spellings ({@code nan}, {@code inf}, {@code -inf}) as well as Java's. */
    static double pyFloat(String s) {
        String t = s.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(t);
        }
    }

    private static ImportedSeries metricFile(Path file) {
        ImportedSeries.Builder b = new ImportedSeries.Builder();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (parts.length != 2 && parts.length != 3) {
                    throw new UserError(file + " line " + lineNo + ": expected `timestamp value [step]`, found "
                            + parts.length + " fields", "The metric file is damaged; check that line.");
                }
                try {
                    long ts = Long.parseLong(parts[0]);
                    double v = pyFloat(parts[1]);
                    long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                    b.add(step, ts, v);
                } catch (NumberFormatException e) {
                    throw new UserError(file + " line " + lineNo + ": `" + line.trim() + "` is not "
                            + "`timestamp value [step]` numbers", "The metric file is damaged; check that line.");
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), "Check the file's permissions.");
        }
        return b.build();
    }

    /** Files below a folder by key: the relative path with {@code /} (keys with {@code /} are nested folders). */
    private static Map<String, Path> keyPaths(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                StringBuilder key = new StringBuilder();
                for (Path part : dir.relativize(p)) {
                    if (key.length() > 0) {
                        key.append('/');
                    }
                    key.append(part);
                }
                out.put(key.toString(), p);
            });
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage(), "Check the folder's permissions.");
        }
        return out;
    }

    private static Map<String, String> keyFiles(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : keyPaths(dir).entrySet()) {
            try {
                out.put(e.getKey(), Files.readString(e.getValue(), StandardCharsets.UTF_8));
            } catch (IOException | java.io.UncheckedIOException ex) {
                throw new UserError("cannot read " + e.getValue() + ": " + ex.getMessage(),
                        "Check the file's permissions and that it is UTF-8 text.");
            }
        }
        return out;
    }

    private static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), "Check the folder's permissions.");
        }
    }

    private static JsonNode yaml(Path file) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new UserError(file + " is not a YAML mapping", "The file store is damaged; check that file.");
            }
            return n;
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""),
                    "The file store is damaged; check that file.");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.canConvertToLong() && !v.isTextual() ? null
                : v.isTextual() ? parseLongOrNull(v.asText()) : Long.valueOf(v.asLong());
    }

    private static Long parseLongOrNull(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
