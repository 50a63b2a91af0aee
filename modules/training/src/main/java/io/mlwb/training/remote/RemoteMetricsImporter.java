package io.mlwb.training.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metrics of a remote run back: our container's JSON lines ({@code {"name": "val_loss", "step": 3,
 * "value": 0.41, "time": 1764750000000}}, one per line, what {@code mlwb train --metrics-jsonl} writes), a SageMaker
 * {@code describe-training-job} answer (its {@code FinalMetricDataList}), or a CloudWatch export
 * ({@code Timestamp,MetricName,Value} CSV). Malformed lines are reported with their line number and skipped; the
 * caller decides whether to go on.
 */
public final class RemoteMetricsImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteMetricsImporter() {
    }

    /**
     * One metric point.
     *
     * @param name       the metric
     * @param step       its step (for a final metric: 0)
     * @param value      its value
     * @param timeMillis when it was logged
     */
    public record Point(String name, long step, double value, long timeMillis) {
    }

    /**
     * What a file held.
     *
     * @param format   {@code jsonl}, {@code sagemaker} or {@code cloudwatch-csv}
     * @param points   the points, in file order
     * @param warnings skipped lines, with their numbers
     */
    public record Imported(String format, List<Point> points, List<String> warnings) {
        /** Copies the lists. */
        public Imported {
            points = List.copyOf(points);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param file the file
     * @return its points
     * @throws UserError when the file cannot be read or is none of the formats
     */
    public static Imported parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), "Check the path.");
        }
        String t = text.stripLeading();
        if (t.startsWith("{") && !t.contains("\n{")) {
            try {
                JsonNode root = JSON.readTree(t);
                if (root.has("FinalMetricDataList")) {
                    return sagemaker(root);
                }
            } catch (IOException e) {
                // not one JSON document: JSON lines below
            }
        }
        if (t.startsWith("{")) {
            return jsonLines(text);
        }
        String first = t.lines().findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
        if (first.contains("metricname") || first.contains("metric_name")) {
            return csv(text);
        }
        throw new UserError(file + " is not a metrics file mlwb reads (JSON lines, a SageMaker describe-training-job "
                + "answer, or a Timestamp,MetricName,Value CSV)", "See docs/remote-training.md for the formats.");
    }

    private static Imported jsonLines(String text) {
        List<Point> points = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (!n.path("name").isTextual() || !n.path("value").isNumber()) {
                    warnings.add("line " + (i + 1) + ": needs a text \"name\" and a number \"value\"");
                    continue;
                }
                points.add(new Point(n.get("name").asText(), n.path("step").asLong(0), n.get("value").asDouble(),
                        n.path("time").asLong(0)));
            } catch (IOException e) {
                warnings.add("line " + (i + 1) + ": not JSON");
            }
        }
        return new Imported("jsonl", points, warnings);
    }

    private static Imported sagemaker(JsonNode root) {
        List<Point> points = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("FinalMetricDataList")) {
            i++;
            if (!m.path("MetricName").isTextual() || !m.path("Value").isNumber()) {
                warnings.add("FinalMetricDataList[" + (i - 1) + "]: needs MetricName and Value");
                continue;
            }
            long time = 0;
            JsonNode ts = m.path("Timestamp");
            if (ts.isNumber()) {
                time = (long) (ts.asDouble() * 1000);
            } else if (ts.isTextual()) {
                try {
                    time = Instant.parse(ts.asText()).toEpochMilli();
                } catch (RuntimeException e) {
                    time = 0;
                }
            }
            points.add(new Point(m.get("MetricName").asText(), 0, m.get("Value").asDouble(), time));
        }
        return new Imported("sagemaker", points, warnings);
    }

    private static Imported csv(String text) {
        List<Point> points = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n");
        String[] head = lines[0].strip().split(",");
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < head.length; i++) {
            col.put(head[i].strip().toLowerCase(java.util.Locale.ROOT).replace("_", ""), i);
        }
        Map<String, Long> steps = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split(",");
            try {
                String name = c[col.get("metricname")].strip();
                double value = Double.parseDouble(c[col.get("value")].strip());
                long time = col.containsKey("timestamp") ? Instant.parse(c[col.get("timestamp")].strip()).toEpochMilli()
                        : 0;
                long step = steps.merge(name, 1L, Long::sum);
                points.add(new Point(name, step, value, time));
            } catch (RuntimeException e) {
                warnings.add("line " + (i + 1) + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
            }
        }
        return new Imported("cloudwatch-csv", points, warnings);
    }
}
