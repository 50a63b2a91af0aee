package io.mlwb.tracking.imports;

import io.mlwb.core.error.UserError;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Streams the records of one TFRecord file (the framing of TensorBoard event files): for each record a little-endian
 * uint64 length, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data. Both checksums are
 * verified. A file that ends inside its last record (a writer stopped mid-write) ends the stream after the last whole
 * record; {@link #truncatedAt()} then says where. One record at a time is held in memory.
 */
final class TfRecordReader implements Closeable {
    private static final int MASK_DELTA = 0xa282ead8;
    /** No event record comes near this; a length beyond it is damage, not data. */
    private static final long MAX_RECORD = Integer.MAX_VALUE - 64L;

    private final Path file;
    private final InputStream in;
    private final long size;
    private long offset;
    private long recordOffset = -1;
    private long truncatedAt = -1;
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];

    /**
     * @param file the event file, opened read-only
     * @throws IOException when it cannot be opened
     */
    TfRecordReader(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /**
     * @return the next record's data, or null at the end of the file (or of its last whole record)
     * @throws UserError when a checksum fails: the file and the record's byte offset are named
     * @throws IOException when reading fails
     */
    byte[] next() throws IOException {
        if (truncatedAt >= 0) {
            return null;
        }
        long start = offset;
        int got = in.readNBytes(header, 0, 12);
        offset += got;
        if (got == 0) {
            return null;
        }
        if (got < 12) {
            truncatedAt = start;
            return null;
        }
        long length = littleEndian(header, 0, 8);
        if (masked(header, 0, 8) != (int) littleEndian(header, 8, 4)) {
            throw damaged(start, "its length checksum does not match");
        }
        if (length < 0 || length > MAX_RECORD) {
            throw damaged(start, "it claims a length of " + Long.toUnsignedString(length) + " bytes");
        }
        if (length + 4 > size - offset) {
            truncatedAt = start;
            return null;
        }
        byte[] data = in.readNBytes((int) length);
        offset += data.length;
        int crc = in.readNBytes(footer, 0, 4);
        offset += crc;
        if (data.length < length || crc < 4) {
            truncatedAt = start;        // the file shrank under us
            return null;
        }
        if (masked(data, 0, data.length) != (int) littleEndian(footer, 0, 4)) {
            throw damaged(start, "its data checksum does not match");
        }
        recordOffset = start;
        return data;
    }

    /** @return the byte offset of the record {@link #next()} returned last */
    long recordOffset() {
        return recordOffset;
    }

    /** @return the byte offset of an incomplete last record, or -1 when the file ended cleanly (so far) */
    long truncatedAt() {
        return truncatedAt;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The masked CRC32C TFRecord stores: rotate right by 15, add a constant. */
    static int masked(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private static long littleEndian(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private UserError damaged(long at, String what) {
        return new UserError("%s is damaged at byte offset %d: %s.".formatted(file, at, what),
                "Restore the file from a backup, or move it out of the log dir and import again.");
    }
}
