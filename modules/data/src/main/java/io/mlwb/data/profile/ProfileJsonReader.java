package io.mlwb.data.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.DateKind;
import io.mlwb.data.table.DateStyle;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the JSON that {@link ProfileJson} writes back into a {@link DatasetProfile}: the exact inverse of the
 * writer, so a stored profile (the catalog's cache) can be shown without profiling the file again.
 *
 * <p>Guarantees: {@code read(toJson(p))} equals {@code p} field by field, doubles bit for bit, with one exception:
 * the writer writes every non-finite number (NaN, +∞, −∞) as {@code null}, and every {@code null} comes back as
 * NaN, so an infinity (say, an infinite top value of a numeric column) returns as NaN. The round trip is stable:
 * {@code toJson(read(toJson(p)))} equals {@code toJson(p)} character for character. Top values come back typed by
 * their column: {@link Double} for numeric columns, {@link Boolean} for boolean columns, the ISO-8601
 * {@link String} for date columns (as the profiler makes them) and the text otherwise. Dates are read in their
 * column's kind ({@code "dateKind"}); profiles stored before dates had a kind (instants with {@code Z}, histogram
 * edges as epoch milliseconds) still read, as UTC instants or dates. Fields the writer derives
 * ({@code infinities}) are ignored; fields this reader does not know are ignored, so newer writers stay readable.
 * A streaming profile's {@code "approximate"} object comes back in its order; without it the profile is exact.
 *
 * <p>Both shapes of correlations are read (see {@link ProfileJson}): the full matrices (every profile stored before
 * the pairs shape, and {@code --full-correlations}) come back whole; the pairs shape comes back as matrices over its
 * {@code columns} that hold the listed pairs (both ways round) and NaN everywhere else, the diagonal included. The
 * guarantees above hold for the full shape; for the pairs shape the matrices hold what was listed, and writing them
 * again with the same options lists the same pairs.
 */
