package io.mlwb.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as the runs table and {@code mlwb runs list} show it.
 *
 * @param id         catalog id
 * @param name       display name
 * @param experiment the experiment's name, or null
 * @param status     created, running, paused, finished, failed, stopped or interrupted
 * @param startMs    start (ms since the epoch), or null
 * @param endMs      end, or null while it runs
 * @param deleted    soft-deleted
 * @param parentId   the sweep it belongs to, or null
 * @param params     params
 * @param tags       tags
 * @param latest     the latest value of each metric
 * @param source     where it was imported from, or null for a run of mlwb
 */
public record TrackedRun(long id, String name, String experiment, String status, Long startMs, Long endMs,
                         boolean deleted, Long parentId, Map<String, String> params, Map<String, String> tags,
                         Map<String, Double> latest, Source source) {

    /** Copies the maps; a tag or param stored without a value reads as the empty text. */
    public TrackedRun {
        params = texts(params);
        tags = texts(tags);
        latest = Map.copyOf(latest);
    }

    private static Map<String, String> texts(Map<String, String> m) {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Where an imported run came from.
     *
     * @param kind {@code mlflow}, {@code tensorboard} or {@code dvclive}
     * @param id   the run's id in the source
     * @param path the source's path
     */
    public record Source(String kind, String id, String path) {
    }

    /**
     * @param field {@code id}, {@code name}, {@code status}, {@code experiment}, {@code metrics.X}, {@code params.X},
     *              {@code tags.X}
     * @return its value for a filter
     */
    public Object field(String field) {
        if (field.startsWith("metrics.")) {
            return latest.get(field.substring(8));
        }
        if (field.startsWith("params.")) {
            return params.get(field.substring(7));
        }
        if (field.startsWith("tags.")) {
            return tags.get(field.substring(5));
        }
        return switch (field) {
            case "id" -> (double) id;
            case "name" -> name;
            case "status" -> status;
            case "experiment" -> experiment;
            default -> null;
        };
    }

    /** @return the RUN object of the CLI's JSON contract (docs/cli.md, mlwb runs list) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("experiment", experiment);
        m.put("status", status);
        m.put("start_ms", startMs);
        m.put("end_ms", endMs);
        m.put("deleted", deleted);
        m.put("parent_id", parentId);
        m.put("params", new java.util.TreeMap<>(params));
        m.put("tags", new java.util.TreeMap<>(tags));
        Map<String, Object> l = new java.util.TreeMap<>();
        latest.forEach((k, v) -> l.put(k, number(v)));
        m.put("latest", l);
        if (source == null) {
            m.put("source", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", source.kind());
            s.put("id", source.id());
            s.put("path", source.path());
            m.put("source", s);
        }
        return m;
    }

    /**
     * @param v a metric value
     * @return the number, or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (the JSON contract)
     */
    public static Object number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }
}
