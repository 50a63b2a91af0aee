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
    /** The numbers, row r at {@code nums[numsBase + r]}: a private array, or a region of the column's shared one. */
    double[] nums;
    int numsBase;
    /** Where the numbers go when this chunk's column turns out numeric (null: an array of its own). */
    private final NumericSlot slot;
    boolean integral = true;
    long[] dates;
    final DateShape dateShape = new DateShape();
    int[] codes;
    ByteDictionary dict;
    int bad;
    final List<String> badExamples = new ArrayList<>();
    final List<Integer> badRows = new ArrayList<>();

    ColumnBuilder(byte mode, boolean forced, int capacity, CellParsers parsers) {
        this(mode, forced, capacity, parsers, null);
    }

    /**
     * @param slot where the numbers go if the column is numeric: its region holds at least {@code capacity} rows,
     *             which must be an upper bound of the chunk's rows; null for an array of its own
     */
    ColumnBuilder(byte mode, boolean forced, int capacity, CellParsers parsers, NumericSlot slot) {
        this.mode = mode;
        this.forced = forced;
        this.slot = slot;
        this.capacity = slot != null ? capacity : Math.max(16, capacity);
        this.parsers = parsers;
        switch (mode) {
            case NUMERIC -> startNumbers();
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
                    nums[numsBase + r] = v;
                    integral &= parsers.number.integral;
                } else if (forced) {
                    nums[numsBase + r] = Double.NaN;
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
            case NUMERIC -> nums[numsBase + r] = Double.NaN;
            case DATE -> dates[r] = DateParser.FAIL;
            case STRING -> codes[r] = -1;
            default -> { }
        }
    }

    private void first(byte[] b, int o, int l, int r) {
        double v = parsers.number.parse(b, o, l);
        if (v == v) {
            mode = NUMERIC;
            startNumbers();
            Arrays.fill(nums, numsBase, numsBase + r, Double.NaN);
            nums[numsBase + r] = v;
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

    private void startNumbers() {
        if (slot != null) {
            nums = slot.array();
            numsBase = slot.base();
        } else {
            nums = new double[capacity];
        }
    }

    /** Whether the numbers are in the column's shared array (else in an array of this builder's own). */
    boolean sharesNumbers() {
        return slot != null && nums != null && nums == slot.peek();
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
        int old = capacity;
        capacity = capacity + (capacity >> 1) + 16;
        if (nums != null) {
            // a shared region is never outgrown (its size bounds the chunk's rows); if it were, the numbers move to
            // an array of their own and the assembler copies them from there
            double[] own = new double[capacity];
            System.arraycopy(nums, numsBase, own, 0, old);
            nums = own;
            numsBase = 0;
        }
        if (dates != null) {
            dates = Arrays.copyOf(dates, capacity);
        }
        if (codes != null) {
            codes = Arrays.copyOf(codes, capacity);
        }
    }
}
