package io.mlwb.app.git;

import atlantafx.base.theme.Styles;
import io.mlwb.vcs.CommitInfo;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** A commit's details in an editor tab: id, author, date, message, changed files and the diff (monospace). */
public final class CommitDetailsView {
    @FXML private TextField shaField;
    @FXML private Label authorLabel;
    @FXML private Label dateLabel;
    @FXML private Label errorLabel;
    @FXML private TextArea messageArea;
    @FXML private ListView<String> filesList;
    @FXML private TextArea diffArea;

    private final CommitDetailsViewModel vm;

    /** @param vm the commit's state */
    public CommitDetailsView(CommitDetailsViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
    }

    @FXML
    private void initialize() {
        diffArea.getStylesheets().add(GitFormat.stylesheet());
        shaField.getStylesheets().add(GitFormat.stylesheet());
        shaField.textProperty().bind(Bindings.createStringBinding(
                () -> commit() == null ? vm.revision() : commit().sha(), vm.commitProperty()));
        authorLabel.textProperty().bind(Bindings.createStringBinding(
                () -> commit() == null ? "" : commit().authorName() + " <" + commit().authorEmail() + ">",
                vm.commitProperty()));
        dateLabel.textProperty().bind(Bindings.createStringBinding(
                () -> commit() == null ? "" : GitFormat.time(commit().time()), vm.commitProperty()));
        messageArea.textProperty().bind(Bindings.createStringBinding(
                () -> commit() == null ? "" : commit().message(), vm.commitProperty()));
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        filesList.setItems(vm.files());
        filesList.getStyleClass().add(Styles.DENSE);
        diffArea.textProperty().bind(vm.diffProperty());
    }

    private CommitInfo commit() {
        return vm.commitProperty().get();
    }
}
