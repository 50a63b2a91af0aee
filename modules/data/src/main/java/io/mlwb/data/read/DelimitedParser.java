package io.mlwb.data.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into cells and hands them to column builders. Quoting is RFC 4180 and decided by quote
 * parity, scanned by {@link QuoteScanner} as the chunk planner scans it, so a file read in parallel chunks gives the
 * same cells as a file read in one piece, whatever the input. A cell that starts and ends with a quote loses them and
 * has its doubled quotes undoubled; any other cell is taken as written. Lines end with LF or CRLF; empty lines are
 * skipped.
 */
final class DelimitedParser {
    static final int MAX_RAGGED_EXAMPLES = 5;

    private final byte[] buf;
    private final byte delim;
    private byte[] scratch = new byte[256];

    /** Short and long rows seen by the last {@link #parse} (rows are 0-based within the range). */
    int shortRows;
    int longRows;
    final List<Integer> shortExamples = new ArrayList<>();
    final List<Integer> longExamples = new ArrayList<>();
    /** Whether the range ended inside a quoted cell. */
    boolean unclosedQuote;

    DelimitedParser(byte[] buf, byte delim) {
        this.buf = buf;
        this.delim = delim;
    }

    /**
     * Parses the rows in {@code [start, end)}; {@code start} must be a row start. Columns whose builder is null are
     * skipped (a rescan of some columns only). Extra cells are dropped; missing cells are added as missing.
     *
     * @return the number of rows
     */
    int parse(int start, int end, ColumnBuilder[] builders) {
        final byte[] b = buf;
        final byte d = delim;
        final int ncol = builders.length;
        int rows = 0;
        int p = start;
        while (p < end) {
            byte first = b[p];
            if (first == '\n') {
                p++;
                continue;
            }
            if (first == '\r' && (p + 1 == end || b[p + 1] == '\n')) {
                p += 2;
                continue;
            }
            int col = 0;
            for (;;) {
                int fs = p;
                long cell = QuoteScanner.cell(b, p, end, d);
                p = QuoteScanner.stop(cell);
                int quotes = QuoteScanner.quotes(cell);
                if (QuoteScanner.unclosed(quotes)) {
                    unclosedQuote = true;
                }
                boolean eol = p >= end || b[p] == '\n';
                int fe = contentEnd(b, fs, p, eol);
                if (col < ncol) {
                    ColumnBuilder cb = builders[col];
                    if (cb != null) {
                        if (quotes == 0) {
                            cb.add(b, fs, fe - fs);
                        } else {
                            cell(cb, fs, fe, quotes);
                        }
                    }
                }
                col++;
                p++;
                if (eol) {
                    break;
                }
            }
            if (col < ncol) {
                for (int c = col; c < ncol; c++) {
                    if (builders[c] != null) {
                        builders[c].addMissing();
                    }
                }
                if (shortRows++ < MAX_RAGGED_EXAMPLES) {
                    shortExamples.add(rows);
                }
            } else if (col > ncol) {
                if (longRows++ < MAX_RAGGED_EXAMPLES) {
                    longExamples.add(rows);
                }
            }
            rows++;
        }
        return rows;
    }

    private void cell(ColumnBuilder cb, int fs, int fe, int quotes) {
        byte[] b = buf;
        if (enclosed(b, fs, fe)) {
            if (quotes == 2) {
                cb.add(b, fs + 1, fe - fs - 2);
                return;
            }
            if (scratch.length < fe - fs) {
                scratch = new byte[fe - fs];
            }
            cb.add(scratch, 0, undouble(b, fs + 1, fe - 1, scratch));
        } else {
            cb.add(b, fs, fe - fs);
        }
    }

    /**
     * Splits one row into cell texts (for the header and for sniffing). Same rules as {@link #parse}.
     *
     * @return the position after the row's line break (or {@code end})
     */
    static int row(byte[] b, int p, int end, byte d, List<int[]> cells) {
        for (;;) {
            int fs = p;
            long cell = QuoteScanner.cell(b, p, end, d);
            p = QuoteScanner.stop(cell);
            boolean eol = p >= end || b[p] == '\n';
            cells.add(new int[] {fs, contentEnd(b, fs, p, eol), QuoteScanner.quotes(cell)});
            p++;
            if (eol) {
                return Math.min(p, end);
            }
        }
    }

    /** @return the end of a cell's content: its stop, less a CR before the line break that ends a row */
    private static int contentEnd(byte[] b, int fs, int stop, boolean eol) {
        return eol && stop > fs && b[stop - 1] == '\r' ? stop - 1 : stop;
    }

    /** @return whether a cell split by {@link #row} ran to the end inside quotes (a quote never closed) */
    static boolean unclosed(int[] cell) {
        return QuoteScanner.unclosed(cell[2]);
    }

    /** @return the cell's bytes without surrounding quotes and with doubled quotes undoubled */
    static byte[] unquote(byte[] b, int[] cell) {
        int fs = cell[0];
        int fe = cell[1];
        if (cell[2] == 0 || !enclosed(b, fs, fe)) {
            return java.util.Arrays.copyOfRange(b, fs, fe);
        }
        byte[] out = new byte[fe - fs - 2];
        return java.util.Arrays.copyOf(out, undouble(b, fs + 1, fe - 1, out));
    }

    /** @return whether the cell {@code b[fs, fe)} starts and ends with a quote (and so is written quoted) */
    private static boolean enclosed(byte[] b, int fs, int fe) {
        return fe - fs >= 2 && b[fs] == '"' && b[fe - 1] == '"';
    }

    /**
     * Copies {@code b[from, to)} to {@code out} with each doubled quote written once.
     *
     * @return the number of bytes written
     */
    private static int undouble(byte[] b, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            out[n++] = c;
            if (c == '"' && i + 1 < to && b[i + 1] == '"') {
                i++;
            }
        }
        return n;
    }
}
