package io.mlwb.app.project;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;

/**
 * The Project tool window: a tree over {@link ProjectTreeViewModel}. Folders load when expanded; cells carry a
 * {@code git-*} style class (colours in {@code project.css}); double-click or Enter opens a file or catalog item; a
 * context menu offers Open, Reveal path (copies the absolute path) and Refresh. The project folder is watched while
 * the tree is in a scene, and the tree refreshes on the workbench's project-changed events.
 */
public final class ProjectTreeView {
    /** The style class of the tool window's root node. */
    public static final String STYLE_CLASS = "project-tree";

    private final ProjectTreeViewModel vm;
    private final TreeView<ProjectNode> tree = new TreeView<>();
    private final BorderPane rootPane = new BorderPane(tree);
    private boolean disposed;
    private boolean detached;

    /**
     * Builds the view and, when {@code ctx} is given, refreshes on its project-changed events.
     *
     * @param vm  the view model (this view closes it on {@link #dispose()})
     * @param ctx the workbench, or null
     */
    public ProjectTreeView(ProjectTreeViewModel vm, WorkbenchContext ctx) {
        this.vm = Objects.requireNonNull(vm);
        rootPane.getStyleClass().add(STYLE_CLASS);
        rootPane.getStylesheets().add(Objects.requireNonNull(ProjectTreeView.class.getResource("project.css"))
                .toExternalForm());
        tree.setId("projectTree");
        tree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        tree.setCellFactory(t -> new NodeCell());
        NodeItem rootItem = new NodeItem(vm.root());
        tree.setRoot(rootItem);
        rootItem.setExpanded(true);
        tree.setContextMenu(contextMenu());
        tree.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.open(selected());
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                TreeItem<ProjectNode> item = tree.getSelectionModel().getSelectedItem();
                if (item != null && item.getValue().expandable()) {
                    item.setExpanded(!item.isExpanded());
                } else {
                    vm.open(selected());
                }
                e.consume();
            }
        });
        // Watch while shown: a tool window taken out of the scene (project closed) stops its watcher.
        rootPane.sceneProperty().addListener((obs, was, now) -> {
            if (disposed) {
                return;
            }
            if (now == null) {
                vm.stopWatching();
                detached = true;
            } else if (!vm.watching()) {
                vm.startWatching(Platform::runLater);
                if (detached) {
                    detached = false;
                    vm.refresh(); // changes made while it was not watching
                }
            }
        });
        if (ctx != null) {
            ctx.addProjectListener(vm::refresh);
            vm.setOnDiskChange(ctx::fireProjectChanged);
        }
    }

    /** @return the tool window's content */
    public Node node() {
        return rootPane;
    }

    /** @return the tree (for tests and keyboard focus) */
    public TreeView<ProjectNode> tree() {
        return tree;
    }

    /** Stops the watcher and ignores later events. Idempotent. */
    public void dispose() {
        disposed = true;
        vm.close();
    }

    private ProjectNode selected() {
        TreeItem<ProjectNode> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem(Messages.get("project.menu.open"));
        open.setOnAction(e -> vm.open(selected()));
        MenuItem reveal = new MenuItem(Messages.get("project.menu.reveal"), AppIcon.COPY.node());
        reveal.setOnAction(e -> {
            Path path = vm.absolutePath(selected());
            if (path != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(path.toString());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        MenuItem refresh = new MenuItem(Messages.get("project.menu.refresh"), AppIcon.REFRESH.node());
        refresh.setOnAction(e -> vm.refresh());
        ContextMenu menu = new ContextMenu(open, reveal, new SeparatorMenuItem(), refresh);
        menu.setOnShowing(e -> {
            ProjectNode node = selected();
            open.setDisable(node == null || node.ref() == null);
            reveal.setDisable(vm.absolutePath(node) == null);
        });
        return menu;
    }

    private static Node icon(ProjectNode node) {
        return switch (node.kind()) {
            case ROOT -> AppIcon.PROJECT.node();
            case DIRECTORY -> AppIcon.FOLDER.node();
            case FILE -> AppIcon.FILE.node();
            case CATALOG -> AppIcon.CATALOG.node();
            case SECTION -> node.section().icon() == null ? AppIcon.FOLDER.node() : node.section().icon().node();
            case ITEM -> AppIcon.FILE_TEXT.node();
        };
    }

    /** A tree item over a node: lazily loads its children when expanded and mirrors the node's child list. */
    private final class NodeItem extends TreeItem<ProjectNode> {
        private final Map<ProjectNode, NodeItem> items = new IdentityHashMap<>();

        NodeItem(ProjectNode node) {
            super(node);
            node.children().addListener((ListChangeListener<ProjectNode>) c -> sync());
            expandedProperty().addListener((obs, was, now) -> {
                if (now) {
                    vm.expand(node);
                }
            });
            sync();
        }

        @Override
        public boolean isLeaf() {
            return !getValue().expandable();
        }

        private void sync() {
            List<ProjectNode> nodes = getValue().children();
            items.keySet().retainAll(nodes);
            List<NodeItem> next = nodes.stream().map(n -> items.computeIfAbsent(n, NodeItem::new)).toList();
            if (!next.equals(getChildren())) {
                getChildren().setAll(next);
            }
        }
    }

    /** Shows a node's label, icon and git status class; follows status changes of the shown node. */
    private static final class NodeCell extends TreeCell<ProjectNode> {
        private final ChangeListener<GitStatus> onStatus = (obs, was, now) -> style(now);
        private ProjectNode shown;

        @Override
        protected void updateItem(ProjectNode node, boolean empty) {
            super.updateItem(node, empty);
            if (shown != null) {
                shown.statusProperty().removeListener(onStatus);
            }
            shown = empty ? null : node;
            if (shown == null) {
                setText(null);
                setGraphic(null);
                style(GitStatus.NONE);
            } else {
                setText(shown.label());
                setGraphic(icon(shown));
                shown.statusProperty().addListener(onStatus);
                style(shown.status());
            }
        }

        private void style(GitStatus status) {
            for (GitStatus s : GitStatus.values()) {
                if (s.styleClass() != null && s != status) {
                    getStyleClass().remove(s.styleClass());
                }
            }
            if (status.styleClass() != null && !getStyleClass().contains(status.styleClass())) {
                getStyleClass().add(status.styleClass());
            }
        }
    }
}
