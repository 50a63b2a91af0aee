package io.mlwb.data.read;

import java.util.Arrays;

/**
 * Dictionary-encodes byte ranges: equal bytes get the same code, codes are given in first-seen order, and no
 * {@code String} is made (strings are decoded once per distinct value, after the merge). Entries point into the
 * file's buffer when it outlives the dictionary ({@code stable}), otherwise into a private copy. Counts how often
 * each value occurs and the first row it occurs in. Open addressing with linear probing; not thread-safe.
 */
final class ByteDictionary {
    private int[] table;
    private int mask;
    private int size;
    private byte[][] src;
    private int[] off;
    private int[] len;
    private int[] hash;
    private int[] count;
    private int[] firstRow;

    ByteDictionary(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new int[cap];
        mask = cap - 1;
        int n = Math.max(8, expected);
        src = new byte[n][];
        off = new int[n];
        len = new int[n];
        hash = new int[n];
        count = new int[n];
        firstRow = new int[n];
    }

    /** FNV-1a over the bytes, with a final mix so the low bits are usable for the table index. */
    static int hash(byte[] b, int o, int l) {
        int h = 0x811C9DC5 ^ l;
        for (int i = o, e = o + l; i < e; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** @return the code of these bytes, adding them (seen first at {@code row}) when new; counts one occurrence */
    int intern(byte[] b, int o, int l, boolean stable, int row) {
        return intern(b, o, l, hash(b, o, l), stable, 1, row);
    }

    /** As {@link #intern(byte[], int, int, boolean, int)} with a known hash and occurrence count. */
    int intern(byte[] b, int o, int l, int h, boolean stable, int occurrences, int row) {
        int slot = h & mask;
        for (;;) {
            int e = table[slot];
            if (e == 0) {
                break;
            }
            e--;
            if (hash[e] == h && len[e] == l && Arrays.equals(src[e], off[e], off[e] + l, b, o, o + l)) {
                count[e] += occurrences;
                return e;
            }
            slot = (slot + 1) & mask;
        }
        int code = size++;
        if (code == src.length) {
            int n = code * 2;
            src = Arrays.copyOf(src, n);
            off = Arrays.copyOf(off, n);
            len = Arrays.copyOf(len, n);
            hash = Arrays.copyOf(hash, n);
            count = Arrays.copyOf(count, n);
            firstRow = Arrays.copyOf(firstRow, n);
        }
        if (stable) {
            src[code] = b;
            off[code] = o;
        } else {
            src[code] = Arrays.copyOfRange(b, o, o + l);
            off[code] = 0;
        }
        len[code] = l;
        hash[code] = h;
        count[code] = occurrences;
        firstRow[code] = row;
        table[slot] = code + 1;
        if (size * 2 > table.length) {
            grow();
        }
        return code;
    }

    private void grow() {
        int cap = table.length * 2;
        int[] t = new int[cap];
        int m = cap - 1;
        for (int e = 0; e < size; e++) {
            int slot = hash[e] & m;
            while (t[slot] != 0) {
                slot = (slot + 1) & m;
            }
            t[slot] = e + 1;
        }
        table = t;
        mask = m;
    }

    int size() {
        return size;
    }

    byte[] src(int e) {
        return src[e];
    }

    int off(int e) {
        return off[e];
    }

    int len(int e) {
        return len[e];
    }

    int hashOf(int e) {
        return hash[e];
    }

    int count(int e) {
        return count[e];
    }

    int firstRow(int e) {
        return firstRow[e];
    }
}
