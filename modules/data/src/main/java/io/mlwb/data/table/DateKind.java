package io.mlwb.data.table;

import java.util.Locale;

/** What a date column's values say about time, as the file wrote them. */
public enum DateKind {
    /** Dates without a time: {@code 2023-01-01}. */
    DATE,
    /** Naive date-times, without a zone or offset: {@code 2023-01-21T06:58:37}. */
    LOCAL,
    /** Date-times with an offset ({@code 2023-01-21T06:58:37+02:00}) or {@code Z}: instants. */
    OFFSET;

    /** @return the name used in the profile JSON ({@code "date"}, {@code "local"}, {@code "offset"}) */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a name as {@link #jsonName()} writes it (case ignored)
     * @return the kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static DateKind ofJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
