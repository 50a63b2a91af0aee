package io.mlwb.data.history;

import java.util.Objects;

/**
 * Something a person should know about how a profile was made, which the CLI prints and the pane shows.
 *
 * @param kind    what kind of note, so an adapter may word it its own way
 * @param message the note as one English sentence
 */
public record ProfileNote(Kind kind, String message) {
    /** What the note is about. */
    public enum Kind {
        /** The file was larger than {@link ProfileSettings#streamingThresholdBytes()}: profiled in streaming mode. */
        STREAMED,
        /** Nothing was recorded in the catalog (read-only or broken catalog, file outside the project or git). */
        NOT_RECORDED
    }

    /** Rejects null parts. */
    public ProfileNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
