package io.mlwb.app.git;

import atlantafx.base.theme.Styles;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.app.ui.Views;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The commit dialog's form: changed files with check boxes, the message, the author (read-only), and Commit, which
 * stays disabled until a message and a file are chosen. On success the window closes; on failure it stays open with
 * the reason shown and nothing lost.
 */
public final class CommitDialogView {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    @FXML private ListView<CommitFile> fileList;
    @FXML private TextArea messageArea;
    @FXML private TextField authorField;
    @FXML private Label errorLabel;
    @FXML private Button commitButton;

    private final CommitDialogViewModel vm;
    private final Runnable close;

    /**
     * @param vm    the dialog's state
     * @param close closes the window holding the form (after a commit, or on Cancel)
     */
    public CommitDialogView(CommitDialogViewModel vm, Runnable close) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.close = Objects.requireNonNull(close, "close");
    }

    /**
     * Shows the commit dialog for the context's project, owned by the main window; does nothing without a project.
     * For the {@code git.commit} action and the tool window's Commit… button.
     */
    public static void open(WorkbenchContext ctx) {
        if (ctx.project().isEmpty()) {
            return;
        }
        OpenProject project = ctx.project().get();
        Stage stage = new Stage();
        var vm = new CommitDialogViewModel(project.repo(), ctx.jobs(), ctx::fireProjectChanged);
        Parent root = Views.load(new CommitDialogView(vm, stage::close));
        Scene scene = new Scene(root);
        Window owner = ctx.window();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            if (owner.getScene() != null) {
                // The dialog looks like the main window: same sheets, same light/dark state.
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
                root.pseudoClassStateChanged(DARK, owner.getScene().getRoot().getPseudoClassStates().contains(DARK));
            }
        }
        stage.setTitle(Messages.format("git.commit.dialogTitle", project.name()));
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    @FXML
    private void initialize() {
        fileList.getStylesheets().add(GitFormat.stylesheet());
        fileList.setItems(vm.files());
        fileList.getStyleClass().add(Styles.DENSE);
        fileList.setCellFactory(list -> new CheckBoxListCell<>(CommitFile::selectedProperty) {
            @Override
            public void updateItem(CommitFile item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && item != null) {
                    setText(Messages.format("git.commit.fileEntry", item.path(),
                            Messages.get(item.kind().messageKey())));
                }
            }
        });
        messageArea.textProperty().bindBidirectional(vm.messageProperty());
        messageArea.disableProperty().bind(vm.busyProperty());
        authorField.textProperty().bind(vm.authorProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        commitButton.disableProperty().bind(vm.canCommitProperty().not());
        commitButton.getStyleClass().add(Styles.ACCENT);
        vm.committedProperty().addListener((obs, old, made) -> {
            if (made != null) {
                close.run();
            }
        });
    }

    @FXML
    private void onSelectAll() {
        vm.selectAll();
    }

    @FXML
    private void onSelectNone() {
        vm.selectNone();
    }

    @FXML
    private void onCommit() {
        vm.commit();
    }

    @FXML
    private void onCancel() {
        close.run();
    }
}
