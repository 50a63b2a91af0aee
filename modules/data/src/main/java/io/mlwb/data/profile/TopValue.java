package io.mlwb.data.profile;

/**
 * A frequent value and how often it occurs.
 *
 * @param value a {@link Double} for numeric columns, a {@link Boolean} for boolean columns, the ISO-8601 text of
 *              the value in its column's kind for dates ({@code 2023-01-01}, {@code 2023-01-21T06:58:37},
 *              {@code 2023-01-21T06:58:37+02:00}: see {@link io.mlwb.data.table.DateStyle#format(long)}) and the
 *              text for other columns
 * @param count rows holding it
 */
public record TopValue(Object value, long count) {
}
