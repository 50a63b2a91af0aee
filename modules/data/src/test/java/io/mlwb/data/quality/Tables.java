package io.mlwb.data.quality;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Builds small in-memory tables for tests; a null value is a missing cell. */
public final class Tables {
    private Tables() {
    }

    /** @return a table of the columns (all of the same length) */
    public static DataTable table(Column... columns) {
        return new DataTable(columns.length == 0 ? 0 : columns[0].size(), List.of(columns));
    }

    /** @return a numeric column */
    public static NumericColumn numeric(String name, Double... values) {
        double[] v = new double[values.length];
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.set(i);
                v[i] = Double.NaN;
            } else {
                v[i] = values[i];
            }
        }
        return new NumericColumn(name, v, missing, false);
    }

    /** @return a categorical column */
    public static CategoricalColumn categorical(String name, String... values) {
        return strings(name, ColumnType.CATEGORICAL, values);
    }

    /** @return a free-text column */
    public static CategoricalColumn text(String name, String... values) {
        return strings(name, ColumnType.TEXT, values);
    }

    private static CategoricalColumn strings(String name, ColumnType type, String... values) {
        List<String> dict = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
            } else {
                int k = dict.indexOf(values[i]);
                if (k < 0) {
                    dict.add(values[i]);
                    k = dict.size() - 1;
                }
                codes[i] = k;
            }
        }
        return new CategoricalColumn(name, type, codes, dict);
    }

    /** @return a boolean column */
    public static BooleanColumn bool(String name, Boolean... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i] == null ? -1 : (byte) (values[i] ? 1 : 0);
        }
        return new BooleanColumn(name, b);
    }

    /** @return a date-only column from ISO dates ({@code 2024-01-31}) */
    public static DateTimeColumn dates(String name, String... values) {
        long[] ms = new long[values.length];
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.set(i);
            } else {
                ms[i] = LocalDate.parse(values[i]).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
        }
        return new DateTimeColumn(name, ms, missing, true, "yyyy-MM-dd");
    }

    /** @return a date-time column from ISO instants ({@code 2024-01-31T10:00:00Z}) */
    public static DateTimeColumn timestamps(String name, String... values) {
        long[] ms = new long[values.length];
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.set(i);
            } else {
                ms[i] = Instant.parse(values[i]).toEpochMilli();
            }
        }
        return new DateTimeColumn(name, ms, missing, false, "ISO-8601 date-time");
    }
}
