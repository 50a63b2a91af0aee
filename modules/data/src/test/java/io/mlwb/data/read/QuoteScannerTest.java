package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one quote scanner: cells, row ends and counts, and how it tells a quote that is never closed. */
class QuoteScannerTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCellStopsAtTheFirstDelimiterOrLineBreakOutsideQuotes() {
        byte[] b = bytes("\"a,\"\"b\"\"\nc\",d\n");
        long cell = QuoteScanner.cell(b, 0, b.length, (byte) ',');
        assertEquals(11, QuoteScanner.stop(cell));
        assertEquals(6, QuoteScanner.quotes(cell));
        assertFalse(QuoteScanner.unclosed(QuoteScanner.quotes(cell)));
        long plain = QuoteScanner.cell(b, 12, b.length, (byte) ',');
        assertEquals(13, QuoteScanner.stop(plain));
        assertEquals(0, QuoteScanner.quotes(plain));
    }

    @Test
    void aQuoteNeverClosedRunsToTheEndWithAnOddCount() {
        byte[] b = bytes("x,\"open\nmore,rows\n");
        long cell = QuoteScanner.cell(b, 2, b.length, (byte) ',');
        assertEquals(b.length, QuoteScanner.stop(cell));
        assertTrue(QuoteScanner.unclosed(QuoteScanner.quotes(cell)));
        assertEquals(-1, QuoteScanner.rowEnd(b, 2, b.length, false));
        assertEquals(2, QuoteScanner.lastRowEnd(bytes("a\n\"b\nc\n"), 0, 7));
    }

    @Test
    void rowEndsSkipQuotedLineBreaksAndHonourTheStartState() {
        byte[] b = bytes("a,\"x\ny\"\nb\n");
        assertEquals(8, QuoteScanner.rowEnd(b, 0, b.length, false));
        assertEquals(10, QuoteScanner.lastRowEnd(b, 0, b.length));
        // Starting inside the quotes at the 'x': the first line break outside quotes is the row's own.
        assertEquals(8, QuoteScanner.rowEnd(b, 3, b.length, true));
        // Starting at 'y' taken as outside quotes, its closing quote opens one: no row end is found.
        assertEquals(-1, QuoteScanner.rowEnd(b, 5, b.length, false));
        assertEquals(-1, QuoteScanner.lastRowEnd(bytes("no line break"), 0, 13));
    }

    @Test
    void theEightByteCountEqualsAPlainCount() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] b = new byte[1000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(4) == 0 ? '"' : r.nextInt(256));
        }
        for (int s = 0; s < 20; s++) {
            for (int e = 980; e <= 1000; e++) {
                int n = 0;
                for (int i = s; i < e; i++) {
                    n += b[i] == '"' ? 1 : 0;
                }
                assertEquals(n, QuoteScanner.count(b, s, e));
            }
        }
    }

    @Test
    void quotesAndLineFeedsCountedTogetherEqualPlainCounts() {
        SplittableRandom r = new SplittableRandom(4);
        byte[] b = new byte[1000];
        for (int i = 0; i < b.length; i++) {
            int k = r.nextInt(6);
            b[i] = (byte) (k == 0 ? '"' : k == 1 ? '\n' : r.nextInt(256));
        }
        for (int s = 0; s < 20; s++) {
            for (int e = 980; e <= 1000; e++) {
                int q = 0;
                int n = 0;
                for (int i = s; i < e; i++) {
                    q += b[i] == '"' ? 1 : 0;
                    n += b[i] == '\n' ? 1 : 0;
                }
                long both = QuoteScanner.countQuotesAndLines(b, s, e);
                assertEquals(q, (int) (both >>> 32));
                assertEquals(n, (int) both);
                assertEquals(n, QuoteScanner.lines(b, s, e));
            }
        }
    }
}
