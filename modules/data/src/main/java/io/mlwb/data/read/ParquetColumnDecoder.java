package io.mlwb.data.read;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Turns one flat Parquet column, row group by row group, into one {@link Column}. Each decoder is used by one thread
 * only; row groups arrive in file order.
 */
abstract class ParquetColumnDecoder {
    final String name;
    final int maxDefinition;

    ParquetColumnDecoder(String name, int maxDefinition) {
        this.name = name;
        this.maxDefinition = maxDefinition;
    }

    /** Reads {@code rows} values of one row group into rows {@code offset ..}. */
    abstract void read(ColumnReader r, int offset, int rows);

    /** @return the finished column; warnings about it go to {@code warnings} */
    abstract Column finish(String file, List<String> warnings);

    /**
     * Carries the counts behind this column's warnings over from the decoder of the previous row group, when a file
     * is read one row group at a time, so that the last row group's warnings count the whole file.
     */
    void carry(ParquetColumnDecoder previous) {
        // most decoders count nothing
    }

    final boolean present(ColumnReader r) {
        return r.getCurrentDefinitionLevel() == maxDefinition;
    }

    /** How a numeric value is read from the page. */
    enum NumberKind { INT32, UINT32, INT64, UINT64, FLOAT, DOUBLE }

    /** INT32/INT64 (signed or not), FLOAT and DOUBLE: doubles; NaN is missing, as in CSV. */
    static final class Numbers extends ParquetColumnDecoder {
        private final NumberKind kind;
        private final double[] values;
        private final BitSet missing = new BitSet();

        Numbers(String name, int maxDefinition, NumberKind kind, int rows) {
            super(name, maxDefinition);
            this.kind = kind;
            this.values = new double[rows];
        }

        @Override
        void read(ColumnReader r, int offset, int rows) {
            // one loop per kind, so that each stays small and monomorphic for the JIT
            switch (kind) {
                case INT32 -> {
                    for (int i = offset, end = offset + rows; i < end; i++) {
                        if (present(r)) {
                            values[i] = r.getInteger();
                        } else {
                            absent(i);
                        }
                        r.consume();
                    }
                }
                case INT64 -> {
                    for (int i = offset, end = offset + rows; i < end; i++) {
                        if (present(r)) {
                            values[i] = r.getLong();
                        } else {
                            absent(i);
                        }
                        r.consume();
                    }
                }
                case DOUBLE -> {
                    for (int i = offset, end = offset + rows; i < end; i++) {
                        if (present(r)) {
                            double d = r.getDouble();
                            values[i] = d;
                            if (d != d) {
                                missing.set(i);
                            }
                        } else {
                            absent(i);
                        }
                        r.consume();
                    }
                }
                default -> {
                    for (int i = offset, end = offset + rows; i < end; i++) {
                        if (present(r)) {
                            double d = switch (kind) {
                                case UINT32 -> Integer.toUnsignedLong(r.getInteger());
                                case UINT64 -> unsigned(r.getLong());
                                default -> r.getFloat();
                            };
                            values[i] = d;
                            if (d != d) {
                                missing.set(i);
                            }
                        } else {
                            absent(i);
                        }
                        r.consume();
                    }
                }
            }
        }

        private void absent(int i) {
            values[i] = Double.NaN;
            missing.set(i);
        }

        private static double unsigned(long x) {
            return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
        }

        @Override
        Column finish(String file, List<String> warnings) {
            boolean integral = kind != NumberKind.FLOAT && kind != NumberKind.DOUBLE;
            return new NumericColumn(name, values, missing, integral);
        }
    }

    /** DECIMAL stored as INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY: doubles, with a warning if digits are lost. */
    static final class Decimals extends ParquetColumnDecoder {
        private static final double[] POW10 = new double[23];

        static {
            double p = 1;
            for (int i = 0; i < POW10.length; i++) {
                POW10[i] = p;
                p *= 10;
            }
        }

        private final int precision;
        private final int scale;
        private final boolean binary;
        private final boolean int64;
        private final double[] values;
        private final BitSet missing = new BitSet();
        private long lost;
        private BigDecimal example;

