package io.mlwb.data.profile;

/**
 * Counts of a boolean column.
 *
 * @param trueCount  rows holding true
 * @param falseCount rows holding false
 */
public record BooleanStats(long trueCount, long falseCount) {
}
