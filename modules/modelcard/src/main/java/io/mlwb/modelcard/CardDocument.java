package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
