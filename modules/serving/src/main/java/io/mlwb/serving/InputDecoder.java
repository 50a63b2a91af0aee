package io.mlwb.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request body into checked instances and then into the table the model scores. Accepted bodies:
 * {@code {"instances": [...]}} (SageMaker, Vertex AI, KServe v1), {@code {"data": [...]}}, a bare array of
 * instances, or one instance object. An instance is an object keyed by input name or an array of values in the
 * signature's input order. Every input must be present (null for a missing value, imputed as in training) and of
 * its kind; unknown keys are refused or dropped as configured. Each refusal is a 400 naming the input.
 *
 * <p>A JSON Lines body (SageMaker Batch Transform's {@code MultiRecord} mini-batch, {@link #records}) holds one instance
 * per line; its refusals name the line (1-based) instead of the instance index.
 */
public final class InputDecoder {
    /** What to do with an instance key that is not an input of the model. */
    public enum UnknownFields {
        /** 400 naming the key (the default: a typo should not silently become a missing value). */
        REJECT,
        /** drop the key before scoring and logging. */
        IGNORE
    }

    private final Signature signature;
    private final UnknownFields unknown;
    private final int maxInstances;
    private final Set<String> names;

    /**
     * @param signature    the model's signature
     * @param unknown      the unknown-field policy
     * @param maxInstances the most instances one request may carry
     */
    public InputDecoder(Signature signature, UnknownFields unknown, int maxInstances) {
        this.signature = signature;
        this.unknown = unknown;
        this.maxInstances = maxInstances;
        this.names = new HashSet<>(signature.names());
    }

    /**
     * @param body the parsed request body
     * @return the instances as objects keyed by input name, values as sent (checked)
     * @throws ServingError 400 naming the input at fault
     */
    public List<ObjectNode> instances(JsonNode body) {
        JsonNode list;
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ServingError.badRequest("empty_body", "The request has no JSON body. Send {\"instances\": [...]}.",
                    null);
        } else if (body.isArray()) {
            list = body;
        } else if (body.isObject() && body.has("instances")) {
            list = body.get("instances");
        } else if (body.isObject() && body.has("data") && !names.contains("data")) {
            list = body.get("data");
        } else if (body.isObject()) {
            list = JsonNodeFactory.instance.arrayNode().add(body);
        } else {
            throw ServingError.badRequest("bad_body", "The body is a JSON " + body.getNodeType().name().toLowerCase()
                    + "; send an object {\"instances\": [...]}.", null);
        }
        if (!list.isArray()) {
            throw ServingError.badRequest("bad_body", "'instances' must be an array of instances.", "instances");
        }
        if (list.isEmpty()) {
            throw ServingError.badRequest("no_instances", "The request holds no instance to score.", "instances");
        }
        if (list.size() > maxInstances) {
            throw new ServingError(413, "too_many_instances", "The request holds " + list.size()
                    + " instances; the server takes at most " + maxInstances + " per request. Split the batch.",
                    "instances");
        }
        List<ObjectNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(check(list.get(i), "Instance " + i));
        }
        return out;
    }

    /**
     * Checks the records of a JSON Lines body, one instance per line. There is no limit on their number here: the
     * body size bounds it, and the server scores them in chunks of at most {@code maxInstances}.
     *
     * @param records the parsed lines, in order (line k is {@code records.get(k - 1)})
     * @return the instances as objects keyed by input name, values as sent (checked)
     * @throws ServingError 400 naming the line and the input at fault
     */
    public List<ObjectNode> records(List<JsonNode> records) {
        if (records.isEmpty()) {
            throw ServingError.badRequest("no_instances", "The JSON Lines body holds no record to score.", null);
        }
        List<ObjectNode> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(check(records.get(i), "Line " + (i + 1)));
        }
        return out;
    }

    private ObjectNode check(JsonNode instance, String index) {
        ObjectNode obj;
        if (instance.isArray()) {
            if (instance.size() != signature.inputs().size()) {
                throw ServingError.badRequest("wrong_length", index + " is an array of "
                        + instance.size() + " values; the model takes " + signature.inputs().size() + " inputs in "
                        + "this order: " + String.join(", ", signature.names()) + ".", null);
            }
            obj = JsonNodeFactory.instance.objectNode();
            for (int k = 0; k < instance.size(); k++) {
                obj.set(signature.inputs().get(k).name(), instance.get(k));
            }
        } else if (instance.isObject()) {
            obj = (ObjectNode) instance;
        } else {
            throw ServingError.badRequest("bad_instance", index + " is a JSON "
                    + instance.getNodeType().name().toLowerCase() + "; send an object keyed by input name.", null);
        }
        Iterator<String> keys = obj.fieldNames();
        List<String> drop = null;
        while (keys.hasNext()) {
            String k = keys.next();
            if (!names.contains(k)) {
                if (unknown == UnknownFields.REJECT) {
                    throw ServingError.badRequest("unknown_field", index + " has the field '" + k
                            + "', which is not an input of the model. Inputs: " + String.join(", ", signature.names())
                            + ".", k);
                }
                if (drop == null) {
                    drop = new ArrayList<>();
                }
                drop.add(k);
            }
        }
        if (drop != null) {
            obj = obj.deepCopy();
            obj.remove(drop);
        }
        for (Signature.Input in : signature.inputs()) {
            JsonNode v = obj.get(in.name());
            if (v == null) {
                throw ServingError.badRequest("missing_field", index + " has no field '" + in.name()
                        + "', a required input of the model. Send null for a missing value.", in.name());
            }
            if (!v.isNull() && !accepts(in.kind(), v)) {
                throw ServingError.badRequest("wrong_type", index + " field '" + in.name() + "' is a "
                        + "JSON " + v.getNodeType().name().toLowerCase() + "; the model expects "
                        + expected(in.kind()) + ".", in.name());
            }
            if (in.kind() == Signature.Kind.DATE && v.isTextual() && parseDate(v.asText()) == null) {
                throw ServingError.badRequest("wrong_type", index + " field '" + in.name() + "' is '"
                        + v.asText() + "', not an ISO-8601 date (2024-05-01) or date-time (2024-05-01T10:00:00Z).",
                        in.name());
            }
            if (in.kind() == Signature.Kind.NUMBER && v.isNumber() && !Double.isFinite(v.asDouble())) {
                throw ServingError.badRequest("wrong_type", index + " field '" + in.name()
                        + "' is not a finite number.", in.name());
            }
        }
        return obj;
    }

    private static boolean accepts(Signature.Kind kind, JsonNode v) {
        return switch (kind) {
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case DATE -> v.isTextual();
            case TEXT -> v.isTextual() || v.isNumber() || v.isBoolean();
        };
    }

    private static String expected(Signature.Kind kind) {
        return switch (kind) {
            case NUMBER -> "a number or null";
            case BOOLEAN -> "true, false or null";
            case DATE -> "an ISO-8601 date text or null";
            case TEXT -> "a text or null";
        };
    }

    /**
     * Reads an ISO-8601 date or date-time as the table reader stores it: a date or a date-time without offset as
     * UTC wall-clock time, a date-time with an offset as its instant.
     *
     * @param text the value
     * @return epoch milliseconds, or null when it is not a date
     */
    static Long parseDate(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            String t = text.replace(' ', 'T');
            if (t.endsWith("Z") || t.matches(".*[+-][0-9]{2}:?[0-9]{2}$")) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * Builds the table of checked instances, one column per input of the kind the model was fitted on.
     *
     * @param instances checked instances (from {@link #instances})
     * @return the table
     */
    public DataTable table(List<ObjectNode> instances) {
        int n = instances.size();
        List<Column> cols = new ArrayList<>(signature.inputs().size());
        for (Signature.Input in : signature.inputs()) {
            String name = in.name();
            switch (in.kind()) {
                case NUMBER -> {
                    double[] v = new double[n];
                    BitSet missing = new BitSet(n);
                    for (int i = 0; i < n; i++) {
                        JsonNode x = instances.get(i).get(name);
                        if (x == null || x.isNull()) {
                            missing.set(i);
                            v[i] = Double.NaN;
                        } else {
                            v[i] = x.asDouble();
                        }
                    }
                    cols.add(new NumericColumn(name, v, missing, false));
                }
                case BOOLEAN -> {
                    byte[] v = new byte[n];
                    for (int i = 0; i < n; i++) {
                        JsonNode x = instances.get(i).get(name);
                        v[i] = x == null || x.isNull() ? -1 : x.asBoolean() ? (byte) 1 : 0;
                    }
                    cols.add(new BooleanColumn(name, v));
                }
                case DATE -> {
                    long[] v = new long[n];
                    BitSet missing = new BitSet(n);
                    for (int i = 0; i < n; i++) {
                        JsonNode x = instances.get(i).get(name);
                        Long ms = x == null || x.isNull() ? null : parseDate(x.asText());
                        if (ms == null) {
                            missing.set(i);
                        } else {
                            v[i] = ms;
                        }
                    }
                    cols.add(new DateTimeColumn(name, v, missing, false, "iso"));
                }
                case TEXT -> {
                    int[] codes = new int[n];
                    List<String> dict = new ArrayList<>();
                    Map<String, Integer> index = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        JsonNode x = instances.get(i).get(name);
                        if (x == null || x.isNull()) {
                            codes[i] = -1;
                        } else {
                            String s = x.asText();
                            Integer c = index.get(s);
                            if (c == null) {
                                c = dict.size();
                                dict.add(s);
                                index.put(s, c);
                            }
                            codes[i] = c;
                        }
                    }
                    ColumnType type = "text_length".equals(in.modelKind()) ? ColumnType.TEXT : ColumnType.CATEGORICAL;
                    cols.add(new CategoricalColumn(name, type, codes, dict));
                }
                default -> throw new IllegalStateException("unknown kind " + in.kind());
            }
        }
        return new DataTable(n, cols);
    }
}
