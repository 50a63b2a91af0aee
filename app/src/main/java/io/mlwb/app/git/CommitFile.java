package io.mlwb.app.git;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A changed file in the commit dialog, with whether it goes into the commit. */
public final class CommitFile {
    private final String path;
    private final ChangeKind kind;
    private final BooleanProperty selected;

    /**
     * @param path     relative to the repository root
     * @param kind     how it differs from HEAD
     * @param selected whether it is chosen at first
     */
    public CommitFile(String path, ChangeKind kind, boolean selected) {
        this.path = Objects.requireNonNull(path, "path");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.selected = new SimpleBooleanProperty(this, "selected", selected);
    }

    /** @return the path relative to the repository root */
    public String path() {
        return path;
    }

    /** @return how it differs from HEAD */
    public ChangeKind kind() {
        return kind;
    }

    /** @return whether it goes into the commit */
    public BooleanProperty selectedProperty() {
        return selected;
    }

    /** @return the path (what a plain list cell shows) */
    @Override
    public String toString() {
        return path;
    }
}