        Decimals(String name, int maxDefinition, int precision, int scale, boolean binary, boolean int64, int rows) {
            super(name, maxDefinition);
            this.precision = precision;
            this.scale = scale;
            this.binary = binary;
            this.int64 = int64;
            this.values = new double[rows];
        }

        @Override
        void read(ColumnReader r, int offset, int rows) {
            boolean exactDivision = precision <= 15 && scale >= 0 && scale < POW10.length;
            for (int i = offset, end = offset + rows; i < end; i++) {
                if (!present(r)) {
                    values[i] = Double.NaN;
                    missing.set(i);
                    r.consume();
                    continue;
                }
                if (!binary && exactDivision) {
                    long unscaled = int64 ? r.getLong() : r.getInteger();
                    // both exact in a double, and 10^scale too: one correctly rounded division
                    values[i] = unscaled / POW10[scale];
                } else {
                    BigInteger unscaled = binary ? new BigInteger(r.getBinary().getBytes())
                            : BigInteger.valueOf(int64 ? r.getLong() : r.getInteger());
                    BigDecimal exact = new BigDecimal(unscaled, scale);
                    double d = exact.doubleValue();
                    values[i] = d;
                    if (precision > 15 && !Double.isInfinite(d)
                            && new BigDecimal(Double.toString(d)).compareTo(exact) != 0) {
                        if (lost++ == 0) {
                            example = exact;
                        }
                    } else if (Double.isInfinite(d)) {
                        lost++;
                        example = example == null ? exact : example;
                    }
                }
                r.consume();
            }
        }

        @Override
        void carry(ParquetColumnDecoder previous) {
            if (previous instanceof Decimals d) {
                lost += d.lost;
                if (example == null) {
                    example = d.example;
                }
            }
        }

        @Override
        Column finish(String file, List<String> warnings) {
            if (lost > 0) {
                warnings.add("Column '" + name + "' of " + file + " is DECIMAL(" + precision + "," + scale + "): "
                        + lost + (lost == 1 ? " value has" : " values have") + " more digits than a double holds "
                        + "and " + (lost == 1 ? "was" : "were") + " rounded (e.g. " + example.toPlainString() + " → "
                        + example.doubleValue() + ").");
            }
            return new NumericColumn(name, values, missing, scale <= 0);
        }
    }

    /** BOOLEAN. */
    static final class Booleans extends ParquetColumnDecoder {
        private final byte[] values;

        Booleans(String name, int maxDefinition, int rows) {
            super(name, maxDefinition);
            this.values = new byte[rows];
        }

        @Override
        void read(ColumnReader r, int offset, int rows) {
            for (int i = offset, end = offset + rows; i < end; i++) {
                values[i] = present(r) ? (byte) (r.getBoolean() ? 1 : 0) : -1;
                r.consume();
            }
        }

        @Override
        Column finish(String file, List<String> warnings) {
            return new BooleanColumn(name, values);
        }
    }

    /** How a date or time stamp is stored. */
    enum TimeKind { DATE, MILLIS, MICROS, NANOS, INT96 }

    /** DATE, TIMESTAMP (any unit) and legacy INT96 time stamps: epoch milliseconds. */
    static final class Times extends ParquetColumnDecoder {
        /** The format name of a time stamp with a zone (UTC-adjusted), as the CSV reader names ISO date-times. */
        static final String ZONED = "ISO-8601 date-time";
        /** The format name of a time stamp without a zone (a local date-time). */
        static final String NAIVE = "ISO-8601 local date-time";
        private static final long JULIAN_EPOCH_DAY = 2_440_588L;
        private static final long DAY_MS = 86_400_000L;

        private final TimeKind kind;
        private final boolean zoned;
        private final long[] millis;
        private final BitSet missing = new BitSet();
        private long truncated;

        Times(String name, int maxDefinition, TimeKind kind, boolean zoned, int rows) {
            super(name, maxDefinition);
            this.kind = kind;
            this.zoned = zoned;
            this.millis = new long[rows];
        }

        @Override
        void read(ColumnReader r, int offset, int rows) {
            for (int i = offset, end = offset + rows; i < end; i++) {
                if (!present(r)) {
                    missing.set(i);
                } else {
                    millis[i] = switch (kind) {
                        case DATE -> r.getInteger() * DAY_MS;
                        case MILLIS -> r.getLong();
                        case MICROS -> fine(r.getLong(), 1_000L);
                        case NANOS -> fine(r.getLong(), 1_000_000L);
                        case INT96 -> int96(r.getBinary());
                    };
                }
                r.consume();
            }
        }

