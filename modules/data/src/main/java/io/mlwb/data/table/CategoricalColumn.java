package io.mlwb.data.table;

import io.mlwb.core.project.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A string column, dictionary-encoded: each row holds a code into {@code dictionary}, or -1 when missing. Used for
 * categorical and free-text columns ({@link #type()} says which).
 *
 * @param name       the column's name
 * @param type       {@link ColumnType#CATEGORICAL} or {@link ColumnType#TEXT}
 * @param codes      one code per row; -1 = missing
 * @param dictionary the distinct values, in first-seen order
 */
public record CategoricalColumn(String name, ColumnType type, int[] codes, List<String> dictionary) implements Column {
    /** Validates the parts. */
    public CategoricalColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        dictionary = List.copyOf(dictionary);
        if (type != ColumnType.CATEGORICAL && type != ColumnType.TEXT) {
            throw new IllegalArgumentException("A string column is categorical or text, not " + type);
        }
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int i) {
        return codes[i] < 0;
    }

    @Override
    public int missingCount() {
        int n = 0;
        for (int c : codes) {
            if (c < 0) {
                n++;
            }
        }
        return n;
    }

    /** @return the value of row {@code i}, or null when missing */
    public String value(int i) {
        int c = codes[i];
        return c < 0 ? null : dictionary.get(c);
    }

    @Override
    public long memoryBytes() {
        long dict = 0;
        for (String s : dictionary) {
            dict += 40 + 2L * s.length();
        }
        return 4L * codes.length + dict;
    }
}
