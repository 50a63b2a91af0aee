package io.mlwb.catalog;

import org.sqlite.SQLiteException;

/** Reads SQLite's primary result code out of an exception chain (extended codes keep it in the low byte). */
final class SqliteCodes {
    static final int CORRUPT = 11;
    static final int BUSY = 5;
    static final int LOCKED = 6;
    static final int READONLY = 8;
    static final int IOERR = 10;
    static final int FULL = 13;
    static final int CANTOPEN = 14;
    static final int CONSTRAINT = 19;
    static final int NOTADB = 26;

    private SqliteCodes() {
    }

    /** @return the primary result code of the first {@link SQLiteException} in the cause chain, or -1 */
    static int primary(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException se && se.getResultCode() != null) {
                return se.getResultCode().code & 0xFF;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return -1;
    }

    /** @return true when another connection holds a lock this work needed; re-running the work may succeed */
    static boolean isBusy(Throwable t) {
        int code = primary(t);
        return code == BUSY || code == LOCKED;
    }
}
