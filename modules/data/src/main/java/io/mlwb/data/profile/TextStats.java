package io.mlwb.data.profile;

/**
 * Lengths of the present values of a text or categorical column, in Unicode code points (as Python's
 * {@code len}), weighted by rows.
 *
 * @param minLength  shortest value
 * @param meanLength mean length over present rows
 * @param maxLength  longest value
 */
public record TextStats(int minLength, double meanLength, int maxLength) {
}
