package io.mlwb.app.dataset;

/**
 * One line of the column detail's top-values table.
 *
 * @param value   the value, formatted
 * @param count   rows holding it
 * @param percent share of all rows, in percent
 */
public record TopValueRow(String value, long count, double percent) {
}
