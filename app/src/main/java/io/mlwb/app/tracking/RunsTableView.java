package io.mlwb.app.tracking;

import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.RunTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The runs table: a filter box (the query language; Enter applies; a parse error shows under it with a caret at its
 * position), "Show deleted", Group by (a param or tag), a column picker (search box; every param, tag and metric key
 * with how many runs have it), Refresh, and the table — a virtualized tree table over the view model's
 * {@link RunTable} snapshot: cells are read from the columns as they scroll into view, sweep runs are nested
 * (collapsible) under their parent, groups are collapsible headers, a click on a column header sorts on that column,
 * multi-select; double-click or Enter opens the run; the context menu deletes, restores, tags or renames; "Export
 * runs…" (tool bar and context menu) writes the selection, or every shown run, as CSV or JSON.
 */
public final class RunsTableView {
    /** The fixed columns shown, in order (the first is the tree column). */
    static final List<String> FIXED = List.of("name", "id", "status", "start_ms", "duration_ms", "user", "commit",
            "dataset", RunTable.TAGS, "parent_id");

    private RunsTableView() {
    }

    /**
     * @param vm   the view model
     * @param open opens a run (by id)
     * @return the pane
     */
    public static Node create(RunsTableViewModel vm, LongConsumer open) {
        return create(vm, open, null);
    }

