package io.mlwb.app.dataset;

/**
 * One figure of the column detail, e.g. ("p50", "41.5").
 *
 * @param label what the figure is
 * @param value the figure, formatted
 */
public record StatRow(String label, String value) {
}
