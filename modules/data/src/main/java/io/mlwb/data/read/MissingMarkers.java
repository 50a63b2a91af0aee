package io.mlwb.data.read;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Collection;

/** The missing-value markers as bytes, indexed by length so that most cells are rejected by one array load. */
final class MissingMarkers {
    private final byte[][][] byLength;
    /** Bytes that start some non-empty marker: a cell starting with any other byte (a digit, say) is not one. */
    private final boolean[] firstBytes = new boolean[256];
    private final boolean empty;

    MissingMarkers(Collection<String> markers, Charset charset) {
        int max = 0;
        for (String m : markers) {
            max = Math.max(max, m.getBytes(charset).length);
        }
        byLength = new byte[max + 1][][];
        boolean e = false;
        for (String m : markers) {
            byte[] b = m.getBytes(charset);
            if (b.length == 0) {
                e = true;
            } else {
                firstBytes[b[0] & 0xFF] = true;
            }
            byte[][] old = byLength[b.length];
            byte[][] now = old == null ? new byte[1][] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = b;
            byLength[b.length] = now;
        }
        empty = e;
    }

    boolean matches(byte[] b, int o, int l) {
        if (l == 0) {
            return empty;
        }
        if (!firstBytes[b[o] & 0xFF] || l >= byLength.length) {
            return false;
        }
        byte[][] candidates = byLength[l];
        if (candidates == null) {
            return false;
        }
        for (byte[] c : candidates) {
            if (Arrays.equals(c, 0, l, b, o, o + l)) {
                return true;
            }
        }
        return false;
    }
}
