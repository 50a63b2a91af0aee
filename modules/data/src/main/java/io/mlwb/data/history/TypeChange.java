package io.mlwb.data.history;

/**
 * A column whose type differs between two profiles.
 *
 * @param column the column's name
 * @param before its type in the earlier profile, e.g. {@code numeric}
 * @param after  its type in the later profile
 */
public record TypeChange(String column, String before, String after) {
}
