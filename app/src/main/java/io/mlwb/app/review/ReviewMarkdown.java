package io.mlwb.app.review;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * A card section's or an evidence page's Markdown as JavaFX nodes (no web view), the way the run notes are shown
 * ({@code RunDetailMarkdown}) plus GitHub tables, which filled cards and evidence pages are made of. HTML comments
 * (the card's prompts and fill markers) are left out; other raw HTML is shown as text, never run. Styled by the
 * {@code md-*} classes of {@code review.css}.
 */
final class ReviewMarkdown {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private ReviewMarkdown() {
    }

    /**
     * @param markdown the text
     * @return its nodes, in a box
     */
    static VBox render(String markdown) {
        VBox box = new VBox(8);
        box.getStyleClass().add("md-preview");
        box.setPadding(new Insets(8, 12, 8, 12));
        blocks(PARSER.parse(markdown == null ? "" : markdown), box.getChildren());
        return box;
    }

    private static void blocks(org.commonmark.node.Node parent, List<Node> out) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node fx = block(n);
            if (fx != null) {
                out.add(fx);
            }
        }
    }

    private static Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            return inline(h, "md-h" + Math.min(h.getLevel(), 3));
        }
        if (n instanceof Paragraph p) {
            return inline(p, "md-p");
        }
        if (n instanceof FencedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof HtmlBlock h) {
            String text = h.getLiteral().replaceAll("(?s)<!--.*?-->", "").strip();
            return text.isEmpty() ? null : code(text);
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof TableBlock t) {
            return table(t);
        }
        if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            blocks(q, box.getChildren());
            return box;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            VBox list = new VBox(4);
            int number = n instanceof OrderedList o ? o.getStartNumber() : 0;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem li) {
                    Label bullet = new Label(n instanceof OrderedList ? number++ + "." : "\u2022");
                    bullet.setMinWidth(22);
                    VBox body = new VBox(4);
                    blocks(li, body.getChildren());
                    list.getChildren().add(new HBox(4, bullet, body));
                }
            }
            return list;
        }
        return null;
    }

    private static Node table(TableBlock t) {
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
                    if (c instanceof TableCell cell) {
                        TextFlow f = inline(cell, head ? "md-th" : "md-td");
                        f.getStyleClass().add("md-cell");
                        grid.add(f, col++, row);
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

    private static TextFlow inline(org.commonmark.node.Node block, String style) {
        return io.mlwb.app.ui.Markdown.inline(block, style, true);
    }
}
