package io.mlwb.data.profile;

/**
 * A frequent value and how often it occurs.
 *
 * @param value a {@link Double} for numeric columns, a {@link Boolean} for boolean columns, an ISO-8601 string
 *              for dates (a date for date-only columns, an instant otherwise) and the text for other columns
 * @param count rows holding it
 */
public record TopValue(Object value, long count) {
}
