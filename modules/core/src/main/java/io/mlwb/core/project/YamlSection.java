package io.mlwb.core.project;

import com.fasterxml.jackson.core.JsonToken;
import io.mlwb.core.project.YamlTree.Entry;
import io.mlwb.core.project.YamlTree.ListNode;
import io.mlwb.core.project.YamlTree.MapNode;
import io.mlwb.core.project.YamlTree.Mark;
import io.mlwb.core.project.YamlTree.Node;
import io.mlwb.core.project.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One mapping of a YAML file being bound to records: typed readers that name the key path in every error
 * ({@code file:line:col: optimizer.learning_rate must be a number, found "fast"}), and a warning with a "did you mean"
 * for every key nobody read. The one reader behind {@code mlwb.yaml} ({@link ConfigBinder}), training specs and sweep
 * files; each binder extends it with the readers only it needs.
 */
public class YamlSection {
    /** Where a section's errors and warnings go (the binder, which knows the file name). */
    public interface Sink {
        /**
         * @param at       where
         * @param keyPath  the key path
         * @param what     what is wrong
         * @param whatToDo how to fix it
         * @return the error to throw
         */
        ConfigError error(Mark at, String keyPath, String what, String whatToDo);

        /**
         * @param at         where
         * @param keyPath    the key path
         * @param message    what is odd
         * @param suggestion a fix, or null
         */
        void warn(Mark at, String keyPath, String message, String suggestion);
    }

    /** The mapping read. */
    public final MapNode map;
    /** Its key path ("" at the top). */
    public final String path;
    /** The keys it knows, or null when every key is free (e.g. column names). */
    public final List<String> known;
    /** Where errors and warnings go. */
    protected final Sink sink;

    /**
     * @param sink  where errors and warnings go
     * @param map   the mapping
     * @param path  its key path
     * @param known its keys, or null for free keys
     */
    public YamlSection(Sink sink, MapNode map, String path, List<String> known) {
        this.sink = sink;
        this.map = map;
        this.path = path;
        this.known = known;
    }

    /**
     * @param key a key of this mapping
     * @return its full key path
     */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * @param key a key
     * @return the value, or null when the key is absent or has an empty value
     */
    public Node value(String key) {
        Entry e = map.entries().get(key);
        if (e == null || (e.value() instanceof ScalarNode s && s.isNull())) {
            return null;
        }
        return e.value();
    }

    /**
     * @param key a key
     * @return where its value is, or the mapping's place when it is absent
     */
    public Mark valueMark(String key) {
        Entry e = map.entries().get(key);
        return e == null ? map.mark() : e.value().mark();
    }

