package io.mlwb.data.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two profiles in the {@code mlwb profile --json} shape ({@code {"rows": N, "columns": [{"name", "type",
 * "count", "missing", "distinct", "mean", ...}]}}). Works on the JSON tree, so profiles stored by older or newer
 * versions of the profiler still compare: a statistic is compared when it is a number in both.
 *
 * <p>Columns are matched by name. For each column in both, every top-level numeric field present in both becomes a
 * {@link StatDelta}; nested fields (top values, histograms) and {@code null}s (undefined statistics) are skipped.
 * When a profile has no {@code missingPct}, it is computed as {@code 100 * missing / rows}.
 */
public final class ProfileDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING_PCT = "missingPct";

    /** Creates a diff; it holds no state. */
    public ProfileDiff() {
        // stateless
    }

    /**
     * Compares two profiles given as JSON text.
     *
     * @param beforeJson the earlier profile
     * @param afterJson  the later profile
     * @return the difference
     * @throws UserError when either text is not a profile
     */
    public DiffResult diff(String beforeJson, String afterJson) {
        return diff(parse(beforeJson, "earlier"), parse(afterJson, "later"));
    }

    /**
     * Compares two profiles given as JSON trees.
     *
     * @param before the earlier profile
     * @param after  the later profile
     * @return the difference
     */
    public DiffResult diff(JsonNode before, JsonNode after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        long rowsBefore = before.path("rows").asLong(0);
        long rowsAfter = after.path("rows").asLong(0);
        Map<String, JsonNode> colsBefore = columns(before);
        Map<String, JsonNode> colsAfter = columns(after);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<TypeChange> typeChanges = new ArrayList<>();
        List<StatDelta> deltas = new ArrayList<>();
        for (String name : colsBefore.keySet()) {
            if (!colsAfter.containsKey(name)) {
                removed.add(name);
            }
        }
        for (Map.Entry<String, JsonNode> e : colsAfter.entrySet()) {
            String name = e.getKey();
            JsonNode b = colsBefore.get(name);
            if (b == null) {
                added.add(name);
                continue;
            }
            JsonNode a = e.getValue();
            String typeBefore = b.path("type").asText("");
            String typeAfter = a.path("type").asText("");
            if (!typeBefore.equals(typeAfter)) {
                typeChanges.add(new TypeChange(name, typeBefore, typeAfter));
            }
            Map<String, Double> statsBefore = stats(b, rowsBefore);
            Map<String, Double> statsAfter = stats(a, rowsAfter);
            for (Map.Entry<String, Double> s : statsBefore.entrySet()) {
                Double later = statsAfter.get(s.getKey());
                if (later != null) {
                    deltas.add(new StatDelta(name, s.getKey(), s.getValue(), later, relative(s.getValue(), later)));
                }
            }
        }
        return new DiffResult(rowsBefore, rowsAfter, added, removed, typeChanges, deltas);
    }

    private static Map<String, JsonNode> columns(JsonNode profile) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode c : profile.path("columns")) {
            JsonNode name = c.get("name");
            if (name != null && name.isTextual()) {
                byName.putIfAbsent(name.asText(), c);
            }
        }
        return byName;
    }

    private static Map<String, Double> stats(JsonNode column, long rows) {
        Map<String, Double> stats = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = column.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isNumber()) {
                stats.put(f.getKey(), f.getValue().asDouble());
            }
        }
        if (!stats.containsKey(MISSING_PCT) && stats.containsKey("missing") && rows > 0) {
            stats.put(MISSING_PCT, 100.0 * stats.get("missing") / rows);
        }
        return stats;
    }

    private static double relative(double before, double after) {
        if (before == 0) {
            return after == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, after);
        }
        return (after - before) / Math.abs(before);
    }

    private static JsonNode parse(String json, String which) {
        Objects.requireNonNull(json, "json");
        try {
            JsonNode root = JSON.readTree(json);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException e) {
            throw new UserError("The " + which + " profile is not valid JSON: " + e.getOriginalMessage(),
                    "Profile that version again.", ExitCode.BAD_INPUT, e);
        }
        throw new UserError("The " + which + " profile is not a JSON object.", "Profile that version again.");
    }
}
