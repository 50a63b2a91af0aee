package io.mlwb.app.shell;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * The editor tabs: opens an item in the editor that handles it (or selects its tab), closes and disposes tabs, and
 * remembers the open tabs of the open project. While the project changes, saving is suspended: the old project's
 * tabs close and the new one's are restored without either being written over the other's saved session. An editor
 * with unsaved changes is asked about first ({@link #confirmClose}): Save, Discard or Cancel, for its tab's close button,
 * Close tab, and (through {@link WorkbenchViewModel#setCloseGuard}) closing the project or the window.
 */
final class EditorTabs {
    private final Contributions contributions;
    private final ErrorReporter errors;
    private final WorkbenchViewModel vm;
    private final TabPane tabs = new TabPane();
    private final StackPane area = new StackPane();
    private boolean suspended;
    private boolean asking;

    /**
     * @param contributions finds the editor for an item
     * @param errors        where a missing or failing editor is reported
     * @param vm            reads and saves the open project's tabs
     */
    EditorTabs(Contributions contributions, ErrorReporter errors, WorkbenchViewModel vm) {
        this.contributions = contributions;
        this.errors = errors;
        this.vm = vm;
        tabs.setId("editorTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add("editor-tabs");
        Label placeholder = new Label(Messages.get("shell.editor.empty"));
        placeholder.setId("editorPlaceholder");
        placeholder.getStyleClass().add("editor-placeholder");
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(Bindings.isEmpty(tabs.getTabs()));
        tabs.visibleProperty().bind(Bindings.isNotEmpty(tabs.getTabs()));
        area.getChildren().addAll(placeholder, tabs);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> save());
    }

    /** @return the editor area: the tabs, or a hint when none is open */
    Node node() {
        return area;
    }

    /** @return the selected tab, observable (the toolbar re-checks its actions on a change) */
    ObservableValue<Tab> selected() {
        return tabs.getSelectionModel().selectedItemProperty();
    }

    /** Opens (or selects, if already open) the editor tab for {@code ref}. */
    void open(WorkbenchContext ctx, ItemRef ref) {
        for (Tab t : tabs.getTabs()) {
            if (ref.equals(t.getUserData())) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        Optional<EditorSpec> spec = contributions.editorFor(ref);
        if (spec.isEmpty()) {
            errors.warning(Messages.get("shell.editor.source"), Messages.format("shell.editor.none", ref.kind(),
                    ref.id()), Messages.get("shell.editor.none.todo"));
            return;
        }
        Editor editor;
        try {
            editor = spec.get().factory().apply(ctx, ref);
        } catch (RuntimeException e) {
            errors.error(Messages.get("shell.editor.source"), e);
            return;
        }
        Tab tab = new Tab(editor.title(), editor.node());
        tab.setUserData(ref);
        if (editor.dirty() != null) {
            tab.textProperty().bind(Bindings.when(editor.dirty()).then("* " + editor.title()).otherwise(editor.title()));
        }
        tab.setGraphic(spec.get().icon().node());
        tab.setTooltip(new Tooltip(ref.kind() + ": " + ref.id()));
        tab.getProperties().put(Editor.class, editor);
        tab.setOnCloseRequest(e -> {
            // the tab's own close button: ask first when the editor holds unsaved changes
            if (dirty(tab)) {
                e.consume();
                confirmClose(List.of(tab), () -> close(tab));
            }
        });
        tab.setOnClosed(e -> {
            editor.dispose();
            save();
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        save();
    }

    /**
     * Closes every tab of the previous project, then (when {@code ctx} has a project) re-opens the tabs saved for
     * it, without saving in between.
     *
     * @param ctx the workbench, its project already the new one
     */
    void switchProject(WorkbenchContext ctx) {
        suspended = true;
        try {
            for (Tab t : List.copyOf(tabs.getTabs())) {
                close(t);
            }
            if (ctx.project().isEmpty()) {
                return;
            }
            for (ItemRef ref : vm.savedTabs()) {
                open(ctx, ref);
            }
            int sel = vm.savedSelectedTab();
            if (sel >= 0 && sel < tabs.getTabs().size()) {
                tabs.getSelectionModel().select(sel);
            }
        } finally {
            suspended = false;
        }
    }

    /** @return the open tabs' items, in order */
    List<ItemRef> openTabs() {
        return tabs.getTabs().stream().map(t -> (ItemRef) t.getUserData()).toList();
    }

    /** Closes the selected tab, if any, after asking about its unsaved changes. */
    void closeSelected() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t != null) {
            confirmClose(List.of(t), () -> close(t));
        }
    }

    /**
     * Asks about every open editor with unsaved changes, one by one, then runs {@code proceed} unless the person
     * cancelled or a save failed. Runs {@code proceed} at once when nothing is unsaved.
     *
     * @param proceed what closes them (the project closing, the window quitting); called on the FX thread
     */
    void confirmCloseAll(Runnable proceed) {
        confirmClose(List.copyOf(tabs.getTabs()), proceed);
    }

    /**
     * Asks Save / Discard / Cancel for each of {@code candidates} whose editor holds unsaved changes, selecting its tab
     * first. Save saves through {@link Editor#save} and goes on once it saved; Discard goes on; Cancel, closing the
     * prompt, or a failed save stops, and {@code proceed} is not run. One prompt at a time: a second request while one
     * is showing is ignored.
     *
     * @param candidates the tabs about to close
     * @param proceed    run on the FX thread when every unsaved editor was saved or discarded
     */
    void confirmClose(List<Tab> candidates, Runnable proceed) {
        List<Tab> unsaved = new ArrayList<>(candidates.stream().filter(this::dirty).toList());
        if (unsaved.isEmpty()) {
            proceed.run();
            return;
        }
        if (asking) {
            return;
        }
        asking = true;
        askNext(unsaved, proceed);
    }

    private void askNext(List<Tab> unsaved, Runnable proceed) {
        if (unsaved.isEmpty()) {
            asking = false;
            proceed.run();
            return;
        }
        Tab tab = unsaved.remove(0);
        Editor editor = (Editor) tab.getProperties().get(Editor.class);
        if (!tabs.getTabs().contains(tab) || !dirty(tab)) {
            askNext(unsaved, proceed); // closed or saved meanwhile
            return;
        }
        tabs.getSelectionModel().select(tab);
        ButtonType saveButton = new ButtonType(Messages.get("shell.unsaved.save"), ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(Messages.get("shell.unsaved.discard"), ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(Messages.get("shell.unsaved.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, Messages.get("shell.unsaved.text"), saveButton, discard,
                cancel);
        alert.setTitle(Messages.get("shell.unsaved.title"));
        alert.setHeaderText(Messages.format("shell.unsaved.header", editor.title()));
        alert.getDialogPane().setId("unsavedChanges");
        alert.getDialogPane().lookupButton(saveButton).setId("unsavedSave");
        alert.getDialogPane().lookupButton(discard).setId("unsavedDiscard");
        alert.getDialogPane().lookupButton(cancel).setId("unsavedCancel");
        if (area.getScene() != null && area.getScene().getWindow() != null) {
            alert.initOwner(area.getScene().getWindow());
        }
        alert.setOnHidden(e -> {
            ButtonType answer = alert.getResult();
            if (answer == saveButton) {
                editor.save(saved -> {
                    if (Boolean.TRUE.equals(saved)) {
                        askNext(unsaved, proceed);
                    } else {
                        asking = false; // the editor says why; everything stays open
                    }
                });
            } else if (answer == discard) {
                askNext(unsaved, proceed);
            } else {
                asking = false;
            }
        });
        alert.show(); // not showAndWait: the save that may follow runs in the background
    }

    private boolean dirty(Tab t) {
        Object e = t.getProperties().get(Editor.class);
        return e instanceof Editor editor && editor.dirty() != null && editor.dirty().get();
    }

    private void close(Tab t) {
        tabs.getTabs().remove(t);
        if (t.getOnClosed() != null) {
            t.getOnClosed().handle(null);
        }
    }

    private void save() {
        if (suspended || vm.project().isEmpty()) {
            return;
        }
        vm.saveTabs(openTabs(), tabs.getSelectionModel().getSelectedIndex());
    }
}
