package io.mlwb.data.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one place that knows how double quotes work in delimited text. Quoting is RFC 4180 and decided by quote
 * parity: every {@code "} toggles "inside quotes", and delimiters and line breaks inside quotes belong to the cell.
 * The cell parser, the header split, the chunk planner and the streaming block reader all scan with these methods,
 * so they agree on where cells and rows end whatever the input, and a quote that is never closed is recognised the
 * same way by all of them: the scan runs to the end of the range and the cell holds an odd number of quotes
 * ({@link #unclosed(int)}); the reader then warns that everything after it was read as one cell.
 *
 * <p>Static and allocation-free: the parser calls {@link #cell} once per cell in its hot loop.
 */
public final class QuoteScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private QuoteScanner() {
    }

    /**
     * Scans one cell that starts at {@code p} (outside quotes).
     *
     * @return the cell's stop and quote count packed in a long: read them with {@link #stop(long)} and
     *         {@link #quotes(long)}
     */
    static long cell(byte[] b, int p, int end, byte delim) {
        int quotes = 0;
        while (p < end) {
            byte c = b[p];
            if (c == delim || c == '\n') {
                break;
            }
            if (c == '"') {
                quotes++;
                int k = nextQuote(b, p + 1, end);
                if (k == end) {
                    p = end;
                    break;
                }
                quotes++;
                p = k + 1;
                continue;
            }
            p++;
        }
        return (long) quotes << 32 | p;
    }

    /** @return where a {@link #cell} scan stopped: at the delimiter or line break that ends the cell, or at the end */
    static int stop(long cell) {
        return (int) cell;
    }

    /** @return the number of quote bytes in a {@link #cell} */
    static int quotes(long cell) {
        return (int) (cell >>> 32);
    }

    /** @return whether a cell with this many quotes ran to the end of its range inside quotes */
    static boolean unclosed(int quotes) {
        return (quotes & 1) != 0;
    }

    /**
     * Finds the end of the row that {@code p} is in.
     *
     * @param quoted whether {@code p} is inside quotes
     * @return the index after the first line break outside quotes at or after {@code p}, or -1 if there is none
     *         before {@code end} (the row is incomplete, or a quote is never closed)
     */
    public static int rowEnd(byte[] b, int p, int end, boolean quoted) {
        if (quoted) {
            int k = nextQuote(b, p, end);
            if (k == end) {
                return -1;
            }
            p = k + 1;
        }
        while (p < end) {
            byte c = b[p];
            if (c == '\n') {
                return p + 1;
            }
            if (c == '"') {
                int k = nextQuote(b, p + 1, end);
                if (k == end) {
                    return -1;
                }
                p = k + 1;
            } else {
                p++;
            }
        }
        return -1;
    }

    /**
     * Finds the end of the last complete row in {@code b[from, to)}, which starts outside quotes.
     *
     * @return the index after the last line break outside quotes, or -1 if there is none
     */
    public static int lastRowEnd(byte[] b, int from, int to) {
        int last = -1;
        for (int p = rowEnd(b, from, to, false); p >= 0; p = rowEnd(b, p, to, false)) {
            last = p;
        }
        return last;
    }

    /** @return how many quote bytes {@code b[s, e)} holds */
    static int count(byte[] b, int s, int e) {
        return (int) (countQuotesAndLines(b, s, e) >>> 32);
    }

    /**
     * Counts quote bytes and line feeds in one pass, eight bytes at a time (SWAR: a byte equal to the one sought
     * becomes zero, and zero bytes are counted exactly).
     *
     * @return the quotes in the high 32 bits, the line feeds in the low 32
     */
    static long countQuotesAndLines(byte[] b, int s, int e) {
        long q = 0;
        long n = 0;
        int i = s;
        for (; i + 8 <= e; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ 0x2222_2222_2222_2222L;
            long t = ((x & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | x;
            q += Long.bitCount(~(t | 0x7F7F_7F7F_7F7F_7F7FL));
            long y = w ^ 0x0A0A_0A0A_0A0A_0A0AL;
            long u = ((y & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | y;
            n += Long.bitCount(~(u | 0x7F7F_7F7F_7F7F_7F7FL));
        }
        for (; i < e; i++) {
            if (b[i] == '"') {
                q++;
            } else if (b[i] == '\n') {
                n++;
            }
        }
        return q << 32 | n;
    }

    /** @return how many line feeds {@code b[s, e)} holds */
    static int lines(byte[] b, int s, int e) {
        return (int) countQuotesAndLines(b, s, e);
    }

    /** @return the index of the first quote at or after {@code p}, or {@code end} */
    private static int nextQuote(byte[] b, int p, int end) {
        while (p < end && b[p] != '"') {
            p++;
        }
        return p;
    }
}
