package io.mlwb.data.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into cells and hands them to column builders. Quoting is RFC 4180 and decided by quote
 * parity: every {@code "} toggles "inside quotes", and delimiters and line breaks inside quotes belong to the
 * cell. This is exactly what the chunk planner assumes, so a file read in parallel chunks gives the same cells as
 * a file read in one piece, whatever the input. A cell that starts and ends with a quote loses them and has its
 * doubled quotes undoubled; any other cell is taken as written. Lines end with LF or CRLF; empty lines are skipped.
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
                int quotes = 0;
                while (p < end) {
                    byte c = b[p];
                    if (c == d || c == '\n') {
                        break;
                    }
                    if (c == '"') {
                        quotes++;
                        int k = p + 1;
                        while (k < end && b[k] != '"') {
                            k++;
                        }
                        if (k == end) {
                            unclosedQuote = true;
                            p = end;
                            break;
                        }
                        quotes++;
                        p = k + 1;
                        continue;
                    }
                    p++;
                }
                boolean eol = p >= end || b[p] == '\n';
                int fe = p;
                if (eol && fe > fs && b[fe - 1] == '\r') {
                    fe--;
                }
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
        if (fe - fs >= 2 && b[fs] == '"' && b[fe - 1] == '"') {
            if (quotes == 2) {
                cb.add(b, fs + 1, fe - fs - 2);
                return;
            }
            int n = 0;
            if (scratch.length < fe - fs) {
                scratch = new byte[fe - fs];
            }
            for (int i = fs + 1; i < fe - 1; i++) {
                byte c = b[i];
                scratch[n++] = c;
                if (c == '"' && i + 1 < fe - 1 && b[i + 1] == '"') {
                    i++;
                }
            }
            cb.add(scratch, 0, n);
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
            int quotes = 0;
            while (p < end) {
                byte c = b[p];
                if (c == d || c == '\n') {
                    break;
                }
                if (c == '"') {
                    quotes++;
                    int k = p + 1;
                    while (k < end && b[k] != '"') {
                        k++;
                    }
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
            boolean eol = p >= end || b[p] == '\n';
            int fe = p;
            if (eol && fe > fs && b[fe - 1] == '\r') {
                fe--;
            }
            cells.add(new int[] {fs, fe, quotes});
            p++;
            if (eol) {
                return Math.min(p, end);
            }
        }
    }

    /** @return the cell's bytes without surrounding quotes and with doubled quotes undoubled */
    static byte[] unquote(byte[] b, int[] cell) {
        int fs = cell[0];
        int fe = cell[1];
        if (cell[2] == 0 || fe - fs < 2 || b[fs] != '"' || b[fe - 1] != '"') {
            return java.util.Arrays.copyOfRange(b, fs, fe);
        }
        byte[] out = new byte[fe - fs - 2];
        int n = 0;
        for (int i = fs + 1; i < fe - 1; i++) {
            out[n++] = b[i];
            if (b[i] == '"' && i + 1 < fe - 1 && b[i + 1] == '"') {
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
