package io.mlwb.app.error;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error dialog (STYLE rule 10): the headline, then what to do, then collapsed details. A
 * {@link io.mlwb.core.error.UserError} shows no trace, only what to do; anything else is called our bug, names the
 * log file and offers an expandable stack trace with Copy and a short stable error code. Built in code because its
 * content depends on the error.
 */
public final class ErrorDialog {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);

    private ErrorDialog() {
    }

    /** How the app opens an error dialog; {@code ErrorDialog::show} in the app, a recorder in tests. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @param owner the window it belongs to
         * @param title what was being done
         * @param error the failure
         */
        void open(Window owner, String title, Throwable error);
    }

    /**
     * Shows the dialog without blocking (FX thread).
     *
     * @param owner the window it belongs to, or null
     * @param title what was being done, e.g. "Open project"
     * @param error the failure
     * @return the dialog, already showing
     */
    public static Dialog<ButtonType> show(Window owner, String title, Throwable error) {
        Dialog<ButtonType> dialog = create(owner, new ErrorDialogViewModel(title, error));
        dialog.show();
        return dialog;
    }

    /**
     * Builds the dialog without showing it (FX thread).
     *
     * @param owner the window it belongs to, or null
     * @param vm    what it says
     * @return the dialog
     */
    public static Dialog<ButtonType> create(Window owner, ErrorDialogViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(vm.title());
        dialog.setResizable(true);

        DialogPane pane = dialog.getDialogPane();
        pane.getStyleClass().add("error-dialog");
        pane.setHeaderText(vm.headline());
        pane.setGraphic(vm.bug() ? AppIcon.ERROR.node() : AppIcon.WARNING.node());
        pane.getButtonTypes().setAll(ButtonType.CLOSE);

        Label whatToDo = new Label(vm.whatToDo());
        whatToDo.setId("errorWhatToDo");
        whatToDo.setWrapText(true);
        whatToDo.setMaxWidth(560);
        pane.setContent(whatToDo);

        if (vm.bug()) {
            Label code = new Label(Messages.format("error.code", vm.code()));
            code.setId("errorCode");
            code.getStyleClass().add(Styles.TEXT_MUTED);
            Button copy = new Button(Messages.get("error.copy"), AppIcon.COPY.node());
            copy.setId("errorCopyButton");
            copy.getStyleClass().add(Styles.SMALL);
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(vm.copyText());
                Clipboard.getSystemClipboard().setContent(content);
            });
            HBox bar = new HBox(8, code, copy);
            TextArea trace = new TextArea(vm.details());
            trace.setId("errorTrace");
            trace.setEditable(false);
            trace.setWrapText(false);
            trace.setPrefRowCount(14);
            trace.setPrefColumnCount(80);
            VBox.setVgrow(trace, Priority.ALWAYS);
            VBox details = new VBox(8, bar, trace);
            pane.setExpandableContent(details);
            pane.setExpanded(false);
        }
        LOG.debug("Error dialog '{}' (code {})", vm.title(), vm.code());
        return dialog;
    }
}
