package io.mlwb.vcs;

import java.util.Objects;

/**
 * Who commits and tags: the git {@code user.name} and {@code user.email}, or the fallback
 * {@link GitRepo#author()} describes. Both parts are never blank.
 *
 * @param name  the person's name
 * @param email the person's e-mail address
 */
public record Author(String name, String email) {
    /** Rejects null parts; a blank name or e-mail would make git refuse the commit later. */
    public Author {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (name.isBlank() || email.isBlank()) {
            throw new IllegalArgumentException("author name and e-mail must not be blank");
        }
    }
}