        private long fine(long v, long perMilli) {
            if (v % perMilli != 0) {
                truncated++;
            }
            return Math.floorDiv(v, perMilli);
        }

        private long int96(Binary b) {
            ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = buf.getLong(buf.position());
            long julianDay = Integer.toUnsignedLong(buf.getInt(buf.position() + 8));
            return (julianDay - JULIAN_EPOCH_DAY) * DAY_MS + fine(nanosOfDay, 1_000_000L);
        }

        @Override
        void carry(ParquetColumnDecoder previous) {
            if (previous instanceof Times t) {
                truncated += t.truncated;
            }
        }

        @Override
        Column finish(String file, List<String> warnings) {
            if (truncated > 0) {
                warnings.add("Column '" + name + "' of " + file + ": time stamps are kept to the millisecond; "
                        + truncated + (truncated == 1 ? " value" : " values") + " lost finer digits.");
            }
            if (kind == TimeKind.DATE) {
                return new DateTimeColumn(name, millis, missing, DateStyle.DATE);
            }
            // As the file states them: UTC-adjusted stamps keep their zone (Z), local ones stay naive (no zone made
            // up); a naive value is its wall-clock time read as UTC, as DateStyle.local defines it.
            DateStyle style = zoned ? DateStyle.offset(ZoneOffset.UTC, 3) : DateStyle.local(3);
            return new DateTimeColumn(name, millis, missing, style, zoned ? ZONED : NAIVE);
        }
    }

    /** BINARY strings (UTF8/STRING, ENUM, JSON, unannotated): dictionary-encoded, first-seen order. */
    static final class Strings extends ParquetColumnDecoder {
        private static final int CACHE = 1 << 14;
        private final ColumnType forced;
        private final int[] codes;
        private final Map<Binary, Integer> index = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        /** Direct-mapped cache by identity: dictionary pages hand out the same {@link Binary} for the same value. */
        private final Binary[] cacheKeys = new Binary[CACHE];
        private final int[] cacheCodes = new int[CACHE];

        Strings(String name, int maxDefinition, ColumnType forced, int rows) {
            super(name, maxDefinition);
            this.forced = forced;
            this.codes = new int[rows];
        }

        @Override
        void read(ColumnReader r, int offset, int rows) {
            java.util.Arrays.fill(cacheKeys, null);
            for (int i = offset, end = offset + rows; i < end; i++) {
                if (!present(r)) {
                    codes[i] = -1;
                } else {
                    Binary b = r.getBinary();
                    int slot = System.identityHashCode(b) & (CACHE - 1);
                    if (cacheKeys[slot] == b) {
                        codes[i] = cacheCodes[slot];
                    } else {
                        Integer code = index.get(b);
                        if (code == null) {
                            code = dictionary.size();
                            index.put(b.copy(), code);
                            dictionary.add(b.toStringUsingUTF8());
                        }
                        cacheKeys[slot] = b;
                        cacheCodes[slot] = code;
                        codes[i] = code;
                    }
                }
                r.consume();
            }
        }

        @Override
        Column finish(String file, List<String> warnings) {
            index.clear();
            java.util.Arrays.fill(cacheKeys, null);
            if (forced != null) {
                return new CategoricalColumn(name, forced, codes, dictionary);
            }
            long[] counts = new long[dictionary.size()];
            for (int c : codes) {
                if (c >= 0) {
                    counts[c]++;
                }
            }
            long present = 0;
            long chars = 0;
            for (int e = 0; e < counts.length; e++) {
                present += counts[e];
                chars += counts[e] * dictionary.get(e).length();
            }
            double avg = present == 0 ? 0 : (double) chars / present;
            boolean text = avg > ColumnAssembler.TEXT_AVG_LENGTH
                    || (dictionary.size() > 0.5 * present && avg > ColumnAssembler.TEXT_UNIQUE_AVG_LENGTH);
            return new CategoricalColumn(name, text ? ColumnType.TEXT : ColumnType.CATEGORICAL, codes, dictionary);
        }
    }
}
