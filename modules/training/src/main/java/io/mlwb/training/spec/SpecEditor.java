package io.mlwb.training.spec;

import io.mlwb.core.project.YamlTree;
import io.mlwb.core.project.YamlTree.Entry;
import io.mlwb.core.project.YamlTree.ListNode;
import io.mlwb.core.project.YamlTree.MapNode;
import io.mlwb.core.project.YamlTree.Node;
import io.mlwb.core.project.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Edits a spec's YAML text in place, so the Training pane's form round-trips the file: setting a field rewrites only
 * that value's characters (or inserts one line), keeping every comment, blank line, key order and the file's style
 * (block or flow). Values are YAML text: {@code 0.01}, {@code adamw}, {@code [64, 32]}, {@code "x y"}.
 *
 * <p>Supported: a scalar or a flow list/map value anywhere (also inside a flow map such as
 * {@code optimizer: {type: adam, learning_rate: 0.001}}); a block list value (rewritten as a flow list on the key's
 * line); a missing key (inserted at the end of its block map or flow map, its missing parents created in block
 * style); a shorthand such as {@code optimizer: adam} that gains a field (it becomes {@code {type: adam, ...}}).
 */
public final class SpecEditor {
    private SpecEditor() {
    }

    /**
     * Sets one field.
     *
     * @param yaml      the spec text
     * @param dottedKey the field, e.g. {@code optimizer.learning_rate}
     * @param value     its new value as YAML text (one line)
     * @return the new text
     * @throws IllegalArgumentException when the text is not a mapping or the key crosses a list or a scalar that is
     *                                  not a shorthand
     */
    public static String set(String yaml, String dottedKey, String value) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        Node root = YamlTree.parse(yaml, "spec");
        if (root == null) {
            String text = yaml.isEmpty() || yaml.endsWith("\n") ? yaml : yaml + "\n";
            return text + block(dottedKey.split("\\."), 0, value) + "\n";
        }
        if (!(root instanceof MapNode map)) {
            throw new IllegalArgumentException("the spec is not a mapping");
        }
        String[] parts = dottedKey.split("\\.");
        MapNode at = map;
        for (int i = 0; i < parts.length; i++) {
            Entry e = at.entries().get(parts[i]);
            boolean last = i == parts.length - 1;
            if (e == null) {
                insert(lines, at, parts, i, value);
                return String.join("\n", lines);
            }
            if (last) {
                replace(lines, e, value);
                return String.join("\n", lines);
            }
            if (e.value() instanceof MapNode m) {
                at = m;
            } else if (e.value() instanceof ScalarNode s && i == parts.length - 2) {
                // shorthand `optimizer: adam` gaining a field
                replace(lines, e, parts[i + 1].equals("type") ? value
                        : "{type: " + s.text() + ", " + parts[i + 1] + ": " + value + "}");
                return String.join("\n", lines);
            } else {
                throw new IllegalArgumentException(String.join(".", Arrays.copyOf(parts, i + 1))
                        + " is not a mapping, so " + dottedKey + " cannot be set");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static void replace(List<String> lines, Entry e, String value) {
        Node v = e.value();
        int li = v.mark().line() - 1;
        int col = v.mark().column() - 1;
        String line = lines.get(li);
        if (v instanceof ListNode && col < line.length() && line.charAt(col) == '-') {
            // a block list: the key's line takes a flow list, the list's lines go
            int keyLine = e.keyMark().line() - 1;
            int indent = col;
            int end = li;
            while (end + 1 < lines.size()) {
                String next = lines.get(end + 1);
                String trimmed = next.strip();
                if (!trimmed.isEmpty() && leading(next) < indent) {
                    break;
                }
                if (!trimmed.isEmpty() && leading(next) == indent && !trimmed.startsWith("-")) {
                    break;
                }
                end++;
            }
            String kl = lines.get(keyLine);
            int colon = kl.indexOf(':', e.keyMark().column() - 1);
            String comment = commentOf(kl, colon + 1);
            lines.set(keyLine, kl.substring(0, colon + 1) + " " + value + (comment.isEmpty() ? "" : "  " + comment));
            for (int k = end; k >= li; k--) {
                if (k != keyLine) {
                    lines.remove(k);
                }
            }
            return;
        }
        if (v instanceof MapNode && !(col < line.length() && line.charAt(col) == '{')) {
            throw new IllegalArgumentException(e.key() + " is a block mapping; set its fields one by one");
        }
        int end = valueEnd(lines, li, col);
        if (end < 0) {
            // a flow value that spans lines: replace up to its closing bracket's line
            throw new IllegalArgumentException(e.key() + " spans several lines; edit it in the file");
        }
        if (v instanceof ScalarNode s && s.isNull() && col >= line.length()) {
            lines.set(li, line + " " + value);
            return;
        }
        lines.set(li, line.substring(0, col) + value + line.substring(end));
    }

    /** The end (exclusive) of the value starting at {@code col}, on the same line, or -1. */
    private static int valueEnd(List<String> lines, int li, int col) {
        String line = lines.get(li);
        if (col >= line.length()) {
            return col;
        }
        char c = line.charAt(col);
        if (c == '[' || c == '{') {
            int depth = 0;
            boolean quote = false;
            char q = 0;
            for (int i = col; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quote) {
                    if (ch == q) {
                        quote = false;
                    }
                } else if (ch == '"' || ch == '\'') {
                    quote = true;
                    q = ch;
                } else if (ch == '[' || ch == '{') {
                    depth++;
                } else if (ch == ']' || ch == '}') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            }
            return -1;
        }
        if (c == '"' || c == '\'') {
            for (int i = col + 1; i < line.length(); i++) {
                if (line.charAt(i) == c) {
                    if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                        i++;
                        continue;
                    }
                    if (c == '"' && line.charAt(i - 1) == '\\') {
                        continue;
                    }
                    return i + 1;
                }
            }
            return -1;
        }
        boolean inFlow = insideFlow(line, col);
        int i = col;
        while (i < line.length()) {
            char ch = line.charAt(i);
            if (ch == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                break;
            }
            if (inFlow && (ch == ',' || ch == '}' || ch == ']')) {
                break;
            }
            i++;
        }
        while (i > col && Character.isWhitespace(line.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean insideFlow(String line, int col) {
        int depth = 0;
        for (int i = 0; i < col; i++) {
            char ch = line.charAt(i);
            if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
        }
        return depth > 0;
    }

    private static void insert(List<String> lines, MapNode parent, String[] parts, int from, String value) {
        int li = parent.mark().line() - 1;
        int col = parent.mark().column() - 1;
        String line = lines.get(li);
        if (col < line.length() && line.charAt(col) == '{') {
            int end = valueEnd(lines, li, col);
            if (end < 0) {
                throw new IllegalArgumentException("a flow mapping over several lines cannot take a new key here");
            }
            String inner = line.substring(col + 1, end - 1).strip();
            String add = parts[from] + ": " + (from == parts.length - 1 ? value : flow(parts, from + 1, value));
            lines.set(li, line.substring(0, end - 1) + (inner.isEmpty() ? "" : ", ") + add + line.substring(end - 1));
            return;
        }
        int indent = parent.entries().isEmpty() ? col : parent.entries().values().iterator().next().keyMark().column()
                - 1;
        // the last line of the block: the last entry's subtree
        int last = 0;
        for (Entry e : parent.entries().values()) {
            last = Math.max(last, e.keyMark().line() - 1);
        }
        int end = last;
        while (end + 1 < lines.size()) {
            String next = lines.get(end + 1);
            if (next.strip().isEmpty() || next.strip().startsWith("#")) {
                // blank lines and comments after a block belong to what follows, unless more indented lines follow
                int probe = end + 1;
                while (probe < lines.size() && (lines.get(probe).strip().isEmpty()
                        || lines.get(probe).strip().startsWith("#"))) {
                    probe++;
                }
                if (probe < lines.size() && leading(lines.get(probe)) > indent) {
                    end = probe;
                    continue;
                }
                break;
            }
            if (leading(next) <= indent) {
                break;
            }
            end++;
        }
        String text = block(Arrays.copyOfRange(parts, from, parts.length), indent, value);
        if (end + 1 == lines.size() && lines.get(end).isEmpty()) {
            lines.add(end, text);
        } else {
            lines.add(end + 1, text);
        }
    }

    private static String flow(String[] parts, int from, String value) {
        return from == parts.length - 1 ? "{" + parts[from] + ": " + value + "}"
                : "{" + parts[from] + ": " + flow(parts, from + 1, value) + "}";
    }

    private static String block(String[] parts, int indent, String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(" ".repeat(indent + 2 * i)).append(parts[i]).append(':');
            if (i == parts.length - 1) {
                sb.append(' ').append(value);
            }
        }
        return sb.toString();
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String commentOf(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(i);
            }
        }
        return "";
    }
}
