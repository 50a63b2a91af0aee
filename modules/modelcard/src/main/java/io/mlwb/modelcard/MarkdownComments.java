package io.mlwb.modelcard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Removes the HTML comments of a Markdown text — a card's prompts ({@code <!-- Who should use it… -->}) and its fill
 * markers ({@code <!-- mlwb:auto KEY -->}) — for what people read: the preview, the HTML page and the Hugging Face
 * README. Only comments that CommonMark reads as raw HTML are removed (found through the parser's source positions),
 * so a comment shown inside a code block or a code span stays; a line left empty by the removal goes too, and so does
 * one of the two blank lines it stood between. The card's file keeps its comments: this makes a copy.
 */
public final class MarkdownComments {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private MarkdownComments() {
    }

    /**
     * @param markdown a Markdown text (without front matter), or null
     * @return the text without its HTML comments; everything else as written ("" for null)
     */
    public static String strip(String markdown) {
        if (markdown == null || !markdown.contains("<!--")) {
            return markdown == null ? "" : markdown;
        }
        int[] lineStarts = lineStarts(markdown);
        List<int[]> cuts = new ArrayList<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock block) {
                int[] r = range(block, lineStarts, markdown.length());
                if (r != null) {
                    Matcher m = COMMENT.matcher(markdown).region(r[0], r[1]);
                    while (m.find()) {
                        cuts.add(new int[] {m.start(), m.end()});
                    }
                }
            }

            @Override
            public void visit(HtmlInline inline) {
                int[] r = range(inline, lineStarts, markdown.length());
                if (r != null && inline.getLiteral().startsWith("<!--")) {
                    cuts.add(r);
                }
            }
        });
        if (cuts.isEmpty()) {
            return markdown;
        }
        List<int[]> whole = new ArrayList<>();
        for (int[] c : cuts) {
            whole.add(wholeLines(markdown, c[0], c[1]));
        }
        whole.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder(markdown.length());
        int at = 0;
        for (int[] c : whole) {
            if (c[0] >= at) {
                out.append(markdown, at, c[0]);
            }
            at = Math.max(at, c[1]);
        }
        out.append(markdown, at, markdown.length());
        return out.toString();
    }

    /** A cut that is alone on its lines takes the lines, and one of the blank lines around them. */
    private static int[] wholeLines(String s, int start, int end) {
        int lineStart = start;
        while (lineStart > 0 && s.charAt(lineStart - 1) != '\n' && s.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        int lineEnd = end;
        while (lineEnd < s.length() && s.charAt(lineEnd) != '\n' && s.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        if (!s.substring(lineStart, start).isBlank() || !s.substring(end, lineEnd).isBlank()) {
            return new int[] {start, end};
        }
        int next = skipBreak(s, lineEnd);
        boolean blankBefore = lineStart == 0 || isBlankLineBefore(s, lineStart);
        int afterNext = next;
        while (afterNext < s.length() && (s.charAt(afterNext) == ' ' || s.charAt(afterNext) == '\t')) {
            afterNext++;
        }
        boolean blankAfter = afterNext >= s.length() || s.charAt(afterNext) == '\n' || s.charAt(afterNext) == '\r';
        if (blankBefore && blankAfter) {
            next = skipBreak(s, afterNext);
        }
        return new int[] {lineStart, next};
    }

    private static boolean isBlankLineBefore(String s, int lineStart) {
        int i = lineStart - 1; // the break that ends the line before
        if (s.charAt(i) == '\n' && i > 0 && s.charAt(i - 1) == '\r') {
            i--;
        }
        int j = i;
        while (j > 0 && s.charAt(j - 1) != '\n' && s.charAt(j - 1) != '\r') {
            j--;
        }
        return s.substring(j, i).isBlank();
    }

    private static int skipBreak(String s, int i) {
        if (i < s.length() && s.charAt(i) == '\r') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static int[] range(Node n, int[] lineStarts, int length) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (spans.isEmpty()) {
            return null;
        }
        SourceSpan first = spans.get(0);
        SourceSpan last = spans.get(spans.size() - 1);
        if (first.getLineIndex() >= lineStarts.length || last.getLineIndex() >= lineStarts.length) {
            return null;
        }
        int start = lineStarts[first.getLineIndex()] + first.getColumnIndex();
        int end = lineStarts[last.getLineIndex()] + last.getColumnIndex() + last.getLength();
        return start <= end && end <= length ? new int[] {start, end} : null;
    }

    /** Where each line starts, with CommonMark's line breaks (\n, \r\n, \r). */
    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\n' || c == '\r') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
