package io.mlwb.app.tracking;

import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.TrackedRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The runs table: a filter box (the query language; Enter applies), "Show deleted", Refresh, a column picker with
 * every param, tag and metric of the runs, and the table (sortable, multi-select; double-click opens the run; the
 * context menu deletes, restores or tags the selection).
 */
public final class RunsTableView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private RunsTableView() {
    }

    /**
     * @param vm   the view model
     * @param open opens a run (by id)
     * @return the pane
     */
    public static Node create(RunsTableViewModel vm, LongConsumer open) {
        TextField filter = new TextField();
        filter.setId("runsFilter");
        filter.setPromptText(Messages.get("tracking.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setOnAction(e -> vm.refresh());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox deleted = new CheckBox(Messages.get("tracking.showDeleted"));
        deleted.selectedProperty().bindBidirectional(vm.showDeletedProperty());
        deleted.setOnAction(e -> vm.refresh());
        Button refresh = new Button(Messages.get("tracking.refresh"), AppIcon.REFRESH.node());
        refresh.setId("runsRefresh");
        refresh.setOnAction(e -> vm.refresh());
        MenuButton columns = new MenuButton(Messages.get("tracking.columns"));
        columns.setId("runsColumns");
        vm.available().addListener((ListChangeListener<String>) c -> {
            columns.getItems().clear();
            for (String col : vm.available()) {
                CheckMenuItem item = new CheckMenuItem(col);
                item.setMnemonicParsing(false); // metric names have underscores
                item.setSelected(vm.chosen().contains(col));
                item.setOnAction(e -> vm.choose(col, item.isSelected()));
                columns.getItems().add(item);
            }
        });
        HBox bar = new HBox(8, filter, deleted, columns, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        TableView<TrackedRun> table = new TableView<>(vm.runs());
        table.setId("runsTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(Messages.get("tracking.empty")));
        table.getColumns().add(column("tracking.col.id", r -> Long.toString(r.id())));
        table.getColumns().add(column("tracking.col.name", TrackedRun::name));
        table.getColumns().add(column("tracking.col.status", r -> r.status() + (r.deleted() ? " ✕" : "")));
        table.getColumns().add(column("tracking.col.start", r -> r.startMs() == null ? ""
                : TIME.format(Instant.ofEpochMilli(r.startMs()))));
        table.getColumns().add(column("tracking.col.duration", r -> r.startMs() == null || r.endMs() == null ? ""
                : duration(Duration.ofMillis(r.endMs() - r.startMs()))));
        table.getColumns().add(column("tracking.col.sweep", r -> r.parentId() == null ? "" : "#" + r.parentId()));
        int fixed = table.getColumns().size();
        vm.chosen().addListener((ListChangeListener<String>) c -> {
            table.getColumns().remove(fixed, table.getColumns().size());
            for (String col : vm.chosen()) {
                TableColumn<TrackedRun, String> tc = new TableColumn<>(col);
                tc.setCellValueFactory(cd -> new SimpleStringProperty(text(cd.getValue().field(col))));
                tc.setComparator(RunsTableView::compareCells);
                table.getColumns().add(tc);
            }
        });
        table.setRowFactory(tv -> {
            TableRow<TrackedRun> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open.accept(row.getItem().id());
                }
            });
            return row;
        });
        MenuItem del = new MenuItem(Messages.get("tracking.delete"));
        del.setOnAction(e -> vm.setDeleted(ids(table), true));
        MenuItem restore = new MenuItem(Messages.get("tracking.restore"));
        restore.setOnAction(e -> vm.setDeleted(ids(table), false));
        MenuItem tag = new MenuItem(Messages.get("tracking.tag"));
        tag.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog("stage=candidate");
            d.setHeaderText(Messages.get("tracking.tag.prompt"));
            d.showAndWait().ifPresent(text -> {
                int eq = text.indexOf('=');
                vm.tag(ids(table), eq < 0 ? text.strip() : text.substring(0, eq).strip(),
                        eq < 0 ? null : text.substring(eq + 1).strip());
            });
        });
        table.setContextMenu(new ContextMenu(del, restore, tag));
        Label message = new Label();
        message.setId("runsMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        BorderPane root = new BorderPane(table);
        root.setTop(bar);
        root.setBottom(message);
        return root;
    }

    private static List<Long> ids(TableView<TrackedRun> table) {
        return table.getSelectionModel().getSelectedItems().stream().map(TrackedRun::id).toList();
    }

    private static TableColumn<TrackedRun, String> column(String key, java.util.function.Function<TrackedRun, String> f) {
        TableColumn<TrackedRun, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new SimpleStringProperty(f.apply(cd.getValue())));
        if (key.equals("tracking.col.id")) {
            c.setComparator(RunsTableView::compareCells);
        }
        return c;
    }

    /** Numbers sort as numbers, the rest as text; empty cells last. */
    static int compareCells(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() == b.isEmpty() ? 0 : a.isEmpty() ? 1 : -1;
        }
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return v.toString();
    }

    private static String duration(Duration d) {
        long s = d.getSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
                + " min";
    }
}
