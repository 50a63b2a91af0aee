package io.mlwb.data.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Dictionary-encodes byte ranges: equal bytes get the same code, codes are given in first-seen order, and no
 * {@code String} is made (strings are decoded once per distinct value, after the chunk dictionaries are merged).
 * The distinct values are copied into one compact pool, so that comparing a cell with its entry touches the
 * pool's few cache lines rather than the place in a 100 MB file where the value was first seen. Each slot of the
 * open-addressing table holds the hash next to the code, so most probes cost one memory access. Counts each
 * value's occurrences and remembers the first row it was seen in. Not thread-safe.
 */
final class ByteDictionary {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private boolean ascii = true;
    private long[] slots;
    private int mask;
    private int size;
    private byte[] pool;
    private int poolSize;
    private int[] start;
    private int[] len;
    private int[] hash;
    private int[] count;
    private int[] firstRow;

    ByteDictionary(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap];
        mask = cap - 1;
        int n = Math.max(8, expected);
        pool = new byte[Math.max(64, n * 8)];
        start = new int[n];
        len = new int[n];
        hash = new int[n];
        count = new int[n];
        firstRow = new int[n];
    }

    /**
     * Hashes eight bytes at a time (multiply-xorshift); a value shorter than eight bytes is packed into one long,
     * a longer one ends with its last eight bytes (overlapping), so equal bytes always hash equally.
     */
    static int hash(byte[] b, int o, int l) {
        long h = 0x9E37_79B9_7F4A_7C15L ^ l;
        int e = o + l;
        if (l < 8) {
            long t = 0;
            for (int i = o; i < e; i++) {
                t = (t << 8) | (b[i] & 0xFF);
            }
            h = (h ^ t) * 0xFF51_AFD7_ED55_8CCDL;
        } else {
            int i = o;
            for (; i + 8 <= e; i += 8) {
                h = (h ^ (long) LONGS.get(b, i)) * 0xFF51_AFD7_ED55_8CCDL;
                h ^= h >>> 29;
            }
            if (i < e) {
                h = (h ^ (long) LONGS.get(b, e - 8)) * 0xC4CE_B9FE_1A85_EC53L;
            }
        }
        h ^= h >>> 32;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        return (int) (h ^ (h >>> 29));
    }

    /** @return the code of these bytes, adding them (seen first at {@code row}) when new; counts one occurrence */
    int intern(byte[] b, int o, int l, int row) {
        return intern(b, o, l, hash(b, o, l), 1, row);
    }

    /** As {@link #intern(byte[], int, int, int)} with a known hash and number of occurrences. */
    int intern(byte[] b, int o, int l, int h, int occurrences, int row) {
        int slot = h & mask;
        long key = (long) h << 32;
        for (;;) {
            long s = slots[slot];
            if (s == 0) {
                break;
            }
            if ((s & 0xFFFF_FFFF_0000_0000L) == key) {
                int e = (int) s - 1;
                if (len[e] == l && Arrays.equals(pool, start[e], start[e] + l, b, o, o + l)) {
                    count[e] += occurrences;
                    return e;
                }
            }
            slot = (slot + 1) & mask;
        }
        int code = size++;
        if (code == start.length) {
            int n = code * 2;
            start = Arrays.copyOf(start, n);
            len = Arrays.copyOf(len, n);
            hash = Arrays.copyOf(hash, n);
            count = Arrays.copyOf(count, n);
            firstRow = Arrays.copyOf(firstRow, n);
        }
        if (poolSize + l > pool.length) {
            long n = Math.max((long) pool.length * 2, (long) poolSize + l);
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("More than 2 GB of distinct values in one column");
            }
            pool = Arrays.copyOf(pool, (int) n);
        }
        System.arraycopy(b, o, pool, poolSize, l);
        if (ascii && !Utf8.isAscii(b, o, l)) {
            ascii = false;
        }
        start[code] = poolSize;
        poolSize += l;
        len[code] = l;
        hash[code] = h;
        count[code] = occurrences;
        firstRow[code] = row;
        slots[slot] = key | (code + 1);
        if (size * 2 > slots.length) {
            grow();
        }
        return code;
    }

    private void grow() {
        int cap = slots.length * 2;
        long[] t = new long[cap];
        int m = cap - 1;
        for (int e = 0; e < size; e++) {
            int slot = hash[e] & m;
            while (t[slot] != 0) {
                slot = (slot + 1) & m;
            }
            t[slot] = ((long) hash[e] << 32) | (e + 1);
        }
        slots = t;
        mask = m;
    }

    /** @return whether every value is valid UTF-8 (each value on its own) */
    boolean validUtf8() {
        if (ascii) {
            return true;
        }
        for (int e = 0; e < size; e++) {
            if (!Utf8.isValid(pool, start[e], len[e])) {
                return false;
            }
        }
        return true;
    }

    /** @return whether every value is ASCII */
    boolean ascii() {
        return ascii;
    }

    int size() {
        return size;
    }

    /** @return the pool holding every value's bytes */
    byte[] pool() {
        return pool;
    }

    int start(int e) {
        return start[e];
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
