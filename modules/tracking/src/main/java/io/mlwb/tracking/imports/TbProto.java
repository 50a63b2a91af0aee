package io.mlwb.tracking.imports;

import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of the protobuf wire format over one slice of a byte array: just what the TensorBoard reader
 * needs (varint, fixed64, fixed32, length-delimited), so that no protobuf library joins the build. Groups (wire types
 * 3 and 4, unused by every message we read) are malformed input here.
 */
final class TbProto {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    /** Malformed protobuf bytes; the caller adds which file and record. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] buf;
    private int pos;
    private final int limit;
    private int tag;

    TbProto(byte[] buf) {
        this(buf, 0, buf.length);
    }

    TbProto(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** @return false at the end of the slice; otherwise reads the next key, see {@link #field()} and {@link #wire()} */
    boolean next() {
        if (pos >= limit) {
            return false;
        }
        long key = varint();
        if (key >>> 32 != 0 || (key >>> 3) == 0) {
            throw new Malformed("bad field key " + key);
        }
        tag = (int) key;
        return true;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int field() {
        return tag >>> 3;
    }

    int wire() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new Malformed("varint runs past the end");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new Malformed("varint longer than 10 bytes");
    }

    long fixed64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    int fixed32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    double float64() {
        return Double.longBitsToDouble(fixed64());
    }

    float float32() {
        return Float.intBitsToFloat(fixed32());
    }

    /** @return a reader over the length-delimited field at the cursor, which moves past it */
    TbProto message() {
        int n = length();
        TbProto sub = new TbProto(buf, pos, n);
        pos += n;
        return sub;
    }

    /** @return the length-delimited field at the cursor as bytes */
    byte[] bytes() {
        int n = length();
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    String string() {
        int n = length();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips the value of the field whose key was just read. */
    void skip() {
        switch (wire()) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LEN -> {
                int n = length();           // not "pos += length()": that adds to pos as it was before the length
                pos += n;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new Malformed("unsupported wire type " + wire() + " for field " + field());
        }
    }

    /** @throws Malformed unless the field just read has wire type {@code expected} */
    void expect(int expected) {
        if (wire() != expected) {
            throw new Malformed("field " + field() + " has wire type " + wire() + ", expected " + expected);
        }
    }

    private int length() {
        long n = varint();
        if (n < 0 || n > limit - pos) {
            throw new Malformed("length " + n + " runs past the end");
        }
        return (int) n;
    }

    private void need(int n) {
        if (limit - pos < n) {
            throw new Malformed("value runs past the end");
        }
    }
}
