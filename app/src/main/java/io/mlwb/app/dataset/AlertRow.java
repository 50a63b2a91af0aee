package io.mlwb.app.dataset;

/**
 * One line of the Overview's alert list.
 *
 * @param type   the alert's kind, e.g. "high_missing"
 * @param column the column it is about, empty for the dataset
 * @param detail the alert's sentence
 */
public record AlertRow(String type, String column, String detail) {
}
