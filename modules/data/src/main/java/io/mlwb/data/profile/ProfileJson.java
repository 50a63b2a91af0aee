package io.mlwb.data.profile;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mlwb.data.table.DateStyle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DatasetProfile} as the JSON of {@code mlwb profile --json}: {@code {"rows", "columnsCount",
 * "missingCells", "duplicateRows", "memoryBytes", "columns": [{"name", "type", "count", "missing", "missingPct",
 * "distinct", ...type-specific fields..., "top": [{"value", "count"}], "histogram": {"min", "max", "bins", "counts"}
 * (evenly spaced numeric edges, numpy's {@code linspace(min, max, bins + 1)}) or {"edges", "counts"} (dates, and any
 * edges that are not evenly spaced)}],
 * "correlations": {...}, "target": [...], "alerts": [...]}}; a streaming profile adds
 * {@code "approximate": {figure: "method, error"}} after
 * {@code memoryBytes} and writes {@code "duplicateRows": -1} (not counted). Numeric fields ({@code mean, std, min, max, p5, p25, p50, p75, p95, skewness, kurtosis,
 * sum, zeros, negatives, infinities, positiveInfinities, negativeInfinities}) appear only for numeric columns.
 * A date column adds {@code "dateKind"} ({@code "date"}, {@code "local"} or {@code "offset"}), {@code "dateFormat"}
 * (the pattern of its precision, e.g. {@code "yyyy-MM-dd'T'HH:mm:ss"}), {@code "dateOffset"} (offset kind only,
 * e.g. {@code "+02:00"} or {@code "Z"}), {@code "min"}, {@code "max"}, {@code "largestGapMillis"} and, for dates,
 * {@code "missingDays"}; its min, max, top values and histogram edges are ISO-8601 text in its kind, as the file
 * wrote them ({@code "2023-01-21T06:58:37"}, {@code "2023-01-01"}, {@code "2023-01-21T06:58:37+02:00"}).
 * Strict JSON: every number that is not finite (an undefined skewness, a correlation with a constant column) is
 * written as {@code null}.
 *
 * <p>Correlations come in one of two shapes ({@link Options}). By default, <b>pairs</b>: {@code "correlations":
 * {"threshold": 0.9, "topPairs": 100, "pearson": {"columns": [col, ...], "pairs": [{"a", "b", "value"}, ...]},
 * "spearman": {...}, "cramersV": {...}}}, where {@code columns} are the columns the matrix covers and
 * {@code pairs} lists every pair of distinct columns whose |coefficient| is at least the threshold (the
 * {@link AlertThresholds#correlation()} of the defaults) and the {@code topPairs} strongest, strongest first (see
 * {@link CorrelationMatrix#strongestPairs}); undefined coefficients are never listed. A 3,000-column table's two
 * matrices take about 550 MB as JSON, its pairs a few kilobytes. On request, the <b>full matrices</b>, the shape
 * every profile had before: {@code "correlations": {"pearson": {col: {col: r}}, "spearman": {...},
 * "cramersV": {...}}}. {@link ProfileJsonReader} reads both.
 */
public final class ProfileJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ProfileJson() {
    }

    /**
     * How the correlations are written.
     *
     * @param fullCorrelations whether to write the full matrices instead of the pairs
     * @param topPairs         in the pairs shape, how many of the strongest pairs of each matrix to list besides
     *                         those at or above {@code threshold}
     * @param threshold        in the pairs shape, every pair with |coefficient| at least this is listed
     */
    public record Options(boolean fullCorrelations, int topPairs, double threshold) {
        /** The number of strongest pairs listed by default. */
        public static final int DEFAULT_TOP_PAIRS = 100;

        /** Validates the parts. */
        public Options {
            if (topPairs < 0) {
                throw new IllegalArgumentException("topPairs must not be negative, not " + topPairs);
            }
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("threshold must be a number");
            }
        }

        /** @return the pairs shape with the {@value #DEFAULT_TOP_PAIRS} strongest pairs and the default threshold */
        public static Options defaults() {
            return pairs(DEFAULT_TOP_PAIRS);
        }

        /**
         * @param topPairs how many of the strongest pairs to list besides those at or above the alert threshold
         * @return the pairs shape
         */
        public static Options pairs(int topPairs) {
            return new Options(false, topPairs, AlertThresholds.DEFAULTS.correlation());
        }

        /** @return the full matrices */
        public static Options full() {
            return new Options(true, DEFAULT_TOP_PAIRS, AlertThresholds.DEFAULTS.correlation());
        }
    }

    /**
     * Writes the profile as UTF-8 JSON with the default {@link Options} (correlation pairs). Does not close the
     * stream.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(DatasetProfile profile, OutputStream out) {
        write(profile, out, Options.defaults());
    }

    /**
     * Writes the profile as UTF-8 JSON. Does not close the stream.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(DatasetProfile profile, OutputStream out, Options options) {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(profile, g, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the profile as JSON with the default {@link Options} (correlation pairs). Does not close the writer.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(DatasetProfile profile, Writer out) {
        write(profile, out, Options.defaults());
    }

    /**
     * Writes the profile as JSON. Does not close the writer.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(DatasetProfile profile, Writer out, Options options) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(profile, g, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the profile as a JSON string with the default {@link Options} (correlation pairs) */
    public static String toJson(DatasetProfile profile) {
        return toJson(profile, Options.defaults());
    }

    /** @return the profile as a JSON string */
    public static String toJson(DatasetProfile profile, Options options) {
        StringWriter w = new StringWriter();
        write(profile, w, options);
        return w.toString();
    }

    private static void write(DatasetProfile p, JsonGenerator g, Options options) throws IOException {
        // Compact: indentation was a quarter of a wide table's JSON; `jq .` pretty-prints it for a person.
        g.writeStartObject();
        g.writeNumberField("rows", p.rows());
        g.writeNumberField("columnsCount", p.columnsCount());
        g.writeNumberField("missingCells", p.missingCells());
        g.writeNumberField("duplicateRows", p.duplicateRows());
        g.writeNumberField("memoryBytes", p.memoryBytes());
        if (p.isApproximate()) {
            g.writeObjectFieldStart("approximate");
            for (Map.Entry<String, String> e : p.approximate().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("columns");
        for (ColumnProfile c : p.columns()) {
            column(c, g);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("correlations");
        if (options.fullCorrelations()) {
            matrix("pearson", p.correlations().pearson(), g);
            matrix("spearman", p.correlations().spearman(), g);
            matrix("cramersV", p.correlations().cramersV(), g);
        } else {
            num(g, "threshold", options.threshold());
            g.writeNumberField("topPairs", options.topPairs());
            pairs("pearson", p.correlations().pearson(), options, g);
            pairs("spearman", p.correlations().spearman(), options, g);
            pairs("cramersV", p.correlations().cramersV(), options, g);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("target");
        for (TargetAssociation t : p.target()) {
            g.writeStartObject();
            g.writeStringField("column", t.column());
            num(g, "pearson", t.pearson());
            num(g, "spearman", t.spearman());
            num(g, "pointBiserial", t.pointBiserial());
            num(g, "cramersV", t.cramersV());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alerts");
        for (Alert a : p.alerts()) {
            g.writeStartObject();
            g.writeStringField("type", a.type().jsonName());
            if (a.column() != null) {
                g.writeStringField("column", a.column());
            }
            if (a.otherColumn() != null) {
                g.writeStringField("otherColumn", a.otherColumn());
            }
            num(g, "value", a.value());
            g.writeStringField("message", a.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void column(ColumnProfile c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("type", c.type().yamlName());
        g.writeNumberField("count", c.count());
        g.writeNumberField("missing", c.missing());
        num(g, "missingPct", c.missingPct());
        g.writeNumberField("distinct", c.distinct());
        NumericStats s = c.numeric();
        if (s != null) {
            num(g, "mean", s.mean());
            num(g, "std", s.std());
            num(g, "min", s.min());
            num(g, "max", s.max());
            num(g, "p5", s.p5());
            num(g, "p25", s.p25());
            num(g, "p50", s.p50());
            num(g, "p75", s.p75());
            num(g, "p95", s.p95());
            num(g, "skewness", s.skewness());
            num(g, "kurtosis", s.kurtosis());
            num(g, "sum", s.sum());
            g.writeNumberField("finiteCount", s.finiteCount());
            g.writeNumberField("zeros", s.zeros());
            g.writeNumberField("negatives", s.negatives());
            g.writeNumberField("infinities", s.infinities());
            g.writeNumberField("positiveInfinities", s.positiveInfinities());
            g.writeNumberField("negativeInfinities", s.negativeInfinities());
        }
        if (!Double.isNaN(c.imbalance())) {
            num(g, "imbalance", c.imbalance());
        }
        TextStats t = c.text();
        if (t != null) {
            g.writeNumberField("minLength", t.minLength());
            num(g, "meanLength", t.meanLength());
            g.writeNumberField("maxLength", t.maxLength());
        }
        BooleanStats b = c.bool();
        if (b != null) {
            g.writeNumberField("trueCount", b.trueCount());
            g.writeNumberField("falseCount", b.falseCount());
        }
        DateStats d = c.date();
        DateStyle style = d == null ? null : d.style();
        if (d != null) {
            g.writeStringField("dateKind", style.kind().jsonName());
            g.writeStringField("dateFormat", style.pattern());
            if (style.offset() != null) {
                g.writeStringField("dateOffset", style.offset().getId());
            }
            g.writeStringField("min", d.minText());
            g.writeStringField("max", d.maxText());
            g.writeNumberField("largestGapMillis", d.largestGapMillis());
            if (d.missingDays() >= 0) {
                g.writeNumberField("missingDays", d.missingDays());
            }
        }
        g.writeArrayFieldStart("top");
        for (TopValue v : c.top()) {
            g.writeStartObject();
            g.writeFieldName("value");
            Object value = v.value();
            if (value instanceof Double x) {
                num(g, x);
            } else if (value instanceof Boolean x) {
                g.writeBoolean(x);
            } else {
                g.writeString(String.valueOf(value));
            }
            g.writeNumberField("count", v.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        Histogram h = c.histogram();
        if (h != null) {
            g.writeObjectFieldStart("histogram");
            if (style == null && evenlySpaced(h.edges())) {
                // numpy's edges are linspace(min, max, bins + 1): three numbers say them all, bit for bit (a third
                // of a wide table's JSON was edges)
                num(g, "min", h.edges()[0]);
                num(g, "max", h.edges()[h.edges().length - 1]);
                g.writeNumberField("bins", h.counts().length);
            } else {
                g.writeArrayFieldStart("edges");
                for (double e : h.edges()) {
                    if (style != null && Double.isFinite(e)) {
                        g.writeString(style.format(Math.round(e)));
                    } else {
                        num(g, e);
                    }
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("counts");
            for (long n : h.counts()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void matrix(String field, CorrelationMatrix m, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart(field);
        List<String> names = m.columns();
        for (int i = 0; i < names.size(); i++) {
            g.writeObjectFieldStart(names.get(i));
            for (int j = 0; j < names.size(); j++) {
                num(g, names.get(j), m.values()[i][j]);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void num(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        num(g, v);
    }

    private static void num(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    private static void pairs(String field, CorrelationMatrix m, Options options, JsonGenerator g)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeArrayFieldStart("columns");
        for (String name : m.columns()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("pairs");
        for (CorrelationMatrix.Pair pair : m.strongestPairs(options.topPairs(), options.threshold())) {
            g.writeStartObject();
            g.writeStringField("a", pair.a());
            g.writeStringField("b", pair.b());
            num(g, "value", pair.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** @return whether {@code edges} are exactly {@code linspace(first, last, n)}, so min, max and bins rebuild them */
    static boolean evenlySpaced(double[] edges) {
        int n = edges.length;
        if (n < 2 || !Double.isFinite(edges[0]) || !Double.isFinite(edges[n - 1])) {
            return false;
        }
        return java.util.Arrays.equals(edges, NumericMath.linspace(edges[0], edges[n - 1], n));
    }
}
