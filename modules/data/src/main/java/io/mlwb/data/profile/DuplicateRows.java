package io.mlwb.data.profile;

import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.util.BitSet;
import java.util.List;

/**
 * Counts rows equal to an earlier row, as pandas {@code df.duplicated().sum()}: missing equals missing, 0.0
 * equals −0.0. Exact: rows are hashed to 64 bits, and rows with equal hashes are compared cell by cell in an
 * open-addressing table of row numbers.
 */
final class DuplicateRows {
    private static final long MISSING = 0x7ff8_dead_beef_0001L;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private DuplicateRows() {
    }

    static long count(DataTable table) {
        int rows = table.rowCount();
        List<Column> cols = table.columns();
        if (rows < 2 || cols.isEmpty()) {
            return 0;
        }
        long[] h = new long[rows];
        long[] cells = new long[rows];
        for (Column col : cols) {
            cells(col, cells);
            for (int i = 0; i < rows; i++) {
                long x = (h[i] ^ cells[i]) * GOLDEN;
                h[i] = x ^ (x >>> 29);
            }
        }
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, 2L * rows - 1));
        int cap = 1 << bits;
        int mask = cap - 1;
        int[] slots = new int[cap];
        long dups = 0;
        for (int i = 0; i < rows; i++) {
            long hi = h[i];
            int slot = (int) ((hi * GOLDEN) >>> (64 - bits)) & mask;
            while (true) {
                int occupant = slots[slot];
                if (occupant == 0) {
                    slots[slot] = i + 1;
                    break;
                }
                int j = occupant - 1;
                if (h[j] == hi && equalRows(cols, i, j)) {
                    dups++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return dups;
    }

    /** One 64-bit code per row of {@code col}, equal for equal cells. */
    private static void cells(Column col, long[] out) {
        int rows = out.length;
        if (col instanceof NumericColumn n) {
            double[] v = n.values();
            BitSet miss = n.missing();
            boolean none = miss.isEmpty();
            for (int i = 0; i < rows; i++) {
                double x = v[i];
                out[i] = (!none && miss.get(i)) || x != x ? MISSING : Double.doubleToLongBits(x + 0.0);
            }
        } else if (col instanceof CategoricalColumn c) {
            int[] codes = c.codes();
            for (int i = 0; i < rows; i++) {
                out[i] = codes[i] < 0 ? MISSING : codes[i];
            }
        } else if (col instanceof BooleanColumn b) {
            byte[] v = b.values();
            for (int i = 0; i < rows; i++) {
                out[i] = v[i] < 0 ? MISSING : v[i];
            }
        } else if (col instanceof DateTimeColumn d) {
            long[] v = d.millis();
            BitSet miss = d.missing();
            boolean none = miss.isEmpty();
            for (int i = 0; i < rows; i++) {
                out[i] = !none && miss.get(i) ? MISSING : v[i] * GOLDEN + 1;
            }
        } else {
            throw new IllegalStateException("Unknown column kind " + col.getClass());
        }
    }

    private static boolean equalRows(List<Column> cols, int i, int j) {
        for (Column col : cols) {
            if (col instanceof NumericColumn n) {
                boolean mi = n.missing().get(i) || Double.isNaN(n.values()[i]);
                boolean mj = n.missing().get(j) || Double.isNaN(n.values()[j]);
                if (mi != mj || (!mi && n.values()[i] != n.values()[j])) {
                    return false;
                }
            } else if (col instanceof CategoricalColumn c) {
                if (c.codes()[i] != c.codes()[j] && (c.codes()[i] < 0 || c.codes()[j] < 0
                        || !c.value(i).equals(c.value(j)))) {
                    return false;
                }
            } else if (col instanceof BooleanColumn b) {
                if (b.values()[i] != b.values()[j]) {
                    return false;
                }
            } else if (col instanceof DateTimeColumn d) {
                boolean mi = d.missing().get(i);
                boolean mj = d.missing().get(j);
                if (mi != mj || (!mi && d.millis()[i] != d.millis()[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
