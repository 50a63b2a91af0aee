package io.mlwb.data.profile;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tiny CSV reader for the test resources (no quoting; empty = missing), standing in for the real reader. */
final class CsvFixture {
    private CsvFixture() {
    }

    static DataTable read(String resource, Map<String, String> types) throws IOException {
        List<String> lines;
        try (InputStream in = CsvFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String[] header = lines.get(0).split(",", -1);
        int rows = lines.size() - 1;
        String[][] cells = new String[rows][];
        for (int r = 0; r < rows; r++) {
            cells[r] = lines.get(r + 1).split(",", -1);
            if (cells[r].length != header.length) {
                throw new IOException("ragged row " + (r + 2));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c];
            String type = types.get(name);
            columns.add(switch (type) {
                case "numeric" -> numeric(name, cells, c);
                case "boolean" -> bool(name, cells, c);
                case "categorical" -> strings(name, ColumnType.CATEGORICAL, cells, c);
                case "text" -> strings(name, ColumnType.TEXT, cells, c);
                case "date", "datetime" -> dates(name, type.equals("date"), cells, c);
                default -> throw new IllegalArgumentException(type);
            });
        }
        return new DataTable(rows, columns);
    }

    private static NumericColumn numeric(String name, String[][] cells, int c) {
        double[] v = new double[cells.length];
        BitSet miss = new BitSet();
        for (int r = 0; r < cells.length; r++) {
            String s = cells[r][c];
            switch (s) {
                case "" -> {
                    v[r] = Double.NaN;
                    miss.set(r);
                }
                case "inf" -> v[r] = Double.POSITIVE_INFINITY;
                case "-inf" -> v[r] = Double.NEGATIVE_INFINITY;
                default -> v[r] = Double.parseDouble(s);
            }
        }
        return new NumericColumn(name, v, miss, false);
    }

    private static BooleanColumn bool(String name, String[][] cells, int c) {
        byte[] v = new byte[cells.length];
        for (int r = 0; r < cells.length; r++) {
            v[r] = switch (cells[r][c]) {
                case "True" -> 1;
                case "False" -> 0;
                default -> -1;
            };
        }
        return new BooleanColumn(name, v);
    }

    private static CategoricalColumn strings(String name, ColumnType type, String[][] cells, int c) {
        int[] codes = new int[cells.length];
        Map<String, Integer> dict = new HashMap<>();
        List<String> values = new ArrayList<>();
        for (int r = 0; r < cells.length; r++) {
            String s = cells[r][c];
            if (s.isEmpty()) {
                codes[r] = -1;
            } else {
                codes[r] = dict.computeIfAbsent(s, k -> {
                    values.add(k);
                    return values.size() - 1;
                });
            }
        }
        return new CategoricalColumn(name, type, codes, values);
    }

    private static DateTimeColumn dates(String name, boolean dateOnly, String[][] cells, int c) {
        long[] v = new long[cells.length];
        BitSet miss = new BitSet();
        for (int r = 0; r < cells.length; r++) {
            String s = cells[r][c];
            if (s.isEmpty()) {
                miss.set(r);
            } else if (dateOnly) {
                v[r] = LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            } else {
                v[r] = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
        // the fixture's timestamps are naive (no zone), written to the second
        return new DateTimeColumn(name, v, miss, dateOnly ? DateStyle.DATE : DateStyle.local(0));
    }
}