    /**
     * @param vm      the view model
     * @param open    opens a run (by id)
     * @param compare compares the selected runs (2 to 10 ids), or null for no Compare item
     * @return the pane
     */
    public static Node create(RunsTableViewModel vm, LongConsumer open,
                              java.util.function.Consumer<List<Long>> compare) {
        TextField filter = new TextField();
        filter.setId("runsFilter");
        filter.setPromptText(Messages.get("tracking.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setOnAction(e -> vm.refresh());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox deleted = new CheckBox(Messages.get("tracking.showDeleted"));
        deleted.setId("runsShowDeleted");
        deleted.selectedProperty().bindBidirectional(vm.showDeletedProperty());
        deleted.setOnAction(e -> vm.refresh());
        Button refresh = new Button(Messages.get("tracking.refresh"), AppIcon.REFRESH.node());
        refresh.setId("runsRefresh");
        refresh.setOnAction(e -> vm.refresh());
        ComboBox<String> group = groupBox(vm);
        Button columns = new Button(Messages.get("tracking.columns"));
        columns.setId("runsColumns");
        ContextMenu picker = picker(vm);
        columns.setOnAction(e -> {
            if (picker.isShowing()) {
                picker.hide();
            } else {
                picker.show(columns, Side.BOTTOM, 0, 0);
            }
        });
        Label groupLabel = new Label(Messages.get("tracking.groupBy"));
        Button export = new Button(Messages.get("tracking.export.item"), AppIcon.DOWNLOAD.node());
        export.setId("runsExportButton");
        export.setTooltip(new javafx.scene.control.Tooltip(Messages.get("tracking.export.tooltip")));
        export.disableProperty().bind(vm.exportingProperty().or(vm.shownProperty().isEqualTo(0)));
        HBox bar = new HBox(8, filter, deleted, groupLabel, group, columns, export, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 2, 8));
        Label error = new Label();
        error.setId("runsFilterError");
        error.getStyleClass().add("danger");
        error.setStyle("-fx-font-family: monospace;");
        error.textProperty().bind(vm.filterErrorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        error.setPadding(new Insets(0, 8, 4, 8));
        vm.filterErrorPositionProperty().addListener((o, was, is) -> {
            if (is.intValue() >= 0) {
                filter.requestFocus();
                filter.positionCaret(Math.min(is.intValue(), filter.getLength()));
            }
        });
        VBox top = new VBox(bar, error);

        // one root for good: a tree table forgets its sort order when its root is replaced
        TreeItem<Integer> rootItem = new TreeItem<>(RunsTableViewModel.ROOT);
        rootItem.setExpanded(true);
        TreeTableView<Integer> table = new TreeTableView<>(rootItem);
        table.setId("runsTable");
        table.setShowRoot(false);
        rootItem.getChildren().setAll(items(vm, vm.topItems(), 0));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // A reload (a run changed here or in another process) rebuilds the rows: the runs selected before stay
        // selected, by id, and the view stays where it was: the run shown in the first row before is the first row
        // after (when it is still listed; else the first selected run comes into view).
        List<Long> remembered = new ArrayList<>();
        boolean[] rebuilding = {false};
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<TreeItem<Integer>>) c -> {
                    if (!rebuilding[0]) {
                        remembered.clear();
                        remembered.addAll(selected(vm, table));
                    }
                });
        // the snapshot the rows shown now refer to (the view model holds the new one by the time the rows change)
        RunTable[] shownTable = {vm.tableProperty().get()};
        vm.revisionProperty().addListener((o, was, is) -> {
            long anchor = firstShownRun(table, shownTable[0]);
            rebuilding[0] = true;
            try {
                rootItem.getChildren().setAll(items(vm, vm.topItems(), 0));
                shownTable[0] = vm.tableProperty().get();
                table.getSelectionModel().clearSelection();
                List<TreeItem<Integer>> again = new ArrayList<>();
                reselect(vm, rootItem, new java.util.HashSet<>(remembered), again);
                again.forEach(it -> table.getSelectionModel().select(it));
                List<TreeItem<Integer>> first = new ArrayList<>();
                if (anchor >= 0) {
                    reselect(vm, rootItem, java.util.Set.of(anchor), first);
                }
                int row = !first.isEmpty() ? table.getRow(first.get(0)) : -1;
                if (row >= 0) {
                    table.scrollTo(row);
                } else if (!again.isEmpty() && table.getRow(again.get(0)) >= 0) {
                    table.scrollTo(Math.max(0, table.getRow(again.get(0)) - 3));
                }
            } finally {
                rebuilding[0] = false;
            }
            remembered.clear();
            remembered.addAll(selected(vm, table));
        });
        table.setPlaceholder(new Label(Messages.get("tracking.empty")));
        table.setFixedCellSize(24); // uniform rows: the virtual flow need not measure each one while scrolling
        for (String name : FIXED) {
            table.getColumns().add(column(vm, name, header(name)));
        }
        double[] widths = {220, 70, 90, 150, 110, 110, 90, 110, 200, 80};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        int fixed = table.getColumns().size();
        ListChangeListener<String> chosenChanged = c -> {
            table.getColumns().remove(fixed, table.getColumns().size());
            for (String col : vm.chosen()) {
                table.getColumns().add(column(vm, col, col));
            }
            showSort(vm, table);
        };
        vm.chosen().addListener(chosenChanged);
        // sorting is the view model's (over the columns, numbers as numbers, missing last), not the table's; it
        // replaces the root's children, which the table must not see in the middle of its own sort, hence later
        table.setSortPolicy(t -> {
            String name = t.getSortOrder().isEmpty() ? "" : (String) t.getSortOrder().get(0).getUserData();
            boolean asc = t.getSortOrder().isEmpty()
                    || t.getSortOrder().get(0).getSortType() == TreeTableColumn.SortType.ASCENDING;
            if (!name.equals(vm.sortColumnProperty().get()) || asc != vm.sortAscendingProperty().get()) {
                Platform.runLater(() -> vm.sortBy(name, asc));
            }
            return true;
        });
        vm.sortColumnProperty().addListener((o, was, is) -> showSort(vm, table));
        vm.sortAscendingProperty().addListener((o, was, is) -> showSort(vm, table));
        table.setRowFactory(tv -> {
            TreeTableRow<Integer> row = new TreeTableRow<>() {
                @Override
                protected void updateItem(Integer v, boolean empty) {
                    super.updateItem(v, empty);
                    setStyle(!empty && v != null && RunsTableViewModel.isGroup(v) ? "-fx-font-weight: bold;" : "");
                }
            };
            row.setOnMouseClicked(e -> {
                Integer v = row.getItem();
                if (e.getClickCount() == 2 && v != null && v >= 0) {
                    open.accept(vm.tableProperty().get().id(v));
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                TreeItem<Integer> it = table.getSelectionModel().getSelectedItem();
                if (it != null && it.getValue() >= 0) {
                    open.accept(vm.tableProperty().get().id(it.getValue()));
                }
            }
        });
        MenuItem del = new MenuItem(Messages.get("tracking.delete"));
        del.setOnAction(e -> vm.setDeleted(selected(vm, table), true));
        MenuItem restore = new MenuItem(Messages.get("tracking.restore"));
        restore.setOnAction(e -> vm.setDeleted(selected(vm, table), false));
        MenuItem tag = new MenuItem(Messages.get("tracking.tag"));
        tag.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog("stage=candidate");
            d.setHeaderText(Messages.get("tracking.tag.prompt"));
            d.showAndWait().ifPresent(text -> {
                int eq = text.indexOf('=');
                vm.tag(selected(vm, table), eq < 0 ? text.strip() : text.substring(0, eq).strip(),
                        eq < 0 ? null : text.substring(eq + 1).strip());
            });
        });
        MenuItem rename = new MenuItem(Messages.get("tracking.rename"));
        rename.setOnAction(e -> {
            List<Long> ids = selected(vm, table);
            if (ids.size() != 1) {
                return;
            }
            TreeItem<Integer> it = table.getSelectionModel().getSelectedItem();
            TextInputDialog d = new TextInputDialog(vm.cell("name", it.getValue()));
            d.setHeaderText(Messages.get("tracking.rename.prompt"));
            d.showAndWait().ifPresent(text -> vm.rename(ids.get(0), text));
        });
        ContextMenu menu = new ContextMenu(del, restore, tag, rename);
        MenuItem compareItem = new MenuItem(Messages.get("tracking.compare.action"));
        compareItem.setOnAction(e -> compare.accept(selected(vm, table)));
        if (compare != null) {
            menu.getItems().add(0, compareItem);
        }
        MenuItem exportItem = new MenuItem(Messages.get("tracking.export.item"));
        exportItem.setId("runsExport");
        exportItem.disableProperty().bind(vm.exportingProperty());
        exportItem.setOnAction(e -> export(vm, table));
        export.setOnAction(e -> export(vm, table));
        menu.getItems().add(exportItem);
        menu.getItems().add(io.mlwb.app.registry.RegistryFeature.registerItem(table, () -> selected(vm, table)));
        menu.setOnShowing(e -> {
            int n = selected(vm, table).size();
            rename.setDisable(n != 1);
            compareItem.setDisable(n < 2 || n > 10);
        });
        table.setContextMenu(menu);
        Label message = new Label();
        message.setId("runsMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        BorderPane root = new BorderPane(table);
        root.setTop(top);
        root.setBottom(message);
        return root;
    }

    private static String header(String name) {
        return switch (name) {
            case "name" -> Messages.get("tracking.col.name");
            case "id" -> Messages.get("tracking.col.id");
            case "status" -> Messages.get("tracking.col.status");
            case "start_ms" -> Messages.get("tracking.col.start");
            case "duration_ms" -> Messages.get("tracking.col.duration");
            case "user" -> Messages.get("tracking.col.user");
            case "commit" -> Messages.get("tracking.col.commit");
            case "dataset" -> Messages.get("tracking.col.dataset");
            case RunTable.TAGS -> Messages.get("tracking.col.tags");
            case "parent_id" -> Messages.get("tracking.col.sweep");
            default -> name;
        };
    }

    private static TreeTableColumn<Integer, String> column(RunsTableViewModel vm, String name, String header) {
        TreeTableColumn<Integer, String> c = new TreeTableColumn<>(header);
        c.setUserData(name);
        c.setPrefWidth(Math.max(90, 8.5 * header.length() + 30)); // a key's header readable without resizing
        boolean first = name.equals("name");
        c.setCellValueFactory(cd -> {
            Integer v = cd.getValue().getValue();
            String text;
            if (v == null || v == RunsTableViewModel.ROOT) {
                text = "";
            } else if (RunsTableViewModel.isGroup(v)) {
                text = first ? vm.groupLabel(v) : "";
            } else {
                text = vm.cell(name, v);
            }
            return new ReadOnlyStringWrapper(text);
        });
        if (name.startsWith("metrics.") || name.equals("id") || name.equals("duration_ms")) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    /** Shows the view model's sort on the headers, without sorting again. */
    private static void showSort(RunsTableViewModel vm, TreeTableView<Integer> table) {
        String name = vm.sortColumnProperty().get();
        for (TreeTableColumn<Integer, ?> c : table.getColumns()) {
            if (name.equals(c.getUserData())) {
                c.setSortType(vm.sortAscendingProperty().get() ? TreeTableColumn.SortType.ASCENDING
                        : TreeTableColumn.SortType.DESCENDING);
                if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
                    table.getSortOrder().setAll(List.of(c));
                }
                return;
            }
        }
        if (!table.getSortOrder().isEmpty()) {
            table.getSortOrder().clear();
        }
    }

    private static ComboBox<String> groupBox(RunsTableViewModel vm) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("runsGroupBy");
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? Messages.get("tracking.group.nothing") : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        boolean[] updating = {false};
        Runnable fill = () -> {
            updating[0] = true;
            List<String> items = new ArrayList<>();
            items.add("");
            for (RunTable.Key k : vm.available()) {
                if (k.column().startsWith("params.") || k.column().startsWith("tags.")) {
                    items.add(k.column());
                }
            }
            box.getItems().setAll(items);
            box.setValue(vm.groupByProperty().get());
            updating[0] = false;
        };
        vm.available().addListener((ListChangeListener<RunTable.Key>) c -> fill.run());
        vm.groupByProperty().addListener((o, was, is) -> {
            if (!is.equals(box.getValue())) {
                updating[0] = true;
                box.setValue(is);
                updating[0] = false;
            }
        });
        box.valueProperty().addListener((o, was, is) -> {
            if (!updating[0] && is != null && !is.equals(vm.groupByProperty().get())) {
                vm.groupBy(is);
            }
        });
        fill.run();
        return box;
    }

