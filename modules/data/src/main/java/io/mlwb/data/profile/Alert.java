package io.mlwb.data.profile;

import java.util.Objects;

/**
 * One alert about the dataset or a column.
 *
 * @param type        what kind of alert
 * @param column      the column it is about, or null for the dataset
 * @param otherColumn for {@link AlertType#HIGH_CORRELATION}, the other column; otherwise null
 * @param value       the figure that crossed the threshold (a fraction, a count, a skewness or a correlation)
 * @param message     one readable sentence
 */
public record Alert(AlertType type, String column, String otherColumn, double value, String message) {
    /** Validates the parts. */
    public Alert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }
}
