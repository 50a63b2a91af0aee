package io.mlwb.data.read;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Collection;

/** The missing-value markers as bytes, indexed by length so that most cells are rejected by one array load. */
final class MissingMarkers {
    private final byte[][][] byLength;

    MissingMarkers(Collection<String> markers, Charset charset) {
        int max = 0;
        for (String m : markers) {
            max = Math.max(max, m.getBytes(charset).length);
        }
        byLength = new byte[max + 1][][];
        for (String m : markers) {
            byte[] b = m.getBytes(charset);
            byte[][] old = byLength[b.length];
            byte[][] now = old == null ? new byte[1][] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = b;
            byLength[b.length] = now;
        }
    }

    boolean matches(byte[] b, int o, int l) {
        if (l >= byLength.length) {
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
