package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** HTML comments left out of what people read; code, text and other HTML kept as written. */
class MarkdownCommentsTest {
    @Test
    void aPromptAloneOnItsLineGoesWithOneBlankLine() {
        assertEquals("## Metrics\n\nAUC 0.81.\n", MarkdownComments.strip(
                "## Metrics\n\n<!-- (required) Which metrics, on which data? -->\n\nAUC 0.81.\n"));
        assertEquals("## Metrics\n\n## Factors\n", MarkdownComments.strip(
                "## Metrics\n\n<!-- Which metrics? -->\n\n## Factors\n"));
        assertEquals("Intro.\n", MarkdownComments.strip("<!-- top -->\n\nIntro.\n"));
    }

    @Test
    void multiLineCommentsAndFillMarkersGo() {
        String card = "## Training data\n\n<!-- mlwb:auto training-data -->\n| file | rows |\n|---|---|\n"
                + "| data/loans.csv | 1000 |\n<!-- mlwb:end training-data -->\n\n<!-- Where the data came from,\n"
                + "   and how it was cleaned. -->\n\nHand-written.\n";
        assertEquals("## Training data\n\n| file | rows |\n|---|---|\n| data/loans.csv | 1000 |\n\nHand-written.\n",
                MarkdownComments.strip(card));
    }

    @Test
    void inlineCommentsGoAndTheSentenceStays() {
        assertEquals("Approved by  the committee.\n", MarkdownComments.strip(
                "Approved by <!-- name them --> the committee.\n"));
        assertEquals("Text\r\n\r\nMore\r\n", MarkdownComments.strip("Text\r\n\r\n<!-- x -->\r\n\r\nMore\r\n"));
    }

    @Test
    void commentsShownAsCodeStay() {
        String code = "Write `<!-- like this -->` for a prompt:\n\n```html\n<!-- a prompt -->\n```\n\n"
                + "    <!-- indented code -->\n";
        assertEquals(code, MarkdownComments.strip(code));
    }

    @Test
    void otherHtmlAndPlainTextAreKept() {
        String text = "<details>\n<summary>More</summary>\n\nBody\n</details>\n\n5 < 6 and 7 > 3.\n";
        assertSame(text, MarkdownComments.strip(text), "no comment: the same text");
        assertEquals("<div>kept</div>\n", MarkdownComments.strip("<div>kept</div><!-- gone -->\n"));
        assertEquals("", MarkdownComments.strip(null));
        assertEquals("An unclosed <!-- comment\n", MarkdownComments.strip("An unclosed <!-- comment\n"));
    }
}
