package io.mlwb.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.log.AppLogging;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.Severity;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The error dialog (bug vs UserError) and the notifier: notifications, the dialog once per bug, Details. */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("main")), 600, 400));
        stage.show();
    }

    @Test
    void aBugShowsCollapsedDetailsWithCodeAndTheLogFile(FxRobot robot) {
        IllegalStateException bug = new IllegalStateException("index out of range");
        Dialog<?>[] shown = new Dialog<?>[1];
        robot.interact(() -> shown[0] = ErrorDialog.show(stage, "Training", bug));
        Dialog<?> dialog = shown[0];
        try {
            assertTrue(dialog.isShowing());
            assertEquals("Something went wrong inside mlwb: index out of range", dialog.getDialogPane().getHeaderText());
            Label whatToDo = (Label) dialog.getDialogPane().getContent();
            assertTrue(whatToDo.getText().contains(AppLogging.logFile().toString()));
            assertNotNull(dialog.getDialogPane().getExpandableContent());
            assertFalse(dialog.getDialogPane().isExpanded(), "details start collapsed");
            TextArea trace = (TextArea) dialog.getDialogPane().getExpandableContent().lookup("#errorTrace");
            assertTrue(trace.getText().startsWith("java.lang.IllegalStateException: index out of range"));
            Label code = (Label) dialog.getDialogPane().getExpandableContent().lookup("#errorCode");
            assertTrue(code.getText().contains(ErrorCode.of(bug)));
        } finally {
            robot.interact(dialog::close);
        }
    }

    @Test
    void aUserErrorShowsOnlyWhatToDo(FxRobot robot) {
        Dialog<ButtonType>[] shown = new Dialog[1];
        robot.interact(() -> shown[0] = ErrorDialog.show(stage, "Open project",
                new UserError("The folder /x does not exist.", "Choose another folder.")));
        Dialog<ButtonType> dialog = shown[0];
        try {
            assertEquals("The folder /x does not exist.", dialog.getDialogPane().getHeaderText());
            assertEquals("Choose another folder.", ((Label) dialog.getDialogPane().getContent()).getText());
            assertNull(dialog.getDialogPane().getExpandableContent(), "no trace for a UserError");
        } finally {
            robot.interact(dialog::close);
        }
    }

    @Test
    void notifierIsANoOpWithoutAWindowAndShowsAPopupWithOne(FxRobot robot) throws Exception {
        Problem problem = new Problem(Severity.ERROR, "Push failed.", "Check the remote.", "Git", Instant.now(), null);
        Problem bug = bug("Git", new IllegalStateException("no remote"));
        List<String> dialogs = new ArrayList<>();
        ErrorDialog.Opener recorder = (owner, title, error) -> dialogs.add(title);
        Set<Window> before = Set.copyOf(robot.listWindows());

        robot.interact(() -> {
            new Notifier(() -> null, recorder).reported(problem);
            new Notifier(() -> null, recorder).reported(bug);
            Stage neverShown = new Stage();
            new Notifier(() -> neverShown, recorder).reported(problem);
            new Notifier(() -> neverShown, recorder).reported(bug);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(before, Set.copyOf(robot.listWindows()), "nothing opened without a showing window");
        assertEquals(List.of(), dialogs, "no error dialog without a showing window");
        robot.interact(() -> new Notifier(() -> stage, recorder).reported(problem));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.listWindows().size() > before.size());
        assertTrue(robot.listWindows().size() > before.size(), "a notification popup opened");
        assertEquals(List.of(), dialogs, "a user's problem gets a notification, not the error dialog");
    }

    @Test
    void aBugOpensTheErrorDialogOncePerErrorCodeAndDetailsOpensItAgain(FxRobot robot) {
        List<String> dialogs = new ArrayList<>();
        Notifier notifier = new Notifier(() -> stage, (owner, title, error) -> {
            assertSame(stage, owner);
            dialogs.add(title + ": " + error.getMessage());
        });
        Problem first = bug("Training", failAt("step 1"));
        Problem again = bug("Training", failAt("step 2")); // the same place: the same error code
        Problem other = bug("Export", new IllegalArgumentException("bad path"));
        assertEquals(ErrorCode.of(first.cause()), ErrorCode.of(again.cause()));
        assertNotEquals(ErrorCode.of(first.cause()), ErrorCode.of(other.cause()));

        robot.interact(() -> {
            notifier.reported(first);
            notifier.reported(again);
            notifier.reported(other);
        });
        assertEquals(List.of("Training: step 1", "Export: bad path"), dialogs);

        robot.interact(() -> notifier.showDetails(again));
        assertEquals(List.of("Training: step 1", "Export: bad path", "Training: step 2"), dialogs);
    }

    @Test
    void theAppsNotifierShowsTheRealErrorDialogForABug(FxRobot robot) {
        Set<Window> before = Set.copyOf(robot.listWindows());
        robot.interact(() -> new Notifier(() -> stage).reported(bug("Training", new IllegalStateException("nan"))));
        WaitForAsyncUtils.waitForFxEvents();
        List<Window> opened = robot.listWindows().stream().filter(w -> !before.contains(w)).toList();
        assertEquals(1, opened.size(), "one new window: the error dialog");
        Window dialog = opened.get(0);
        try {
            assertTrue(dialog.getScene().getRoot().getStyleClass().contains("error-dialog"));
            DialogPane pane = (DialogPane) dialog.getScene().getRoot();
            assertEquals(Messages.format("error.bug.headline", "nan"), pane.getHeaderText());
        } finally {
            robot.interact(dialog::hide);
        }
    }

    private static Problem bug(String source, Throwable cause) {
        return new Problem(Severity.ERROR, cause.getMessage(), "", source, Instant.now(), cause);
    }

    private static IllegalStateException failAt(String message) {
        return new IllegalStateException(message);
    }
}
