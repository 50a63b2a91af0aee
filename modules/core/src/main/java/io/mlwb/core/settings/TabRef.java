package io.mlwb.core.settings;

import java.util.Objects;

/**
 * An editor tab to reopen, by what it shows.
 *
 * @param kind what sort of tab, e.g. {@code "file"}, {@code "run"}, {@code "profile"}; not blank
 * @param id   which one, e.g. a project-relative path {@code "data/applications_2023.csv"} or a run id
 */
public record TabRef(String kind, String id) {

    /** Checks both parts are set and the kind is not blank. */
    public TabRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("tab kind is blank");
        }
    }
}