    /** The column picker: a search box over every key with its count, a check box each. */
    private static ContextMenu picker(RunsTableViewModel vm) {
        TextField search = new TextField();
        search.setId("columnSearch");
        search.setPromptText(Messages.get("tracking.columns.search"));
        FilteredList<RunTable.Key> keys = new FilteredList<>(vm.available());
        search.textProperty().addListener((o, was, is) -> {
            String q = is.strip().toLowerCase(Locale.ROOT);
            keys.setPredicate(k -> q.isEmpty() || k.column().toLowerCase(Locale.ROOT).contains(q));
        });
        ListView<RunTable.Key> list = new ListView<>(keys);
        list.setId("columnList");
        list.setPrefSize(360, 320);
        list.setFixedCellSize(26);
        list.setCellFactory(lv -> new ListCell<>() {
            private final CheckBox box = new CheckBox();

            {
                box.setMnemonicParsing(false); // keys have underscores
                box.setOnAction(e -> {
                    if (getItem() != null) {
                        vm.choose(getItem().column(), box.isSelected());
                    }
                });
            }

            @Override
            protected void updateItem(RunTable.Key k, boolean empty) {
                super.updateItem(k, empty);
                if (empty || k == null) {
                    setGraphic(null);
                    return;
                }
                box.setText(Messages.format("tracking.columns.item", k.column(), k.count()));
                box.setSelected(vm.chosen().contains(k.column()));
                setGraphic(box);
            }
        });
        vm.chosen().addListener((ListChangeListener<String>) c -> list.refresh());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> Messages.format(
                "tracking.columns.count", keys.size(), vm.available().size()), keys));
        VBox box = new VBox(6, search, list, count);
        box.setPadding(new Insets(6));
        CustomMenuItem item = new CustomMenuItem(box, false);
        ContextMenu menu = new ContextMenu(item);
        menu.setId("columnPicker");
        menu.setOnShown(e -> search.requestFocus());
        return menu;
    }

    /** Tree items for the view model's items: groups open, sweeps as the view model remembers them. */
    private static List<TreeItem<Integer>> items(RunsTableViewModel vm, int[] values, int depth) {
        List<TreeItem<Integer>> out = new ArrayList<>(values.length);
        for (int v : values) {
            TreeItem<Integer> item = new TreeItem<>(v);
            int[] kids = depth < 64 ? vm.children(v) : new int[0];
            if (kids.length > 0) {
                item.getChildren().setAll(items(vm, kids, depth + 1));
                boolean group = RunsTableViewModel.isGroup(v);
                item.setExpanded(group || vm.isExpanded(v));
                if (!group) {
                    item.expandedProperty().addListener((o, was, is) -> vm.setExpanded(v, is));
                }
            }
            out.add(item);
        }
        return out;
    }

    /** The visible rows (expanded parents only) whose runs are among {@code ids}, in tree order. */
    private static void reselect(RunsTableViewModel vm, TreeItem<Integer> parent, java.util.Set<Long> ids,
                                 List<TreeItem<Integer>> out) {
        if (ids.isEmpty()) {
            return;
        }
        for (TreeItem<Integer> it : parent.getChildren()) {
            Integer v = it.getValue();
            if (v != null && v >= 0 && ids.contains(vm.ids(List.of(v)).get(0))) {
                out.add(it);
            }
            if (it.isExpanded()) {
                reselect(vm, it, ids, out);
            }
        }
    }

    /**
     * @param shown the snapshot the table's rows refer to
     * @return the id of the run in the first row shown (as last laid out), or -1 (none, a group header, no rows)
     */
    private static long firstShownRun(TreeTableView<Integer> table, RunTable shown) {
        if (shown == null || !(table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
            return -1;
        }
        javafx.scene.control.IndexedCell<?> cell = flow.getFirstVisibleCell();
        TreeItem<Integer> it = cell == null ? null : table.getTreeItem(cell.getIndex());
        Integer row = it == null ? null : it.getValue();
        return row == null || row < 0 || row >= shown.size() ? -1 : shown.id(row);
    }

    private static List<Long> selected(RunsTableViewModel vm, TreeTableView<Integer> table) {
        List<Integer> values = new ArrayList<>();
        for (TreeItem<Integer> it : table.getSelectionModel().getSelectedItems()) {
            if (it != null) {
                values.add(it.getValue());
            }
        }
        return vm.ids(values);
    }

    /**
     * Adds an item to the table's context menu for the one selected run (disabled unless exactly one is selected), for
     * another feature's action on a run (e.g. "Show lineage").
     *
     * @param pane   what {@link #create} returned
     * @param vm     its view model
     * @param text   the item's text
     * @param action what it does with the run's id
     */
    public static void addRunItem(Node pane, RunsTableViewModel vm, String text, LongConsumer action) {
        @SuppressWarnings("unchecked")
        TreeTableView<Integer> table = (TreeTableView<Integer>) pane.lookup("#runsTable");
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            List<Long> ids = selected(vm, table);
            if (ids.size() == 1) {
                action.accept(ids.get(0));
            }
        });
        table.getContextMenu().getItems().add(item);
        table.getContextMenu().addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING,
                e -> item.setDisable(selected(vm, table).size() != 1));
    }

    /**
     * "Export runs…" (tool bar and context menu): the selected runs (every shown run when none is selected) with their
     * metric series, as CSV or JSON, into a folder chosen by the person; the view model runs it as a job.
     */
    private static void export(RunsTableViewModel vm, TreeTableView<Integer> table) {
        List<Long> ids = selected(vm, table);
        javafx.stage.Window owner = table.getScene() == null ? null : table.getScene().getWindow();
        javafx.scene.control.ChoiceDialog<String> format = new javafx.scene.control.ChoiceDialog<>("CSV", "CSV",
                "JSON");
        format.initOwner(owner);
        format.setTitle(Messages.get("tracking.export.item"));
        format.setHeaderText(ids.isEmpty() ? Messages.format("tracking.export.allHeader", vm.shownProperty().get())
                : Messages.format("tracking.export.header", ids.size()));
        format.setContentText(Messages.get("tracking.export.format"));
        format.showAndWait().ifPresent(f -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle(Messages.get("tracking.export.folder"));
            java.nio.file.Path start = vm.exportFolder();
            if (start != null) {
                chooser.setInitialDirectory(start.toFile());
            }
            java.io.File dir = chooser.showDialog(owner);
            if (dir != null) {
                vm.export(ids, f.equals("JSON"), dir.toPath());
            }
        });
    }
}
