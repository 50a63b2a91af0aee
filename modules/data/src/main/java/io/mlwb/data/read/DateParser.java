package io.mlwb.data.read;

/**
 * Parses ISO-8601 dates and date-times straight from bytes: {@code yyyy-MM-dd}, optionally followed by
 * {@code T} or a space and {@code HH:mm[:ss[.fraction]]}, optionally followed by {@code Z} or an offset
 * {@code ±hh[:mm]}. A time without an offset is its wall-clock time read as UTC (a naive date-time: see
 * {@link #zoned}); with one, the instant. Fractions beyond milliseconds are truncated. Besides the value, each
 * successful parse leaves what it saw in {@link #dateOnly}, {@link #zoned}, {@link #offsetMinutes} and
 * {@link #fraction}, which {@link DateShape} gathers into the column's style. Not thread-safe: one instance per
 * thread.
 */
final class DateParser {
    /** Returned when the bytes are not a date. */
    static final long FAIL = Long.MIN_VALUE;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long DAYS_0000_TO_1970 = 719_528L;

    /** Whether the last successful parse was a date without a time. */
    boolean dateOnly;
    /** Whether the last successful date-time had {@code Z} or an offset. */
    boolean zoned;
    /** The offset of the last successful zoned date-time, in minutes. */
    int offsetMinutes;
    /** The time precision of the last date-time: -1 minutes, 0 seconds, 1..3 digits of fraction (capped). */
    int fraction;

    /** @return epoch milliseconds (the wall-clock time as UTC without an offset, else the instant), or {@link #FAIL} */
    long parse(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && b[p] == ' ') {
            p++;
        }
        while (end > p && b[end - 1] == ' ') {
            end--;
        }
        if (end - p < 10 || b[p + 4] != '-' || b[p + 7] != '-') {
            return FAIL;
        }
        int year = digits(b, p, 4);
        int month = digits(b, p + 5, 2);
        int day = digits(b, p + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return FAIL;
        }
        long millis = epochDay(year, month, day) * DAY_MILLIS;
        p += 10;
        if (p == end) {
            dateOnly = true;
            return millis;
        }
        byte sep = b[p];
        if ((sep != 'T' && sep != 't' && sep != ' ') || end - p < 6 || b[p + 3] != ':') {
            return FAIL;
        }
        int hour = digits(b, p + 1, 2);
        int minute = digits(b, p + 4, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return FAIL;
        }
        p += 6;
        int second = 0;
        int milli = 0;
        int precision = -1;
        if (p < end && b[p] == ':') {
            precision = 0;
            if (end - p < 3 || (second = digits(b, p + 1, 2)) < 0 || second > 59) {
                return FAIL;
            }
            p += 3;
            if (p < end && (b[p] == '.' || b[p] == ',')) {
                p++;
                int n = 0;
                while (p < end && b[p] >= '0' && b[p] <= '9') {
                    if (n < 3) {
                        milli = milli * 10 + (b[p] - '0');
                    }
                    n++;
                    p++;
                }
                if (n == 0 || n > 9) {
                    return FAIL;
                }
                for (int i = n; i < 3; i++) {
                    milli *= 10;
                }
                precision = Math.min(n, 3);
            }
        }
        int offsetMinutes = 0;
        boolean hasOffset = false;
        if (p < end) {
            byte z = b[p];
            hasOffset = true;
            if ((z == 'Z' || z == 'z') && p + 1 == end) {
                p++;
            } else if (z == '+' || z == '-') {
                int oh = end - p >= 3 ? digits(b, p + 1, 2) : -1;
                int om = 0;
                int q = p + 3;
                if (q < end && b[q] == ':') {
                    q++;
                }
                if (q < end) {
                    om = end - q == 2 ? digits(b, q, 2) : -1;
                    q += 2;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return FAIL;
                }
                offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
                p = end;
            } else {
                return FAIL;
            }
        }
        dateOnly = false;
        zoned = hasOffset;
        this.offsetMinutes = offsetMinutes;
        fraction = precision;
        return millis + ((hour * 60L + minute - offsetMinutes) * 60L + second) * 1000L + milli;
    }

    private static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[p + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean leap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> leap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Epoch day of January 1st of each year 0..9999 (40 kB, immutable). */
    private static final int[] YEAR_START = new int[10_000];
    /** Days before each month (1-based) in a common and in a leap year. */
    private static final int[] BEFORE = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private static final int[] BEFORE_LEAP = {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};

    static {
        for (int y = 0; y < YEAR_START.length; y++) {
            YEAR_START[y] = (int) slowEpochDay(y, 1, 1);
        }
    }

    /** Same result as {@code LocalDate.of(y, m, d).toEpochDay()} for years 0..9999, from tables. */
    static long epochDay(int y, int m, int d) {
        return YEAR_START[y] + (m > 2 && leap(y) ? BEFORE_LEAP[m] : BEFORE[m]) + d - 1;
    }

    /** Same arithmetic as {@code LocalDate.toEpochDay} for years 0..9999. */
    static long slowEpochDay(int y, int m, int d) {
        long total = 365L * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            if (!leap(y)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}
