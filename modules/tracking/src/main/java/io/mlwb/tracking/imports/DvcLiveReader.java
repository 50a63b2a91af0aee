package io.mlwb.tracking.imports;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlwb.core.error.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DVCLive output folders (DVCLive 2 and 3): {@code metrics.json} (the latest values, nested by {@code /} in
 * metric names), {@code params.yaml}, and one {@code plots/metrics/NAME.tsv} per metric with the columns
 * {@code [timestamp] step NAME} (DVCLive writes the timestamp column only when asked to; without it a point's time is
 * 0). Non-numeric values (DVCLive also logs strings) are skipped. The named folder is one run when it holds that layout; otherwise every folder below
 * it that does is a run (several experiments side by side).
 */
public final class DvcLiveReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(DvcLiveReader.class);
    /** metrics.json comes from Python's json.dump, which writes NaN and Infinity bare. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public String kind() {
        return "dvclive";
    }

    @Override
    public List<ImportedRun> read(Path path) {
        if (!Files.isDirectory(path)) {
            throw new UserError("no DVCLive folder at " + path,
                    "Name the folder DVCLive wrote (by default `dvclive/`, holding metrics.json and plots/metrics/).");
        }
        List<Path> folders = new ArrayList<>();
        if (isDvcLive(path)) {
            folders.add(path);
        } else {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(Files::isDirectory).filter(DvcLiveReader::isDvcLive).sorted().forEach(folders::add);
            } catch (IOException e) {
                throw new UserError("cannot read " + path + ": " + e.getMessage(), "Check the folder's permissions.");
            }
            // a DVCLive folder's own plots/ are not runs of their own
            folders.removeIf(f -> folders.stream().anyMatch(o -> !o.equals(f) && f.startsWith(o)));
        }
        if (folders.isEmpty()) {
            throw new UserError("no DVCLive output in " + path + " (no metrics.json or plots/metrics/ found)",
                    "Name the folder DVCLive wrote (by default `dvclive/`), or a folder holding several of them.");
        }
        String experiment = folderName(path);
        List<ImportedRun> runs = new ArrayList<>();
        for (Path f : folders) {
            runs.add(readRun(path, f, experiment));
        }
        return runs;
    }

    private static boolean isDvcLive(Path dir) {
        return Files.isRegularFile(dir.resolve("metrics.json")) || Files.isDirectory(dir.resolve("plots/metrics"));
    }

    private static String folderName(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    private static ImportedRun readRun(Path root, Path dir, String experiment) {
        String rel = root.relativize(dir).toString().replace('\\', '/');
        String sourceId = rel.isEmpty() ? "." : rel;
        String name = rel.isEmpty() ? folderName(dir) : rel;
        Map<String, ImportedSeries> series = new TreeMap<>();
        Path plots = dir.resolve("plots/metrics");
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        List<String> artifacts = new ArrayList<>();
        if (Files.isDirectory(plots)) {
            List<Path> tsvs;
            try (Stream<Path> s = Files.walk(plots)) {
                tsvs = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
            } catch (IOException e) {
                throw new UserError("cannot read " + plots + ": " + e.getMessage(), "Check the folder's permissions.");
            }
            for (Path tsv : tsvs) {
                String metric = plots.relativize(tsv).toString().replace('\\', '/');
                metric = metric.substring(0, metric.length() - ".tsv".length());
                ImportedSeries s = readTsv(tsv, metric);
                series.put(metric, s);
                for (long t : s.times()) {
                    if (t > 0) { // 0: DVCLive wrote no timestamp column
                        start = Math.min(start, t);
                        end = Math.max(end, t);
                    }
                }
            }
        }
        Map<String, Double> latest = null;
        Path metricsJson = dir.resolve("metrics.json");
        if (Files.isRegularFile(metricsJson)) {
            JsonNode node;
            try {
                node = JSON.readTree(metricsJson.toFile());
            } catch (IOException e) {
                throw new UserError("cannot read " + metricsJson + ": " + firstLine(e.getMessage()),
                        "It should be the JSON object DVCLive writes; fix or remove it.");
            }
            if (node == null || !node.isObject()) {
                throw new UserError(metricsJson + " is not a JSON object", "It should be the object DVCLive writes.");
            }
            latest = new TreeMap<>();
            flattenMetrics(node, "", latest, metricsJson);
            artifacts.add(metricsJson.toAbsolutePath().normalize().toString());
        }
        Map<String, String> params = new TreeMap<>();
        Path paramsYaml = dir.resolve("params.yaml");
        if (Files.isRegularFile(paramsYaml)) {
            JsonNode node;
            try {
                node = YAML.readTree(paramsYaml.toFile());
            } catch (IOException e) {
                throw new UserError("cannot read " + paramsYaml + ": " + firstLine(e.getMessage()),
                        "It should be the YAML mapping DVCLive writes; fix or remove it.");
            }
            if (node != null && !node.isNull() && !node.isMissingNode()) {
                if (!node.isObject()) {
                    throw new UserError(paramsYaml + " is not a mapping of params", "Fix or remove it.");
                }
                flattenParams(node, "", params);
            }
        }
        return new ImportedRun(sourceId, name, experiment, "finished", start == Long.MAX_VALUE ? null : start,
                end == Long.MIN_VALUE ? null : end, false, null, params, Map.of(), series, latest,
                List.copyOf(artifacts));
    }

    private static ImportedSeries readTsv(Path tsv, String metric) {
        ImportedSeries.Builder b = new ImportedSeries.Builder();
        try (BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return b.build();
            }
            String[] cols = header.split("\t", -1);
            int ti = -1;
            int si = -1;
            for (int i = 0; i < cols.length; i++) {
                if (cols[i].equals("timestamp")) {
                    ti = i;
                } else if (cols[i].equals("step")) {
                    si = i;
                }
            }
            int vi = cols.length - 1;
            if (si < 0 || vi == ti || vi == si) {
                throw new UserError(tsv + ": header `" + header + "` is not DVCLive's (timestamp, step, value)",
                        "This file was not written by DVCLive 2 or 3, or a newer DVCLive changed its layout.");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != cols.length) {
                    throw new UserError(tsv + " line " + lineNo + ": " + f.length + " fields, the header has "
                            + cols.length, "The file is damaged; fix or remove the line.");
                }
                long step;
                long time;
                try {
                    step = parseLong(f[si]);
                    time = ti < 0 ? 0 : parseLong(f[ti]);
                } catch (NumberFormatException e) {
                    throw new UserError(tsv + " line " + lineNo + ": `" + line + "` has no integer step and "
                            + "timestamp", "The file is damaged; fix or remove the line.");
                }
                double value;
                try {
                    value = parseValue(f[vi]);
                } catch (NumberFormatException e) {
                    LOG.info("{} line {}: `{}` is not a number; skipped", tsv, lineNo, f[vi]);
                    continue;
                }
                b.add(step, time, value);
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + tsv + ": " + e.getMessage(), "Check the file's permissions.");
        }
        return b.build();
    }

    private static long parseLong(String s) {
        String t = s.trim();
        if (t.contains(".") || t.contains("e") || t.contains("E")) {
            double d = Double.parseDouble(t);
            if (d != Math.rint(d)) {
                throw new NumberFormatException(t);
            }
            return (long) d;
        }
        return Long.parseLong(t);
    }

    /** Python's str(float) and the JSON spellings DVCLive may leave: nan, inf, -inf, NaN, Infinity. */
    static double parseValue(String s) {
        String t = s.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "true":
                return 1;
            case "false":
                return 0;
            default:
                return Double.parseDouble(t);
        }
    }

    private static void flattenMetrics(JsonNode node, String prefix, Map<String, Double> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (prefix.isEmpty() && key.equals("step")) {
                continue; // DVCLive's own step counter, not a metric
            }
            if (v.isObject()) {
                flattenMetrics(v, key + "/", out, file);
            } else if (v.isNumber()) {
                out.put(key, v.doubleValue());
            } else if (v.isTextual()) {
                try {
                    out.put(key, parseValue(v.asText()));
                } catch (NumberFormatException ex) {
                    // a non-numeric summary value (a label, a path): not a metric
                }
            } else if (v.isBoolean()) {
                out.put(key, v.booleanValue() ? 1.0 : 0.0);
            }
        }
    }

    private static void flattenParams(JsonNode node, String prefix, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flattenParams(v, key + ".", out);
            } else if (v.isValueNode()) {
                out.put(key, v.isNull() ? "" : v.asText());
            } else {
                out.put(key, v.toString());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

}
