package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ConfigError;
import io.mlwb.core.project.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model card file as written: YAML front matter between {@code ---} lines (Hugging Face's metadata, with ours under
 * the {@value #NAMESPACE} key), then Markdown whose level-2 headings are the sections. The text is kept exactly as
 * read (unknown front-matter keys, comments, hand-written sections and their order), so writing an unchanged card
 * gives back the same bytes; the content hash that approvals record is over those bytes.
 *
 * @param file        how messages name the file, e.g. {@code model-cards/credit.md}
 * @param text        the whole file
 * @param frontMatter the front matter's YAML text (without the {@code ---} lines), empty when the card has none
 * @param bodyLine    the 1-based line where the Markdown starts
 * @param metadata    the front matter read as a tree (an empty object without front matter)
 * @param sections    the level-2 sections, in file order
 */
public record CardDocument(String file, String text, String frontMatter, int bodyLine, ObjectNode metadata,
                           List<Section> sections) {
    /** The front-matter key holding mlwb's own metadata (risk tier, owner, model version, approvals). */
    public static final String NAMESPACE = "mlwb";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern AUTO_BLOCK = Pattern.compile(
            "<!-- mlwb:auto (\\S+) -->\\r?\\n.*?<!-- mlwb:end \\1 -->(?:\\r?\\n)?", Pattern.DOTALL);
    private static final YAMLMapper SCALARS = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    /** Copies the list. */
    public CardDocument {
        sections = List.copyOf(sections);
    }

    /**
     * A level-2 section.
     *
     * @param heading the heading's text
     * @param line    the heading's 1-based line in the file
     * @param body    the text up to the next level-2 heading (or the end), as written
     */
    public record Section(String heading, int line, String body) {
        /** @return whether it says anything: its body without HTML comments (the prompts) and blanks is not empty */
        public boolean filled() {
            return !COMMENT.matcher(body).replaceAll("").isBlank();
        }

        /** @return the known section it is, if any */
        public Optional<CardSection> kind() {
            return CardSection.of(heading);
        }

        /**
         * @return the keys of the autofilled blocks ({@code <!-- mlwb:auto KEY -->} … {@code <!-- mlwb:end KEY -->},
         *         see {@link CardFill}) in the body, in order
         */
        public List<String> autoKeys() {
            List<String> keys = new ArrayList<>();
            Matcher m = AUTO_BLOCK.matcher(body);
            while (m.find()) {
                keys.add(m.group(1));
            }
            return keys;
        }

        /**
         * @return how many characters of the body, from its start, reach to the end of its last autofilled block (and
         *         the line break after it); 0 when it has none. Autofill puts its blocks at a section's start, so the
         *         rest is what a person wrote.
         */
        public int autoLength() {
            int end = 0;
            Matcher m = AUTO_BLOCK.matcher(body);
            while (m.find()) {
                end = m.end();
            }
            return end;
        }
    }

    /**
     * Reads a card.
     *
     * @param text the file's content
     * @param file how messages name the file
     * @return the card
     * @throws UserError (exit 2) naming the file and line when the front matter is not closed or not valid YAML
     */
    public static CardDocument parse(String text, String file) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String fm = "";
        int bodyStart = 0;
        int bodyLine = 1;
        if (t.startsWith("---\n") || t.startsWith("---\r\n")) {
            int open = t.indexOf('\n') + 1;
            int close = findClose(t, open);
            if (close < 0) {
                throw new UserError(file + ":1: the front matter opened with '---' is never closed",
                        "End the front matter with a line holding only '---'.", ExitCode.BAD_INPUT, null);
            }
            fm = t.substring(open, close);
            int after = t.indexOf('\n', close);
            bodyStart = after < 0 ? t.length() : after + 1;
            bodyLine = lines(t.substring(0, bodyStart)) + 1;
        }
        ObjectNode meta = metadata(fm, file);
        return new CardDocument(file, t, fm, bodyLine, meta, sections(t.substring(bodyStart), bodyLine));
    }

    private static int findClose(String t, int from) {
        int at = from;
        while (at < t.length()) {
            int end = t.indexOf('\n', at);
            String line = (end < 0 ? t.substring(at) : t.substring(at, end)).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return at;
            }
            if (end < 0) {
                return -1;
            }
            at = end + 1;
        }
        return -1;
    }

    private static ObjectNode metadata(String fm, String file) {
        if (fm.isBlank()) {
            return YAML.createObjectNode();
        }
        try {
            // our own parser first: its errors carry the line and column (offset by the opening '---')
            YamlTree.parse(fm, file);
        } catch (ConfigError e) {
            String what = e.getMessage().substring(e.getMessage().indexOf(": ", e.file().length() + 1) + 2);
            throw new UserError(file + ":" + (e.line() + 1) + ":" + e.column() + ": the front matter is not valid "
                    + "YAML: " + what, "Fix the YAML between the '---' lines.", ExitCode.BAD_INPUT, e);
        }
        try {
            JsonNode n = YAML.readTree(fm);
            if (n == null || n.isNull() || n.isMissingNode()) {
                return YAML.createObjectNode();
            }
            if (!(n instanceof ObjectNode o)) {
                throw new UserError(file + ":2: the front matter must be a mapping of keys (license: ..., tags: ...)",
                        "Write `key: value` lines between the '---' lines.", ExitCode.BAD_INPUT, null);
            }
            return o;
        } catch (IOException e) {
            throw new UserError(file + ": the front matter is not valid YAML: " + e.getMessage(),
                    "Fix the YAML between the '---' lines.", ExitCode.BAD_INPUT, e);
        }
    }

    private static List<Section> sections(String body, int firstLine) {
        List<Section> out = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        String heading = null;
        int headingLine = 0;
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("## ")) {
                if (heading != null) {
                    out.add(new Section(heading, headingLine, text.toString()));
                }
                heading = line.substring(3).strip().replaceAll("\\s*#+$", "");
                headingLine = firstLine + i;
                text.setLength(0);
            } else if (heading != null) {
                text.append(line).append(i < lines.length - 1 ? "\n" : "");
            }
        }
        if (heading != null) {
            out.add(new Section(heading, headingLine, text.toString()));
        }
        return out;
    }

    private static int lines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * @param kind a known section
     * @return the card's section of that kind (the first, when written twice)
     */
    public Optional<Section> section(CardSection kind) {
        return sections.stream().filter(s -> s.kind().orElse(null) == kind).findFirst();
    }

    /**
     * Replaces one section's body and keeps every other byte of the file: the card editor's form writes a section
     * this way. A body that does not end a line gets a line break when another section follows, so the next heading
     * stays a heading.
     *
     * @param index the section's position in {@link #sections()}
     * @param body  its new body (the text after the heading's line, up to the next level-2 heading)
     * @return the card with that body
     * @throws IndexOutOfBoundsException when there is no such section
     * @throws UserError                 when the new text no longer parses (see {@link #parse})
     */
    public CardDocument withSectionBody(int index, String body) {
        Section s = sections.get(index);
        int start = lineStart(s.line() + 1);
        if (!text.startsWith(s.body(), start)) {
            throw new IllegalStateException("section " + s.heading() + " is not where it was read");
        }
        String b = body;
        if (index < sections.size() - 1 && !b.endsWith("\n")) {
            b += "\n";
        }
        String prefix = start == text.length() && !text.isEmpty() && !text.endsWith("\n") && !b.isEmpty() ? "\n" : "";
        return parse(text.substring(0, start) + prefix + b + text.substring(start + s.body().length()), file);
    }

    /**
     * Sets, replaces or removes one front-matter key and keeps every other line of the file as written (comments,
     * unknown keys, their order and quoting): the card editor's form writes a field this way. A list is written as a
     * block list; a value is written on one line, quoted only where YAML needs it.
     *
     * @param key   the key, top-level ({@code license}) or one level down ({@code mlwb.risk_tier})
     * @param value a String, a List of Strings, or null to remove the key
     * @return the card with that key
     * @throws UserError when the parent of a nested key is written inline ({@code mlwb: {…}}), or the result does not
     *                   parse
     */
    public CardDocument withMetadata(String key, Object value) {
        String[] path = key.split("\\.", 2);
        boolean hasFm = text.startsWith("---\n") || text.startsWith("---\r\n");
        if (!hasFm) {
            if (value == null) {
                return this;
            }
            String fm = path.length == 1 ? render(path[0], value, "") : path[0] + ":\n" + render(path[1], value, "  ");
            return parse("---\n" + fm + "---\n" + text, file);
        }
        int fmStart = text.indexOf('\n') + 1;
        List<String> lines = splitLines(frontMatter);
        int parent = path.length == 1 ? -1 : findKey(lines, 0, lines.size(), "", path[0]);
        int from = 0;
        int to = lines.size();
        String indent = "";
        if (path.length == 2) {
            if (parent < 0) {
                if (value == null) {
                    return this;
                }
                String fm = frontMatter + (frontMatter.isEmpty() || frontMatter.endsWith("\n") ? "" : "\n")
                        + path[0] + ":\n" + render(path[1], value, "  ");
                return parse(text.substring(0, fmStart) + fm + text.substring(fmStart + frontMatter.length()), file);
            }
            if (!lines.get(parent).substring(lines.get(parent).indexOf(':') + 1).strip().isEmpty()
                    && !lines.get(parent).substring(lines.get(parent).indexOf(':') + 1).strip().startsWith("#")) {
                throw new UserError(file + ": the front matter's '" + path[0] + "' is written on one line, so the form "
                        + "cannot change '" + key + "' without rewriting it.", "Change it in the source.",
                        ExitCode.BAD_INPUT, null);
            }
            from = parent + 1;
            to = blockEnd(lines, parent, "");
            indent = "  ";
            for (int i = from; i < to; i++) {
                String l = lines.get(i);
                if (!l.isBlank() && !l.stripLeading().startsWith("#")) {
                    indent = l.substring(0, l.length() - l.stripLeading().length());
                    break;
                }
            }
        }
        String name = path[path.length - 1];
        int at = findKey(lines, from, to, indent, name);
        StringBuilder out = new StringBuilder();
        if (at >= 0) {
            int end = blockEnd(lines, at, indent);
            for (int i = 0; i < at; i++) {
                out.append(lines.get(i));
            }
            if (value != null) {
                out.append(render(name, value, indent));
            }
            for (int i = end; i < lines.size(); i++) {
                out.append(lines.get(i));
            }
        } else {
            if (value == null) {
                return this;
            }
            int insert = to;
            while (insert > from && lines.get(insert - 1).isBlank()) {
                insert--; // before trailing blank lines of the block
            }
            for (int i = 0; i < insert; i++) {
                out.append(lines.get(i));
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(render(name, value, indent));
            for (int i = insert; i < lines.size(); i++) {
                out.append(lines.get(i));
            }
        }
        return parse(text.substring(0, fmStart) + out + text.substring(fmStart + frontMatter.length()), file);
    }

    private static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (at < s.length()) {
            int end = s.indexOf('\n', at);
            end = end < 0 ? s.length() : end + 1;
            out.add(s.substring(at, end));
            at = end;
        }
        return out;
    }

    /** The line in [from, to) that holds {@code name:} at exactly {@code indent}, or -1. */
    private static int findKey(List<String> lines, int from, int to, String indent, String name) {
        Pattern p = Pattern.compile("^" + Pattern.quote(indent) + "([\"']?)" + Pattern.quote(name) + "\\1\\s*:(\\s|$)");
        for (int i = from; i < to; i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** The first line after the key at {@code at} that is not part of its value (indented deeper, or a list item). */
    private static int blockEnd(List<String> lines, int at, String indent) {
        int i = at + 1;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank()) {
                int j = i;
                while (j < lines.size() && lines.get(j).isBlank()) {
                    j++;
                }
                if (j < lines.size() && deeper(lines.get(j), indent)) {
                    i = j;
                    continue;
                }
                return i;
            }
            if (!deeper(l, indent)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static boolean deeper(String line, String indent) {
        if (!line.startsWith(indent)) {
            return false;
        }
        String rest = line.substring(indent.length());
        return rest.startsWith(" ") || rest.startsWith("\t") || rest.startsWith("- ") || rest.stripTrailing().equals("-");
    }

    private static String render(String name, Object value, String indent) {
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return indent + name + ": []\n";
            }
            StringBuilder sb = new StringBuilder(indent).append(name).append(":\n");
            list.forEach(v -> sb.append(indent).append("- ").append(scalar(String.valueOf(v))).append('\n'));
            return sb.toString();
        }
        return indent + name + ": " + scalar(String.valueOf(value)) + "\n";
    }

    private static String scalar(String v) {
        try {
            return SCALARS.writeValueAsString(v.replaceAll("\\s*\\R\\s*", " ")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private int lineStart(int line) {
        int at = 0;
        for (int n = 1; n < line; n++) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                return text.length();
            }
            at = nl + 1;
        }
        return at;
    }

    /** @return mlwb's own metadata (an empty object when the card has none) */
    public JsonNode mlwb() {
        return metadata.path(NAMESPACE);
    }

    /** @return the SHA-256 of the card's bytes (UTF-8), which an approval records */
    public String contentHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
