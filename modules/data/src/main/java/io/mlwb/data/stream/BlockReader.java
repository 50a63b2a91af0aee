package io.mlwb.data.stream;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.read.QuoteScanner;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a delimited or JSON Lines file (optionally gzip-compressed) sequentially in blocks of whole rows. A block
 * ends at the last line break outside double quotes (CSV: a quoted field may hold line breaks; the reader's
 * {@link QuoteScanner} decides, as for the in-memory reader) or, for JSON Lines, at the last line
 * break. Only the current block and the carried-over partial row are held.
 */
final class BlockReader implements Closeable {
    private static final int MAX_ROW_BYTES = 1 << 30;

    private final InputStream in;
    private final CountingStream counting;
    private final boolean gzip;
    private boolean jsonLines;
    private byte[] buf;
    private int len;
    private boolean eof;

    /**
     * Opens a file.
     *
     * @param file       the file
     * @param blockBytes nominal block size
     * @param jsonLines  whether rows are JSON Lines (no quoted line breaks)
     * @throws IOException if it cannot be opened
     */
    BlockReader(Path file, int blockBytes, boolean jsonLines) throws IOException {
        this.counting = new CountingStream(Files.newInputStream(file));
        BufferedInputStream raw = new BufferedInputStream(counting, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        this.gzip = b0 == 0x1F && b1 == 0x8B;
        this.in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        this.jsonLines = jsonLines;
        this.buf = new byte[blockBytes];
    }

    /**
     * The first bytes of the (decompressed) content, without consuming them.
     *
     * @param max at most this many
     * @return a copy of up to {@code max} bytes (fewer at the end of the file)
     * @throws IOException if reading fails
     */
    byte[] head(int max) throws IOException {
        fill();
        return Arrays.copyOf(buf, Math.min(max, len));
    }

    /** Sets whether rows are JSON Lines; call before the first {@link #next()}. */
    void jsonLines(boolean value) {
        this.jsonLines = value;
    }

    /** @return whether the file is gzip-compressed */
    boolean gzip() {
        return gzip;
    }

    /** @return compressed bytes consumed so far (for progress) */
    long consumed() {
        return counting.count;
    }

    /**
     * The next block of whole rows.
     *
     * @return the block's bytes (a new array), or null at the end of the file
     * @throws IOException if reading fails
     */
    byte[] next() throws IOException {
        while (true) {
            fill();
            if (len == 0) {
                return null;
            }
            int cut = eof ? len : lastRowEnd(buf, len, jsonLines);
            if (cut > 0) {
                byte[] block = Arrays.copyOf(buf, cut);
                System.arraycopy(buf, cut, buf, 0, len - cut);
                len -= cut;
                return block;
            }
            if (buf.length >= MAX_ROW_BYTES) {
                throw new UserError("A row of the file is longer than 1 GB (or a quote is never closed).",
                        "Check the file's quoting.", ExitCode.BAD_INPUT, null);
            }
            buf = Arrays.copyOf(buf, buf.length * 2); // one row longer than a block: grow and read on
        }
    }

    private void fill() throws IOException {
        while (!eof && len < buf.length) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
            } else {
                len += n;
            }
        }
    }

    /**
     * The end (exclusive) of the last complete row in {@code b[0, to)}, which starts a row.
     *
     * @return the index after the last row-ending line break, or 0 when there is none
     */
    private static int lastRowEnd(byte[] b, int to, boolean jsonLines) {
        if (jsonLines) {
            for (int i = to - 1; i >= 0; i--) {
                if (b[i] == '\n') {
                    return i + 1;
                }
            }
            return 0;
        }
        return Math.max(0, QuoteScanner.lastRowEnd(b, 0, to));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the bytes read from the file. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            int r = super.read(b, off, n);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
