package io.mlwb.core.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A YAML document as a tree whose every node and key remembers its 1-based line and column. Jackson's own
 * {@code JsonNode} drops locations, and validation after binding needs them, so we build this from the
 * streaming parser. Duplicate keys, aliases and extra documents are rejected here.
 */
public final class YamlTree {

    /**
     * A 1-based position as an editor shows it.
     *
     * @param line   1-based line
     * @param column 1-based column
     */
    public record Mark(int line, int column) {
        static Mark of(JsonLocation location) {
            return new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }
    }

    /** A node of the tree. */
    public sealed interface Node permits MapNode, ListNode, ScalarNode {
        /** @return where the node starts */
        Mark mark();
    }

    /**
     * One {@code key: value} entry of a mapping.
     *
     * @param key     the key as written
     * @param keyMark where the key starts
     * @param value   the value node
     */
    public record Entry(String key, Mark keyMark, Node value) {
    }

    /**
     * A mapping, keys in file order.
     *
     * @param entries the entries by key, in file order
     * @param mark    where the mapping starts
     */
    public record MapNode(Map<String, Entry> entries, Mark mark) implements Node {
    }

    /**
     * A sequence.
     *
     * @param items the items in file order
     * @param mark  where the sequence starts
     */
    public record ListNode(List<Node> items, Mark mark) implements Node {
    }

    /**
     * A scalar. {@code token} is Jackson's guess at its type (YAML 1.1 rules: {@code no} is a boolean);
     * {@code text} is the scalar as written, so string fields keep {@code no} as "no".
     *
     * @param token Jackson's token for the scalar
     * @param text  the scalar as written
     * @param mark  where the scalar starts
     */
    public record ScalarNode(JsonToken token, String text, Mark mark) implements Node {
        /** @return true for {@code null}, {@code ~}, an empty value or an empty string */
        public boolean isNull() {
            return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && text.isEmpty());
        }
    }

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String file;

    private YamlTree(String file) {
        this.file = file;
    }

    /**
     * Parses one YAML document.
     *
     * @param yaml the document text
     * @param file the file name used in error messages
     *
     * @return the root node, or null when the document is empty (only comments or blank)
     * @throws ConfigError on syntax errors, duplicate keys, aliases and extra documents
     */
    public static Node parse(String yaml, String file) {
        YamlTree tree = new YamlTree(file);
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            Node root = tree.read(p);
            if (p.nextToken() != null) {
                Mark m = Mark.of(p.currentTokenLocation());
                throw new ConfigError(file, m.line(), m.column(), "",
                        "a second YAML document starts here; " + file + " holds exactly one",
                        "Remove the `---` line and merge the documents into one.", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw tree.syntaxError(e);
        } catch (IOException e) {
            // Reading from a String cannot fail for I/O reasons.
            throw new UncheckedIOException(e);
        }
    }

    private Node read(JsonParser p) throws IOException {
        Mark mark = Mark.of(p.currentTokenLocation());
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Mark keyMark = Mark.of(p.currentTokenLocation());
                Entry first = entries.get(key);
                if (first != null) {
                    throw new ConfigError(file, keyMark.line(), keyMark.column(), key,
                            "duplicate key `%s` (first at line %d)".formatted(key, first.keyMark().line()),
                            "Keep one `%s:` and delete the other; YAML would silently use only one."
                                    .formatted(key), null);
                }
                p.nextToken();
                entries.put(key, new Entry(key, keyMark, read(p)));
            }
            return new MapNode(entries, mark);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new ListNode(items, mark);
        }
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            throw new ConfigError(file, mark.line(), mark.column(), "",
                    "YAML aliases (`*%s`) are not supported in %s".formatted(p.getText(), file),
                    "Write the value out in full instead of using an anchor and alias.", null);
        }
        return new ScalarNode(token, p.getText(), mark);
    }

    private ConfigError syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        Mark m = at == null ? new Mark(1, 1) : Mark.of(at);
        // SnakeYAML's message: problem lines at column 0, then indented "in 'reader'" / snippet / caret lines.
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem = original.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
        return new ConfigError(file, m.line(), m.column(), "",
                "YAML syntax error: " + (problem.isEmpty() ? "unreadable YAML" : problem),
                "Check the indentation (spaces, not tabs) and quoting near line " + m.line()
                        + "; a value containing `: ` or ` #` needs quotes.", e);
    }
}