    /**
     * @param at       where
     * @param keyPath  the key path
     * @param what     what is wrong
     * @param whatToDo how to fix it
     * @return the error to throw
     */
    protected ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
        return sink.error(at, keyPath, what, whatToDo);
    }

    /**
     * @param key      the key
     * @param node     its value
     * @param expected what it must be ("a number")
     * @param whatToDo how to fix it
     * @return the error "KEY must be EXPECTED, found FOUND"
     */
    public ConfigError wrongType(String key, Node node, String expected, String whatToDo) {
        return error(node.mark(), child(key), "%s must be %s, found %s".formatted(child(key), expected, found(node)),
                whatToDo);
    }

    /**
     * @param key a key
     * @return its single value as text, or null when absent
     */
    public String text(String key) {
        Node n = value(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw wrongType(key, n, "a single value", "Write one value after `%s:`; quote it if it contains `: `."
                    .formatted(key));
        }
        return s.text();
    }

    /**
     * @param key      a key
     * @param whatToDo how to fix a missing or empty value
     * @return its text, never blank
     */
    public String requiredText(String key, String whatToDo) {
        Entry e = map.entries().get(key);
        if (e == null) {
            throw error(map.mark(), child(key), child(key) + " is required but missing", whatToDo);
        }
        String text = text(key);
        if (text == null || text.isBlank()) {
            throw error(e.value().mark(), child(key), child(key) + " must not be empty", whatToDo);
        }
        return text;
    }

    /**
     * @param key  a key
     * @param dflt the value when absent
     * @param min  the least allowed
     * @param max  the most allowed
     * @return the integer
     */
    public long integer(String key, long dflt, long min, long max) {
        Node n = value(key);
        if (n == null) {
            return dflt;
        }
        String fix = "Write a whole number without quotes, e.g. `%s: %d`.".formatted(key, Math.max(dflt, min));
        if (!(n instanceof ScalarNode s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(key, n, "an integer", fix);
        }
        Long v = parseLong(s.text());
        if (v == null || v < min || v > max) {
            String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max;
            throw error(n.mark(), child(key), "%s must be an integer %s, found %s".formatted(child(key), range,
                    s.text()), fix);
        }
        return v;
    }

    /**
     * @param key  a key
     * @param dflt the value when absent
     * @return the boolean ({@code true} or {@code false}, unquoted)
     */
    public boolean flag(String key, boolean dflt) {
        Node n = value(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof ScalarNode s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        throw wrongType(key, n, "true or false", "Write `%s: true` or `%s: false`, without quotes.".formatted(key,
                key));
    }

    /**
     * @param key a key
     * @return the number, or null when absent
     */
    public Double number(String key) {
        Node n = value(key);
        if (n == null) {
            return null;
        }
        Double d = n instanceof ScalarNode s ? number(s) : null;
        if (d == null) {
            throw wrongType(key, n, "a number", "Write a number without quotes, e.g. `%s: 0.5`.".formatted(key));
        }
        return d;
    }

    /**
     * @param s a scalar
     * @return its finite number, or null when it is not one
     */
    public static Double number(ScalarNode s) {
        if (s.token() != JsonToken.VALUE_NUMBER_INT && s.token() != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        Long asLong = s.token() == JsonToken.VALUE_NUMBER_INT ? parseLong(s.text()) : null;
        if (asLong != null) {
            return asLong.doubleValue();
        }
        try {
            double d = Double.parseDouble(s.text().replace("_", ""));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param key         a key
     * @param dflt        the value when absent
     * @param zeroAllowed whether 0 is allowed
     * @return a share in [0, 1) or (0, 1)
     */
    public double fraction(String key, double dflt, boolean zeroAllowed) {
        Double v = number(key);
        if (v == null) {
            return dflt;
        }
        if (v >= 1 || v < 0 || (!zeroAllowed && v == 0)) {
            throw error(valueMark(key), child(key), "%s must be %s, found %s".formatted(child(key),
                    zeroAllowed ? "at least 0 and below 1" : "above 0 and below 1", plain(v)),
                    "Write a share of the rows, e.g. `%s: %s`.".formatted(key, plain(dflt)));
        }
        return v;
    }

    /**
     * @param key  a key
     * @param type the enum (its constants, lower case, are the allowed words)
     * @param dflt the value when absent
     * @param <E>  the enum
     * @return the constant
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E dflt) {
        Node n = value(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof ScalarNode s) {
            for (E c : type.getEnumConstants()) {
                if (c.name().equalsIgnoreCase(s.text())) {
                    return c;
                }
            }
        }
        throw error(n.mark(), child(key), "%s must be one of %s, found %s".formatted(child(key), allowed(type),
                found(n)), "Use one of: " + allowed(type) + ".");
    }

    /**
     * @param key a key
     * @return its list items, empty when absent
     */
    public List<Node> list(String key) {
        Node n = value(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof ListNode l)) {
            throw wrongType(key, n, "a list", "Write the items below `%s:`, one `- ` item per line.".formatted(key));
        }
        return l.items();
    }

    /**
     * @param key  a key
     * @param dflt the value when absent
     * @return its list of single values as text
     */
    public List<String> texts(String key, List<String> dflt) {
        Node n = value(key);
        if (n == null) {
            return dflt;
        }
        String fix = "Write a list such as `%s: [a, b]`, or one `- item` per line.".formatted(key);
        if (!(n instanceof ListNode l)) {
            throw wrongType(key, n, "a list of values", fix);
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            Node item = l.items().get(i);
            if (!(item instanceof ScalarNode s)) {
                throw error(item.mark(), child(key) + "[" + i + "]", "%s[%d] must be a single value, found %s"
                        .formatted(child(key), i, found(item)), fix);
            }
            // A bare `-` or `~` item is null in YAML; a list of texts keeps it as the empty text.
            result.add(s.token() == JsonToken.VALUE_NULL ? "" : s.text());
        }
        return result;
    }

    /**
     * @param key a key
     * @return its mapping, or null when absent or empty
     */
    protected MapNode mapping(String key) {
        Node n = value(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof MapNode m)) {
            throw wrongType(key, n, "a mapping", "Write the keys of `%s` on the following lines, indented."
                    .formatted(key));
        }
        return m;
    }

    /** Warns about every key this section does not know. */
    public void finish() {
        if (known == null) {
            return;
        }
        for (Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                String keyPath = child(e.key());
                sink.warn(e.keyMark(), keyPath, "unknown key `%s` is ignored".formatted(keyPath),
                        KeySuggestions.closest(e.key(), known));
            }
        }
    }

    /**
     * @param node a value
     * @return how an error names it: {@code a mapping}, {@code a list}, {@code nothing}, a quoted text or a number
     */
    public static String found(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (s.isNull()) {
            return "nothing";
        }
        return s.token() == JsonToken.VALUE_STRING ? quote(s.text()) : s.text();
    }

    /**
     * @param text a text
     * @return it in double quotes, escaped
     */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * @param d a number
     * @return it as a person writes it: {@code 5} rather than {@code 5.0}
     */
    public static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * @param type an enum
     * @param <E>  the enum
     * @return its constants in lower case, comma-separated
     */
    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /**
     * Reads YAML integers: digit separators, {@code 0x} and {@code 0o} forms.
     *
     * @param text the text
     * @return the value, or null when it is not an integer
     */
    public static Long parseLong(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return Long.parseLong(t.substring(2), 8);
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
