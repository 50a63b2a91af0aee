package io.mlwb.data.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet file already in memory. */
final class ParquetBytesInputFile implements InputFile {
    private final byte[] bytes;

    ParquetBytesInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        Stream in = new Stream(bytes);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return in.position();
            }

            @Override
            public void seek(long newPos) throws IOException {
                if (newPos < 0 || newPos > bytes.length) {
                    throw new IOException("Seek to " + newPos + " outside 0.." + bytes.length);
                }
                in.moveTo((int) newPos);
            }
        };
    }

    /** A byte array stream whose position can be read and set. */
    private static final class Stream extends ByteArrayInputStream {
        Stream(byte[] b) {
            super(b);
        }

        synchronized long position() {
            return pos;
        }

        synchronized void moveTo(int p) {
            pos = p;
        }
    }
}