public final class ProfileJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ProfileJsonReader() {
    }

    /**
     * Reads a profile.
     *
     * @param json the profile in the {@code mlwb profile --json} shape, as {@link ProfileJson} writes it
     * @return the profile
     * @throws IllegalArgumentException when {@code json} is not JSON or lacks a field the writer always writes
     */
    public static DatasetProfile read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a profile: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Not a profile: the JSON is not an object");
        }
        List<ColumnProfile> columns = new ArrayList<>();
        for (JsonNode c : array(root, "columns")) {
            columns.add(column(c));
        }
        JsonNode corr = required(root, "correlations");
        Correlations correlations = new Correlations(matrix(corr, "pearson"), matrix(corr, "spearman"),
                matrix(corr, "cramersV"));
        List<TargetAssociation> target = new ArrayList<>();
        for (JsonNode t : array(root, "target")) {
            target.add(new TargetAssociation(text(t, "column"), num(t, "pearson"), num(t, "spearman"),
                    num(t, "pointBiserial"), num(t, "cramersV")));
        }
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : array(root, "alerts")) {
            alerts.add(new Alert(alertType(text(a, "type")), optionalText(a, "column"), optionalText(a, "otherColumn"),
                    num(a, "value"), text(a, "message")));
        }
        Map<String, String> approximate = new LinkedHashMap<>();
        JsonNode approx = root.get("approximate");
        if (approx != null && approx.isObject()) {
            for (Map.Entry<String, JsonNode> e : approx.properties()) {
                approximate.put(e.getKey(), e.getValue().asText());
            }
        }
        return new DatasetProfile(integer(root, "rows"), (int) integer(root, "columnsCount"),
                integer(root, "missingCells"), integer(root, "duplicateRows"), integer(root, "memoryBytes"), columns,
                correlations, target, alerts, approximate);
    }

    private static ColumnProfile column(JsonNode c) {
        String name = text(c, "name");
        ColumnType type = columnType(text(c, "type"));
        NumericStats numeric = null;
        if (c.has("finiteCount")) {
            numeric = new NumericStats(integer(c, "finiteCount"), num(c, "sum"), num(c, "mean"), num(c, "std"),
                    num(c, "min"), num(c, "max"), num(c, "p5"), num(c, "p25"), num(c, "p50"), num(c, "p75"),
                    num(c, "p95"), num(c, "skewness"), num(c, "kurtosis"), integer(c, "zeros"),
                    integer(c, "negatives"), integer(c, "positiveInfinities"), integer(c, "negativeInfinities"));
        }
        // the writer leaves "imbalance" out when it is NaN (numeric, date and text columns)
        double imbalance = c.has("imbalance") ? num(c, "imbalance") : Double.NaN;
        TextStats text = c.has("minLength")
                ? new TextStats((int) integer(c, "minLength"), num(c, "meanLength"), (int) integer(c, "maxLength"))
                : null;
        BooleanStats bool = c.has("trueCount") ? new BooleanStats(integer(c, "trueCount"), integer(c, "falseCount"))
                : null;
        DateStats date = null;
        DateStyle style = type == ColumnType.DATETIME ? DateStyle.UTC : null;
        if (c.has("largestGapMillis")) {
            style = dateStyle(c);
            date = new DateStats(instant(required(c, "min"), style), instant(required(c, "max"), style),
                    integer(c, "largestGapMillis"), c.has("missingDays") ? integer(c, "missingDays") : -1, style);
        }
        List<TopValue> top = new ArrayList<>();
        for (JsonNode t : array(c, "top")) {
            top.add(new TopValue(topValue(type, required(t, "value")), integer(t, "count")));
        }
        Histogram histogram = null;
        JsonNode h = c.get("histogram");
        if (h != null && !h.isNull()) {
            JsonNode counts = array(h, "counts");
            double[] e;
            if (h.get("edges") == null && h.get("bins") != null) {
                // evenly spaced edges written as min, max and bins (ProfileJson): numpy's linspace rebuilds them
                e = NumericMath.linspace(num(h, "min"), num(h, "max"), (int) integer(h, "bins") + 1);
            } else {
                JsonNode edges = array(h, "edges");
                e = new double[edges.size()];
                for (int i = 0; i < e.length; i++) {
                    JsonNode edge = edges.get(i);
                    e[i] = style != null && edge.isTextual() ? instant(edge, style).toEpochMilli()
                            : number(edge, "histogram.edges");
                }
            }
            long[] n = new long[counts.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = integral(counts.get(i), "histogram.counts");
            }
            histogram = new Histogram(e, n);
        }
        return new ColumnProfile(name, type, integer(c, "count"), integer(c, "missing"), num(c, "missingPct"),
                integer(c, "distinct"), imbalance, numeric, top, histogram, text, date, bool);
    }

    private static Object topValue(ColumnType type, JsonNode v) {
        return switch (type) {
            case NUMERIC -> number(v, "top.value");
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException("Not a profile: a top value of a boolean column is " + v);
                }
                yield v.booleanValue();
            }
            default -> {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException("Not a profile: a top value of a " + type.yamlName()
                            + " column is " + v);
                }
                yield v.textValue();
            }
        };
    }

    private static CorrelationMatrix matrix(JsonNode correlations, String field) {
        JsonNode m = required(correlations, field);
        if (!m.isObject()) {
            throw new IllegalArgumentException("Not a profile: correlations." + field + " is not an object");
        }
        // in the full shape every member is an object (a row); in the pairs shape "columns" is an array
        if (m.path("columns").isArray()) {
            return pairs(m, field);
        }
        List<String> names = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            names.add(e.getKey());
            rows.add(e.getValue());
        }
        double[][] values = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                values[i][j] = number(required(rows.get(i), names.get(j)), "correlations." + field);
            }
        }
        return new CorrelationMatrix(names, values);
    }

    /**
     * The style of a date column. Profiles written before columns had a kind carry no {@code "dateKind"}: they held
     * dates (with {@code "missingDays"}) or UTC instants, and come back as such.
     */
    private static DateStyle dateStyle(JsonNode c) {
        if (!c.has("dateKind")) {
            // "missingDays" is written for date-only columns only (it is never negative there)
            return c.has("missingDays") ? DateStyle.DATE : DateStyle.UTC;
        }
        try {
            DateKind kind = DateKind.ofJsonName(text(c, "dateKind"));
            String offset = optionalText(c, "dateOffset");
            String pattern = optionalText(c, "dateFormat");
            return DateStyle.of(kind, pattern == null ? "yyyy-MM-dd'T'HH:mm:ss" : pattern,
                    kind == DateKind.OFFSET ? ZoneOffset.of(offset == null ? "Z" : offset) : null);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a profile: bad date kind, format or offset: " + e.getMessage(), e);
        }
    }

    /** A date as written (ISO-8601 text in the column's kind), or epoch milliseconds as older profiles have them. */
    private static Instant instant(JsonNode v, DateStyle style) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Instant.ofEpochMilli(v.longValue());
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(Math.round(v.doubleValue()));
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("Not a profile: a date is " + v);
        }
        try {
            return Instant.ofEpochMilli(style.parse(v.textValue()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Not a profile: '" + v.textValue() + "' is not an ISO-8601 date", e);
        }
    }

    private static ColumnType columnType(String name) {
        try {
            return ColumnType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a profile: unknown column type '" + name + "'", e);
        }
    }

    private static AlertType alertType(String name) {
        try {
            return AlertType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a profile: unknown alert type '" + name + "'", e);
        }
    }

    private static JsonNode required(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null) {
            throw new IllegalArgumentException("Not a profile: field '" + field + "' is missing");
        }
        return v;
    }

    private static JsonNode array(JsonNode parent, String field) {
        JsonNode v = required(parent, field);
        if (!v.isArray()) {
            throw new IllegalArgumentException("Not a profile: field '" + field + "' is not an array");
        }
        return v;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode v = required(parent, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("Not a profile: field '" + field + "' is not a string");
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : text(parent, field);
    }

    private static long integer(JsonNode parent, String field) {
        return integral(required(parent, field), field);
    }

    private static long integral(JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("Not a profile: field '" + field + "' is not an integer");
        }
        return v.longValue();
    }

    private static double num(JsonNode parent, String field) {
        return number(required(parent, field), field);
    }

    /** A number as written; {@code null} (a value that was not finite) is NaN. */
    private static double number(JsonNode v, String field) {
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("Not a profile: field '" + field + "' is not a number");
        }
        return v.doubleValue();
    }

    private static CorrelationMatrix pairs(JsonNode m, String field) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (JsonNode n : array(m, "columns")) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("Not a profile: correlations." + field + ".columns holds " + n);
            }
            index.putIfAbsent(n.textValue(), names.size());
            names.add(n.textValue());
        }
        double[][] values = new double[names.size()][names.size()];
        for (double[] row : values) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (JsonNode pair : array(m, "pairs")) {
            Integer a = index.get(text(pair, "a"));
            Integer b = index.get(text(pair, "b"));
            if (a == null || b == null) {
                throw new IllegalArgumentException("Not a profile: correlations." + field + " pairs "
                        + text(pair, "a") + " with " + text(pair, "b") + ", not both among its columns");
            }
            double v = num(pair, "value");
            values[a][b] = v;
            values[b][a] = v;
        }
        return new CorrelationMatrix(names, values);
    }
}
