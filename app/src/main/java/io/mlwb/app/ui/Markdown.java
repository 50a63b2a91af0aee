package io.mlwb.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import java.util.regex.Pattern;
import javafx.scene.layout.GridPane;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown previews as JavaFX nodes, the one renderer of the app (no web view): CommonMark parsed, then headings,
 * paragraphs with emphasis, strong, inline code and links, bullet and numbered lists, block quotes, code blocks and
 * rules, each styled by a {@code md-*} class ({@code markdown.css} next to this class, {@link #STYLESHEET}, which a
 * pane showing a preview adds to its root; a pane may restyle the classes in a stylesheet added after it). Raw HTML
 * is shown as text, never run. {@link #render} is for notes (a run's); {@link #renderDocument} for documents — a model
 * card in its editor's preview and in the review pane, an evidence page — and adds GitHub tables and hides HTML
 * comments (a card's prompts and autofill markers).
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    /** The stylesheet of the {@code md-*} classes, for a pane that shows a preview. */
    public static final String STYLESHEET = java.util.Objects.requireNonNull(Markdown.class.getResource("markdown.css"))
            .toExternalForm();
    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Parser GFM = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private Markdown() {
    }

    /**
     * @param markdown the note
     * @return its preview
     */
    public static VBox render(String markdown) {
        VBox box = new VBox(8);
        box.getStyleClass().add("md-preview");
        box.setPadding(new Insets(8, 12, 8, 12));
        blocks(PARSER.parse(markdown == null ? "" : markdown), box.getChildren(), false);
        return box;
    }

    /**
     * A document's preview: like {@link #render} with GitHub-style tables, and without HTML comments, which a
     * rendered page does not show either (inline ones are left out; a raw HTML block shows what is left of it once its
     * comments are out, trimmed, or nothing).
     *
     * @param markdown the document
     * @return its preview
     */
    public static VBox renderDocument(String markdown) {
        VBox box = new VBox(8);
        box.getStyleClass().add("md-preview");
        box.setPadding(new Insets(8, 12, 8, 12));
        blocks(GFM.parse(markdown == null ? "" : markdown), box.getChildren(), true);
        return box;
    }

    /** {@code page}: a document's preview ({@link #renderDocument}), which hides HTML comments. */
    private static void blocks(org.commonmark.node.Node parent, List<Node> out, boolean page) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node fx = block(n, page);
            if (fx != null) {
                out.add(fx);
            }
        }
    }

    private static Node block(org.commonmark.node.Node n, boolean page) {
        if (n instanceof Heading h) {
            return inline(h, "md-h" + Math.min(h.getLevel(), 3), page);
        }
        if (n instanceof Paragraph p) {
            return inline(p, "md-p", page);
        }
        if (n instanceof FencedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof HtmlBlock h) {
            String text = page ? COMMENTS.matcher(h.getLiteral()).replaceAll("").strip() : h.getLiteral();
            return text.isEmpty() ? null : code(text);
        }
        if (n instanceof TableBlock t) {
            return table(t, page);
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            blocks(q, box.getChildren(), page);
            return box;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            VBox list = new VBox(4);
            int number = n instanceof OrderedList o ? o.getStartNumber() : 0;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem li) {
                    Label bullet = new Label(n instanceof OrderedList ? number++ + "." : "•");
                    bullet.setMinWidth(22);
                    VBox body = new VBox(4);
                    blocks(li, body.getChildren(), page);
                    list.getChildren().add(new HBox(4, bullet, body));
                }
            }
            return list;
        }
        return null;
    }

    /** A GitHub table as a grid of {@code md-th} and {@code md-td} cells, each also {@code md-cell}. */
    private static Node table(TableBlock t, boolean page) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (org.commonmark.node.Node part = t.getFirstChild(); part != null; part = part.getNext()) {
            boolean head = part instanceof TableHead;
            for (org.commonmark.node.Node r = part.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int col = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell) {
                        TextFlow cell = inline(c, head ? "md-th" : "md-td", page);
                        cell.getStyleClass().add("md-cell");
                        grid.add(cell, col++, row);
                    }
                }
                row++;
            }
        }
        return grid;
    }

    private static Node code(String literal) {
        Label l = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        l.getStyleClass().add("md-code-block");
        l.setWrapText(false);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** A block's inline content (text, code, emphasis, links, line breaks) as styled text. */
    private static TextFlow inline(org.commonmark.node.Node block, String style, boolean hideComments) {
        List<Text> texts = new ArrayList<>();
        inlines(block, texts, new ArrayList<>(), hideComments);
        TextFlow f = new TextFlow(texts.toArray(Text[]::new));
        f.getStyleClass().add(style);
        return f;
    }

    private static void inlines(org.commonmark.node.Node parent, List<Text> out, List<String> styles,
                                boolean hideComments) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(text(c.getLiteral(), plus(styles, "md-code")));
            } else if (n instanceof HtmlInline h) {
                if (!(hideComments && h.getLiteral().startsWith("<!--"))) {
                    out.add(text(h.getLiteral(), styles));
                }
            } else if (n instanceof SoftLineBreak) {
                out.add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(text("\n", styles));
            } else if (n instanceof Emphasis) {
                inlines(n, out, plus(styles, "md-em"), hideComments);
            } else if (n instanceof StrongEmphasis) {
                inlines(n, out, plus(styles, "md-strong"), hideComments);
            } else if (n instanceof Link l) {
                int before = out.size();
                inlines(n, out, plus(styles, "md-link"), hideComments);
                if (out.size() == before) {
                    out.add(text(l.getDestination(), plus(styles, "md-link")));
                }
            } else {
                inlines(n, out, styles, hideComments);
            }
        }
    }

    private static List<String> plus(List<String> styles, String s) {
        List<String> l = new ArrayList<>(styles);
        l.add(s);
        return l;
    }

    private static Text text(String s, List<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        return t;
    }
}
