package io.mlwb.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.log.AppLogging;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.Severity;
import io.mlwb.core.error.UserError;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
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

/** Smoke test of the error dialog (bug vs UserError) and of notifications. */
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
        robot.interact(() -> new Notifier(() -> null).accept(problem));
        robot.interact(() -> {
            Stage neverShown = new Stage();
            new Notifier(() -> neverShown).accept(problem);
        });

        int before = robot.listWindows().size();
        assertEquals(before, robot.listWindows().size(), "nothing opened without a showing window");
        robot.interact(() -> new Notifier(() -> stage).accept(problem));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.listWindows().size() > before);
        List<Window> windows = robot.listWindows();
        assertTrue(windows.size() > before, "a notification popup opened");
    }
}
