package io.mlwb.data.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one column of one chunk. Infers the type in the same pass: the first present value picks numeric,
 * date or string; a later value that does not fit a numeric or date column turns it into {@link #SKIP}, and the
 * chunk is read again for that column as strings ({@link #needsRescan()}). A forced (configured) type never
 * changes: values that do not fit are stored as missing and counted as bad. Not thread-safe.
 */
final class ColumnBuilder {
    static final byte UNKNOWN = 0;
    static final byte NUMERIC = 1;
    static final byte DATE = 2;
    static final byte STRING = 3;
    /** Was numeric or date, met a value that is not; the values are dropped until the rescan. */
    static final byte SKIP = 4;
    static final int MAX_EXAMPLES = 3;

    private final CellParsers parsers;
    private final boolean forced;
    private byte mode;
    private int capacity;
    int rows;
    int missing;
    double[] nums;
    boolean integral = true;
    long[] dates;
    final DateShape dateShape = new DateShape();
    int[] codes;
    ByteDictionary dict;
    int bad;
    final List<String> badExamples = new ArrayList<>();
    final List<Integer> badRows = new ArrayList<>();

    ColumnBuilder(byte mode, boolean forced, int capacity, CellParsers parsers) {
        this.mode = mode;
        this.forced = forced;
        this.capacity = Math.max(16, capacity);
        this.parsers = parsers;
        switch (mode) {
            case NUMERIC -> nums = new double[this.capacity];
            case DATE -> dates = new long[this.capacity];
            case STRING -> startStrings();
            default -> { }
        }
    }

    byte mode() {
        return mode;
    }

    boolean needsRescan() {
        return mode == SKIP;
    }

    /** Adds one cell; the bytes are copied if kept, so {@code b} may be reused afterwards. */
    void add(byte[] b, int o, int l) {
        int r = rows++;
        if (r == capacity) {
            grow();
        }
        if (parsers.markers.matches(b, o, l)) {
            setMissing(r);
            return;
        }
        switch (mode) {
            case NUMERIC -> {
                double v = parsers.number.parse(b, o, l);
                if (v == v) {
                    nums[r] = v;
                    integral &= parsers.number.integral;
                } else if (forced) {
                    nums[r] = Double.NaN;
                    bad(b, o, l, r);
                } else {
                    demote();
                }
            }
            case STRING -> codes[r] = dict.intern(b, o, l, r);
            case DATE -> {
                long t = parsers.date.parse(b, o, l);
                if (t != DateParser.FAIL) {
                    dates[r] = t;
                    dateShape.add(parsers.date);
                } else if (forced) {
                    dates[r] = DateParser.FAIL;
                    bad(b, o, l, r);
                } else {
                    demote();
                }
            }
            case UNKNOWN -> first(b, o, l, r);
            default -> { }
        }
    }

    /** Adds a missing cell (a short row). */
    void addMissing() {
        int r = rows++;
        if (r == capacity) {
            grow();
        }
        setMissing(r);
    }

    private void setMissing(int r) {
        missing++;
        switch (mode) {
            case NUMERIC -> nums[r] = Double.NaN;
            case DATE -> dates[r] = DateParser.FAIL;
            case STRING -> codes[r] = -1;
            default -> { }
        }
    }

    private void first(byte[] b, int o, int l, int r) {
        double v = parsers.number.parse(b, o, l);
        if (v == v) {
            mode = NUMERIC;
            nums = new double[capacity];
            Arrays.fill(nums, 0, r, Double.NaN);
            nums[r] = v;
            integral = parsers.number.integral;
            return;
        }
        long t = parsers.date.parse(b, o, l);
        if (t != DateParser.FAIL) {
            mode = DATE;
            dates = new long[capacity];
            Arrays.fill(dates, 0, r, DateParser.FAIL);
            dates[r] = t;
            dateShape.add(parsers.date);
            return;
        }
        startStrings();
        Arrays.fill(codes, 0, r, -1);
        codes[r] = dict.intern(b, o, l, r);
    }

    private void startStrings() {
        mode = STRING;
        codes = new int[capacity];
        dict = new ByteDictionary(64);
    }

    private void demote() {
        mode = SKIP;
        nums = null;
        dates = null;
    }

    private void bad(byte[] b, int o, int l, int r) {
        missing++;
        if (bad++ < MAX_EXAMPLES) {
            badExamples.add(new String(b, o, Math.min(l, 40), StandardCharsets.UTF_8));
            badRows.add(r);
        }
    }

    private void grow() {
        capacity = capacity + (capacity >> 1) + 16;
        if (nums != null) {
            nums = Arrays.copyOf(nums, capacity);
        }
        if (dates != null) {
            dates = Arrays.copyOf(dates, capacity);
        }
        if (codes != null) {
            codes = Arrays.copyOf(codes, capacity);
        }
    }
}
