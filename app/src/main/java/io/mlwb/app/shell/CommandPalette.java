package io.mlwb.app.shell;

import io.mlwb.app.ui.Messages;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Ctrl+Shift+A: an overlay that finds every action by typing part of its name (or its menu), and runs the chosen
 * one with Enter or a click. Esc closes it.
 */
public final class CommandPalette extends StackPane {
    private final TextField query = new TextField();
    private final ListView<ActionSpec> list = new ListView<>();
    private final ObservableList<ActionSpec> shown = FXCollections.observableArrayList();
    private final Supplier<List<ActionSpec>> actions;
    private final WorkbenchContext ctx;

    /**
     * @param actions supplies the actions that exist now
     * @param ctx     passed to the chosen action
     */
    public CommandPalette(Supplier<List<ActionSpec>> actions, WorkbenchContext ctx) {
        this.actions = actions;
        this.ctx = ctx;
        setId("commandPalette");
        getStyleClass().add("command-palette-overlay");
        setVisible(false);
        setManaged(false);
        query.setId("paletteQuery");
        query.setPromptText(Messages.get("shell.palette.prompt"));
        list.setId("paletteList");
        list.setItems(shown);
        list.setPrefHeight(320);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ActionSpec item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label title = new Label(item.title());
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Label where = new Label((item.menu() == null ? "" : item.menu())
                        + (item.shortcut() == null ? "" : "   " + item.shortcut()));
                where.getStyleClass().add("text-muted");
                HBox row = new HBox(8, title, gap, where);
                if (item.icon() != null) {
                    row.getChildren().add(0, item.icon().node());
                }
                row.setDisable(!item.enabled().test(ctx));
                setGraphic(row);
                setText(null);
            }
        });
        VBox box = new VBox(6, query, list);
        box.getStyleClass().add("command-palette");
        box.setMaxWidth(560);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        getChildren().add(box);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                hide();
            }
        });
        query.textProperty().addListener((o, a, b) -> filter(b));
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
                list.getSelectionModel().selectFirst();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                runSelectedOrFirst();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                runSelectedOrFirst();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1 && list.getSelectionModel().getSelectedItem() != null) {
                runSelectedOrFirst();
            }
        });
    }

    /** Shows the palette with an empty query and focuses it. */
    public void show() {
        query.clear();
        filter("");
        setVisible(true);
        setManaged(true);
        toFront();
        query.requestFocus();
    }

    /** Hides the palette. */
    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    /** @return whether the palette is showing */
    public boolean showing() {
        return isVisible();
    }

    /**
     * Keeps the actions whose title or menu contains every word of the query (case-insensitive); ranks title-prefix
     * matches first.
     *
     * @return the matching actions, best first
     */
    public static List<ActionSpec> match(List<ActionSpec> all, String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String[] words = q.isEmpty() ? new String[0] : q.split("\\s+");
        return all.stream().filter(a -> {
            String hay = (a.title() + " " + (a.menu() == null ? "" : a.menu()) + " " + a.id()).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!hay.contains(w)) {
                    return false;
                }
            }
            return true;
        }).sorted(Comparator.comparing((ActionSpec a) -> !a.title().toLowerCase(Locale.ROOT).startsWith(q))
                .thenComparing(ActionSpec::title)).toList();
    }

    private void filter(String text) {
        shown.setAll(match(actions.get(), text));
        if (!shown.isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    private void runSelectedOrFirst() {
        ActionSpec a = list.getSelectionModel().getSelectedItem();
        if (a == null && !shown.isEmpty()) {
            a = shown.get(0);
        }
        if (a != null && a.enabled().test(ctx)) {
            hide();
            a.handler().accept(ctx);
        }
    }
}
