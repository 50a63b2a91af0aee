package io.mlwb.app.shell;

/** What the status bar says about the project's catalog. */
public enum CatalogState {
    /** Open for reading and writing. */
    READ_WRITE,
    /** Open read-only (newer schema, read-only disk); the reason is in {@link OpenProject#catalogMessage()}. */
    READ_ONLY,
    /** Could not be opened (corrupt, not SQLite); the file is left untouched. */
    ERROR
}
