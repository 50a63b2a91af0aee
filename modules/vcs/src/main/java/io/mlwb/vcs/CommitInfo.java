package io.mlwb.vcs;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit as the history pane and run provenance show it.
 *
 * @param sha          full 40-character commit id
 * @param shortSha     first 7 characters of {@code sha}
 * @param authorName   author's name
 * @param authorEmail  author's e-mail
 * @param time         when the author made the commit
 * @param message      the full commit message
 * @param shortMessage the first paragraph of the message, on one line
 */
public record CommitInfo(String sha, String shortSha, String authorName, String authorEmail, Instant time,
                         String message, String shortMessage) {
    /** Rejects null parts so callers never have to check. */
    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(shortSha, "shortSha");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(shortMessage, "shortMessage");
    }
}
