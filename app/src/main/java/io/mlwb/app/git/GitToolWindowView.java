package io.mlwb.app.git;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.app.ui.Views;
import io.mlwb.vcs.CommitInfo;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.util.Callback;

/**
 * The Git tool window: the log (paged, with the selected commit's files) beside the local changes (branch, changed
 * files coloured by status, Commit…). Double-clicking a commit opens its editor tab.
 */
public final class GitToolWindowView {
    @FXML private TableView<CommitInfo> historyTable;
    @FXML private TableColumn<CommitInfo, String> shaColumn;
    @FXML private TableColumn<CommitInfo, String> messageColumn;
    @FXML private TableColumn<CommitInfo, String> authorColumn;
    @FXML private TableColumn<CommitInfo, String> dateColumn;
    @FXML private Label historyCount;
    @FXML private Button loadMoreButton;
    @FXML private ListView<String> commitFiles;
    @FXML private Label branchLabel;
    @FXML private Label blockedLabel;
    @FXML private Button refreshButton;
    @FXML private Button commitButton;
    @FXML private ListView<FileChange> changesList;

    private final HistoryViewModel history;
    private final ChangesViewModel changes;
    private final Runnable openCommitDialog;
    private final Consumer<ItemRef> opener;

    /**
     * @param history          the log
     * @param changes          the local changes
     * @param openCommitDialog shows the commit dialog
     * @param opener           opens an editor for a file (the shell's {@code ctx::open})
     */
    public GitToolWindowView(HistoryViewModel history, ChangesViewModel changes, Runnable openCommitDialog,
                             Consumer<ItemRef> opener) {
        this.history = history;
        this.changes = changes;
        this.openCommitDialog = openCommitDialog;
        this.opener = opener;
    }

    /**
     * Builds the tool window for the context's project (a hint when none is open), refreshed whenever the project
     * changes. For {@link io.mlwb.app.shell.ToolWindowSpec}'s factory.
     */
    public static Node create(WorkbenchContext ctx) {
        if (ctx.project().isEmpty()) {
            Label none = new Label(Messages.get("git.noProject"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            return none;
        }
        OpenProject project = ctx.project().get();
        var history = new HistoryViewModel(project.repo(), ctx.jobs(), ctx::open);
        var changes = new ChangesViewModel(project.repo(), ctx.jobs(), ctx.errors());
        var view = new GitToolWindowView(history, changes, () -> CommitDialogView.open(ctx), ctx::open);
        Parent root = Views.load(view);
        ctx.addProjectListener(view::refresh);
        view.refresh();
        return root;
    }

    /** Reloads the log and the local changes. */
    public void refresh() {
        history.refresh();
        changes.refresh();
    }

    @FXML
    private void initialize() {
        historyTable.getStylesheets().add(GitFormat.stylesheet());
        changesList.getStylesheets().add(GitFormat.stylesheet());
        historyTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        historyTable.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        historyTable.setItems(history.commits());
        shaColumn.setCellValueFactory(column(CommitInfo::shortSha));
        shaColumn.getStyleClass().add("git-sha");
        messageColumn.setCellValueFactory(column(CommitInfo::shortMessage));
        authorColumn.setCellValueFactory(column(CommitInfo::authorName));
        dateColumn.setCellValueFactory(column(c -> GitFormat.time(c.time())));
        historyTable.setRowFactory(table -> {
            TableRow<CommitInfo> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    history.open(row.getItem());
                }
            });
            return row;
        });
        historyTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                history.open(historyTable.getSelectionModel().getSelectedItem());
            }
        });
        historyTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> history
                .selectedProperty().set(now));
        history.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && historyTable.getSelectionModel().getSelectedItem() != now) {
                historyTable.getSelectionModel().select(now);
            }
        });
        historyCount.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.format("git.history.count", history.commits().size()), history.commits()));
        historyCount.getStyleClass().add(Styles.TEXT_MUTED);
        loadMoreButton.visibleProperty().bind(history.hasMoreProperty());
        loadMoreButton.managedProperty().bind(loadMoreButton.visibleProperty());
        loadMoreButton.disableProperty().bind(history.busyProperty());
        loadMoreButton.getStyleClass().add(Styles.SMALL);
        commitFiles.setItems(history.selectedFiles());
        commitFiles.getStyleClass().add(Styles.DENSE);

        branchLabel.textProperty().bind(changes.branchProperty());
        branchLabel.setGraphic(AppIcon.BRANCH.node());
        branchLabel.getStyleClass().add(Styles.TEXT_BOLD);
        blockedLabel.textProperty().bind(changes.blockedProperty());
        blockedLabel.visibleProperty().bind(changes.blockedProperty().isNotEmpty());
        blockedLabel.managedProperty().bind(blockedLabel.visibleProperty());
        refreshButton.setGraphic(AppIcon.REFRESH.node());
        refreshButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        refreshButton.disableProperty().bind(changes.busyProperty());
        commitButton.setGraphic(AppIcon.COMMIT.node());
        commitButton.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        commitButton.disableProperty().bind(Bindings.isEmpty(changes.changes()));
        changesList.setItems(changes.changes());
        changesList.getStyleClass().add(Styles.DENSE);
        changesList.setCellFactory(list -> new ChangeCell());
        changesList.setOnMouseClicked(e -> {
            FileChange c = changesList.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && c != null && c.kind() != ChangeKind.REMOVED
                    && c.kind() != ChangeKind.MISSING) {
                opener.accept(ItemRef.file(c.path()));
            }
        });
    }

    private static <T> Callback<TableColumn.CellDataFeatures<CommitInfo, T>, ObservableValue<T>> column(
            Function<CommitInfo, T> value) {
        return cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue()));
    }

    @FXML
    private void onLoadMore() {
        history.loadMore();
    }

    @FXML
    private void onRefresh() {
        refresh();
    }

    @FXML
    private void onCommit() {
        openCommitDialog.run();
    }

    /** A changed file: its status as a coloured tag, then its path. */
    private static final class ChangeCell extends ListCell<FileChange> {
        private final Label status = new Label();
        private final Label path = new Label();
        private final HBox box = new HBox(6, status, path);

        @Override
        protected void updateItem(FileChange item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            status.getStyleClass().setAll("label", "git-status", item.kind().styleClass());
            status.setText(Messages.get(item.kind().messageKey()));
            path.setText(item.path());
            path.getStyleClass().setAll("label");
            if (item.lfsPointer()) {
                path.getStyleClass().add("git-lfs-pointer");
                path.setText(Messages.format("git.changes.lfsPointer", item.path()));
            }
            setText(null);
            setGraphic(box);
        }
    }
}
