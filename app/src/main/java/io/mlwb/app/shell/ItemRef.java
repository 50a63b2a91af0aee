package io.mlwb.app.shell;

import java.util.Objects;

/**
 * What an editor tab shows: a kind and an id within it, e.g. {@code ("file", "data/applications_2023.csv")},
 * {@code ("dataset", "applications_2023")}, {@code ("run", "42")}, {@code ("commit", "<sha>")}. Tabs are
 * re-opened from these on the next start, so ids must be stable.
 *
 * @param kind the editor kind; an {@link EditorSpec} with this kind opens it
 * @param id   the item's stable id within the kind
 */
public record ItemRef(String kind, String id) {
    /** Kind of plain project files, opened by path relative to the project root (with '/'). */
    public static final String FILE = "file";

    /** Validates both parts. */
    public ItemRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** @return a reference to a project file by its root-relative path */
    public static ItemRef file(String relativePath) {
        return new ItemRef(FILE, relativePath.replace('\\', '/'));
    }
}
