package io.mlwb.training.sweep;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns sampled values into {@code --set key=value} overrides: each value is rendered as YAML flow text (which is
 * also JSON for numbers, lists and maps) that parses back to the same value.
 */
public final class Overrides {

    /** A string that YAML reads back as the same plain string. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    /** YAML 1.1 words that would not read back as strings. */
    private static final Set<String> RESERVED = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null",
            "nan", "inf");

    private Overrides() {
    }

    /**
     * Renders every value of a trial's parameters.
     *
     * @param params sampled values by dotted key path
     * @return the same keys, in the same order, with rendered values
     */
    public static Map<String, String> of(Map<String, Object> params) {
        Map<String, String> result = new LinkedHashMap<>();
        params.forEach((k, v) -> result.put(k, render(v)));
        return Collections.unmodifiableMap(result);
    }

    /**
     * Renders one value: {@code 0.001}, {@code 5}, {@code true}, {@code relu}, {@code "no"}, {@code [64, 32]},
     * {@code {"type": "focal", "gamma": 2.0}}. Doubles keep a decimal point so they stay real numbers, and use
     * plain decimal notation (no exponent) so YAML 1.1 parsers read them as numbers.
     *
     * @param value a {@code Number}, {@code Boolean}, {@code String}, {@code List} or {@code Map} of those
     * @return the YAML flow text of the value
     * @throws IllegalArgumentException for null, non-finite numbers and other types
     */
    public static String render(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot render " + d);
            }
            String text = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return text.contains(".") ? text : text + ".0";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String s) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            return PLAIN.matcher(s).matches() && !RESERVED.contains(lower) ? s : quote(s);
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(render(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ", ").append(quote(String.valueOf(e.getKey()))).append(": ")
                        .append(render(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        throw new IllegalArgumentException("cannot render " + (value == null ? "null" : value.getClass()));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
