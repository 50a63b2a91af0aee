package io.mlwb.app.project;

import io.mlwb.app.shell.Editor;
import io.mlwb.app.ui.Messages;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The plain file viewer (editor kind "text"): a project file read-only in a monospace text area, with a notice when
 * only the start of a large file is shown, and a message instead of text for binary, missing or unreadable files.
 */
public final class TextFileEditor implements Editor {
    private final TextFileViewModel vm;
    private final BorderPane root = new BorderPane();

    /**
     * Builds the editor and starts loading the file.
     *
     * @param vm the file's view model
     */
    public TextFileEditor(TextFileViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("text-file-editor");
        root.getStylesheets().add(TextFileEditor.class.getResource("project.css").toExternalForm());

        Label notice = new Label();
        notice.setId("textNotice");
        notice.getStyleClass().add("text-file-notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        root.setTop(notice);

        TextArea area = new TextArea();
        area.setId("textContent");
        area.setEditable(false);
        area.textProperty().bind(vm.textProperty());
        area.visibleProperty().bind(vm.messageProperty().isEmpty().and(vm.loadingProperty().not()));

        Label message = new Label();
        message.setId("textMessage");
        message.getStyleClass().add("text-file-message");
        message.setWrapText(true);
        message.textProperty().bind(javafx.beans.binding.Bindings.when(vm.loadingProperty())
                .then(Messages.get("project.editor.loading")).otherwise(vm.messageProperty()));
        message.visibleProperty().bind(area.visibleProperty().not());
        root.setCenter(new StackPane(area, message));
        vm.load();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public String title() {
        return vm.title();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
