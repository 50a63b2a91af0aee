package io.mlwb.data.read;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Joins one column's per-chunk builders into a {@link Column}: copies the primitive arrays into place, merges the
 * chunk dictionaries (remapping codes), decodes each distinct string once, and decides between boolean,
 * categorical and text.
 *
 * <p>Text or categorical: a string column is {@link ColumnType#TEXT} when its present values average more than
 * {@value #TEXT_AVG_LENGTH} characters, or when more than half of them are distinct and they average more than
 * {@value #TEXT_UNIQUE_AVG_LENGTH} characters; otherwise {@link ColumnType#CATEGORICAL}.
 */
final class ColumnAssembler {
    /** Average length above which a string column is text. */
    static final int TEXT_AVG_LENGTH = 30;
    /** Average length above which a mostly-unique string column is text. */
    static final int TEXT_UNIQUE_AVG_LENGTH = 15;

    /**
     * The assembled column.
     *
     * @param column   the column
     * @param warnings what a person should know about it
     */
    record Result(Column column, List<String> warnings) {
    }

    private ColumnAssembler() {
    }

    /**
     * @param kind    {@link ColumnBuilder#NUMERIC}, {@link ColumnBuilder#DATE}, {@link ColumnBuilder#STRING} or
     *                {@link ColumnBuilder#UNKNOWN} (every chunk missing)
     * @param forced  the configured type, or null
     * @param offsets the first row of each chunk
     */
    static Result assemble(String name, byte kind, ColumnType forced, List<Chunk> chunks, int col, int[] offsets,
                           int total, Charset charset) {
        List<String> warnings = new ArrayList<>();
        Column column;
        switch (kind) {
            case ColumnBuilder.NUMERIC -> column = numeric(name, chunks, col, offsets, total);
            case ColumnBuilder.DATE -> column = date(name, chunks, col, offsets, total);
            case ColumnBuilder.STRING -> {
                ByteDictionary dict = new ByteDictionary(dictSize(chunks, col));
                int[] codes = codes(dict, chunks, col, offsets, total);
                column = strings(name, forced, codes, dict, charset, total, warnings);
            }
            default -> {
                int[] codes = new int[total];
                Arrays.fill(codes, -1);
                if (forced != null && forced != ColumnType.CATEGORICAL) {
                    column = empty(name, forced, total);
                } else {
                    column = new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, List.of());
                }
                if (total > 0) {
                    warnings.add("Column '%s' is missing in every row; read as %s.".formatted(name,
                            column.type().yamlName()));
                }
            }
        }
        int bad = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ColumnBuilder b = chunks.get(i).builders()[col];
            bad += b.bad;
            for (int k = 0; k < b.badExamples.size() && examples.size() < ColumnBuilder.MAX_EXAMPLES; k++) {
                examples.add("'%s' (row %d)".formatted(b.badExamples.get(k), offsets[i] + b.badRows.get(k) + 1));
            }
        }
        if (bad > 0) {
            warnings.add("%d value%s in column '%s' %s not %s, e.g. %s; read as missing.".formatted(bad,
                    bad == 1 ? "" : "s", name, bad == 1 ? "is" : "are", forced == null ? "readable" : forced.yamlName(),
                    String.join(", ", examples)));
        }
        return new Result(column, warnings);
    }

    private static Column empty(String name, ColumnType type, int total) {
        BitSet all = new BitSet(total);
        all.set(0, total);
        return switch (type) {
            case NUMERIC -> {
                double[] v = new double[total];
                Arrays.fill(v, Double.NaN);
                yield new NumericColumn(name, v, all, false);
            }
            case DATETIME -> new DateTimeColumn(name, new long[total], all, DateStyle.DATE);
            case BOOLEAN -> {
                byte[] v = new byte[total];
                Arrays.fill(v, (byte) -1);
                yield new BooleanColumn(name, v);
            }
            default -> {
                int[] codes = new int[total];
                Arrays.fill(codes, -1);
                yield new CategoricalColumn(name, type, codes, List.of());
            }
        };
    }

    /**
     * The chunks' numbers as one column. Where the chunks parsed into the column's shared array (NumericSlot), each
     * into a region at least as long as its rows, the rows move down within it, chunk by chunk in order, to close the
     * gaps: chunk i's rows go to {@code offsets[i] <= its region's start}, below every later chunk's region, so
     * nothing is overwritten before it moved. Only when the regions held more rows than the file has (empty lines,
     * line feeds inside quotes) is the array cut to size, a copy.
     */
    private static NumericColumn numeric(String name, List<Chunk> chunks, int col, int[] offsets, int total) {
        double[] shared = null;
        for (Chunk c : chunks) {
            ColumnBuilder b = c.builders()[col];
            if (b.mode() == ColumnBuilder.NUMERIC && b.sharesNumbers()) {
                shared = b.nums;
                break;
            }
        }
        double[] values = shared != null && shared.length >= total ? shared : new double[total];
        BitSet missing = new BitSet(total);
        boolean integral = true;
        boolean any = false;
        for (int i = 0; i < chunks.size(); i++) {
            ColumnBuilder b = chunks.get(i).builders()[col];
            int off = offsets[i];
            int rows = chunks.get(i).rows();
            if (b.mode() != ColumnBuilder.NUMERIC) {
                Arrays.fill(values, off, off + rows, Double.NaN);
                missing.set(off, off + rows);
                continue;
            }
            if (b.nums != values || b.numsBase != off) {
                System.arraycopy(b.nums, b.numsBase, values, off, rows);
            }
            b.nums = null; // the chunk's copy is garbage now: keeps the peak heap near one copy of the table
            if (b.missing > 0) {
                for (int r = off; r < off + rows; r++) {
                    if (Double.isNaN(values[r])) {
                        missing.set(r);
                    }
                }
            }
            if (b.missing < rows) {
                any = true;
                integral &= b.integral;
            }
        }
        if (values.length > total) {
            values = Arrays.copyOf(values, total);
        }
        return new NumericColumn(name, values, missing, any && integral);
    }

    private static DateTimeColumn date(String name, List<Chunk> chunks, int col, int[] offsets, int total) {
        long[] values = new long[total];
        BitSet missing = new BitSet(total);
        DateStyle style = null;
        for (int i = 0; i < chunks.size(); i++) {
            ColumnBuilder b = chunks.get(i).builders()[col];
            int off = offsets[i];
            int rows = chunks.get(i).rows();
            if (b.mode() != ColumnBuilder.DATE) {
                missing.set(off, off + rows);
                continue;
            }
            System.arraycopy(b.dates, 0, values, off, rows);
            b.dates = null;
            if (b.missing > 0) {
                for (int r = off; r < off + rows; r++) {
                    if (values[r] == DateParser.FAIL) {
                        missing.set(r);
                        values[r] = 0;
                    }
                }
            }
            if (b.missing < rows) {
                style = style == null ? b.dateShape.style() : style.merge(b.dateShape.style());
            }
        }
        return new DateTimeColumn(name, values, missing, style == null ? DateStyle.DATE : style);
    }

    private static int dictSize(List<Chunk> chunks, int col) {
        long n = 0;
        for (Chunk c : chunks) {
            ColumnBuilder b = c.builders()[col];
            n += b.dict == null ? 0 : b.dict.size();
        }
        return (int) Math.min(n, 1 << 26);
    }

    private static int[] codes(ByteDictionary dict, List<Chunk> chunks, int col, int[] offsets, int total) {
        int[] codes = new int[total];
        for (int i = 0; i < chunks.size(); i++) {
            ColumnBuilder b = chunks.get(i).builders()[col];
            int off = offsets[i];
            int rows = chunks.get(i).rows();
            if (b.mode() != ColumnBuilder.STRING) {
                Arrays.fill(codes, off, off + rows, -1);
                continue;
            }
            ByteDictionary d = b.dict;
            int[] remap = new int[d.size()];
            for (int e = 0; e < remap.length; e++) {
                remap[e] = dict.intern(d.pool(), d.start(e), d.len(e), d.hashOf(e), d.count(e), off + d.firstRow(e));
            }
            int[] local = b.codes;
            for (int r = 0; r < rows; r++) {
                int c = local[r];
                codes[off + r] = c < 0 ? -1 : remap[c];
            }
            b.codes = null;
        }
        return codes;
    }

    private static Column strings(String name, ColumnType forced, int[] codes, ByteDictionary dict, Charset charset,
                                  int total, List<String> warnings) {
        int n = dict.size();
        List<String> values = new ArrayList<>(n);
        long present = 0;
        long chars = 0;
        for (int e = 0; e < n; e++) {
            byte[] s = dict.pool();
            int o = dict.start(e);
            int l = dict.len(e);
            String v;
            if (dict.ascii() || Utf8.isAscii(s, o, l)) {
                v = new String(s, o, l, StandardCharsets.ISO_8859_1);
            } else {
                v = new String(s, o, l, charset);
            }
            values.add(v);
            present += dict.count(e);
            chars += (long) dict.count(e) * v.length();
        }
        if (forced == ColumnType.BOOLEAN) {
            return booleans(name, codes, values, dict, warnings);
        }
        if (forced == ColumnType.CATEGORICAL || forced == ColumnType.TEXT) {
            return new CategoricalColumn(name, forced, codes, values);
        }
        if (n == 0) {
            return new CategoricalColumn(name, ColumnType.CATEGORICAL, codes, values);
        }
        if (values.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            byte[] out = new byte[total];
            for (int r = 0; r < total; r++) {
                int c = codes[r];
                out[r] = c < 0 ? -1 : (byte) (values.get(c).equalsIgnoreCase("true") ? 1 : 0);
            }
            return new BooleanColumn(name, out);
        }
        mixedNumbers(name, dict, values, present, warnings);
        double avg = (double) chars / present;
        boolean text = avg > TEXT_AVG_LENGTH || (n > 0.5 * present && avg > TEXT_UNIQUE_AVG_LENGTH);
        return new CategoricalColumn(name, text ? ColumnType.TEXT : ColumnType.CATEGORICAL, codes, values);
    }

    private static void mixedNumbers(String name, ByteDictionary dict, List<String> values, long present,
                                     List<String> warnings) {
        NumberParser parser = new NumberParser();
        long numeric = 0;
        List<String> examples = new ArrayList<>();
        for (int e = 0; e < dict.size(); e++) {
            double v = parser.parse(dict.pool(), dict.start(e), dict.len(e));
            if (v == v) {
                numeric += dict.count(e);
            } else if (examples.size() < ColumnBuilder.MAX_EXAMPLES) {
                String s = values.get(e);
                examples.add("'%s' (row %d)".formatted(s.length() > 40 ? s.substring(0, 40) + "…" : s,
                        dict.firstRow(e) + 1));
            }
        }
        if (numeric > 0 && numeric * 2 >= present) {
            warnings.add(("Column '%s' is mostly numbers (%d of %d values) but also holds text, e.g. %s; "
                    + "read as text labels. Add the text to 'missing_values' or set 'column_types' in mlwb.yaml.")
                    .formatted(name, numeric, present, String.join(", ", examples)));
        }
    }

    private static Column booleans(String name, int[] codes, List<String> values, ByteDictionary dict,
                                   List<String> warnings) {
        byte[] map = new byte[values.size()];
        int bad = 0;
        List<String> examples = new ArrayList<>();
        for (int e = 0; e < map.length; e++) {
            String v = values.get(e).trim().toLowerCase(Locale.ROOT);
            map[e] = switch (v) {
                case "true", "t", "yes", "y", "1" -> 1;
                case "false", "f", "no", "n", "0" -> 0;
                default -> -1;
            };
            if (map[e] < 0) {
                bad += dict.count(e);
                if (examples.size() < ColumnBuilder.MAX_EXAMPLES) {
                    examples.add("'%s' (row %d)".formatted(values.get(e), dict.firstRow(e) + 1));
                }
            }
        }
        byte[] out = new byte[codes.length];
        for (int r = 0; r < codes.length; r++) {
            int c = codes[r];
            out[r] = c < 0 ? -1 : map[c];
        }
        if (bad > 0) {
            warnings.add("%d value%s in column '%s' %s not boolean, e.g. %s; read as missing.".formatted(bad,
                    bad == 1 ? "" : "s", name, bad == 1 ? "is" : "are", String.join(", ", examples)));
        }
        return new BooleanColumn(name, out);
    }
}
