package io.mlwb.app.project;

import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.ItemRef;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One node of the project tree: the project folder, a folder or file in it, the "Catalog" node, a catalog section or
 * a catalog item. Children of folders and sections are loaded when the node is first expanded. Use on the FX thread.
 */
public final class ProjectNode {
    /** What a node stands for. */
    public enum Kind {
        /** The project folder (the tree's root). */
        ROOT,
        /** A folder inside the project. */
        DIRECTORY,
        /** A file inside the project. */
        FILE,
        /** The "Catalog" node holding the sections. */
        CATALOG,
        /** One catalog section (Datasets, Runs, ...). */
        SECTION,
        /** One catalog item. */
        ITEM
    }

    private final Kind kind;
    private final String label;
    private final String path;
    private final CatalogSection section;
    private final ItemRef ref;
    private final ObjectProperty<GitStatus> status = new SimpleObjectProperty<>(GitStatus.NONE);
    private final ObservableList<ProjectNode> children = FXCollections.observableArrayList();
    private final ObservableList<ProjectNode> readOnlyChildren = FXCollections.unmodifiableObservableList(children);
    private boolean loaded;

    ProjectNode(Kind kind, String label, String path, CatalogSection section, ItemRef ref) {
        this.kind = Objects.requireNonNull(kind);
        this.label = Objects.requireNonNull(label);
        this.path = path;
        this.section = section;
        this.ref = ref;
    }

    /** @return what this node stands for */
    public Kind kind() {
        return kind;
    }

    /** @return the text the tree shows */
    public String label() {
        return label;
    }

    /** @return the project-relative path ({@code /}-separated, {@code ""} for the root), null for catalog nodes */
    public String path() {
        return path;
    }

    /** @return the section of a {@link Kind#SECTION} node, else null */
    public CatalogSection section() {
        return section;
    }

    /** @return what opening this node opens: a file reference or a catalog item's; null for the others */
    public ItemRef ref() {
        return kind == Kind.FILE ? ItemRef.file(path) : ref;
    }

    /** @return true for nodes that can hold children (the root, folders, the catalog and its sections) */
    public boolean expandable() {
        return kind != Kind.FILE && kind != Kind.ITEM;
    }

    /** @return the git status (always {@link GitStatus#NONE} for catalog nodes) */
    public ReadOnlyObjectProperty<GitStatus> statusProperty() {
        return status;
    }

    /** @return the current git status */
    public GitStatus status() {
        return status.get();
    }

    void setStatus(GitStatus s) {
        status.set(s);
    }

    /** @return the loaded children, in display order; empty until the node was expanded */
    public ObservableList<ProjectNode> children() {
        return readOnlyChildren;
    }

    ObservableList<ProjectNode> mutableChildren() {
        return children;
    }

    /** @return true once the children were loaded (they are kept up to date afterwards) */
    public boolean loaded() {
        return loaded;
    }

    void setLoaded(boolean loaded) {
        this.loaded = loaded;
    }

    @Override
    public String toString() {
        return label;
    }
}
