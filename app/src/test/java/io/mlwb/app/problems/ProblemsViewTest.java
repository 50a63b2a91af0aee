package io.mlwb.app.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Smoke test: a reported UserError is listed with its what-to-do, shown in details, and cleared. */
@ExtendWith(ApplicationExtension.class)
class ProblemsViewTest {
    private final ProblemsModel model = new ProblemsModel();
    private final List<Problem> detailsAsked = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        model.setNotifier(new ProblemPresenter() {
            @Override
            public void reported(Problem problem) {
                // no notifications in this test
            }

            @Override
            public void showDetails(Problem problem) {
                detailsAsked.add(problem);
            }
        });
        ProblemsView view = new ProblemsView(new ProblemsViewModel(model));
        stage.setScene(new Scene((Parent) view.node(), 900, 400));
        stage.show();
    }

    @Test
    void listsAUserErrorWithWhatToDo(FxRobot robot) {
        robot.interact(() -> model.error("Profiling",
                new UserError("Column 'y' is not in train.csv.", "Set 'target' in mlwb.yaml to one of: a, b.")));

        TableView<Problem> table = robot.lookup("#problemsTable").queryTableView();
        assertEquals(1, table.getItems().size());
        assertTrue(robot.lookup("Column 'y' is not in train.csv.").tryQuery().isPresent());
        assertTrue(robot.lookup("Set 'target' in mlwb.yaml to one of: a, b.").tryQuery().isPresent());
        assertEquals("1 error, no warnings", robot.lookup("#problemsSummary").queryAs(Label.class).getText());

        robot.clickOn("Column 'y' is not in train.csv.");
        TextArea details = robot.lookup("#problemDetails").queryAs(TextArea.class);
        assertEquals("Set 'target' in mlwb.yaml to one of: a, b.", details.getText());

        robot.clickOn("#problemsClearButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, table.getItems().size());
        assertEquals("", details.getText());
    }

    @Test
    void detailsOpensTheErrorDialogForABugOnly(FxRobot robot) {
        robot.interact(() -> {
            model.error("Profiling", new UserError("Column 'y' is not in train.csv.", "Use one of: a, b."));
            model.error("Training", new IllegalStateException("null tensor"));
        });
        Button details = robot.lookup("#problemsDetailsButton").queryButton();
        assertTrue(details.isDisabled(), "nothing selected");

        robot.clickOn("Column 'y' is not in train.csv.");
        assertTrue(details.isDisabled(), "a user error has no error dialog");

        robot.clickOn(Messages.format("problems.bug.message", "null tensor"));
        assertFalse(details.isDisabled());
        robot.clickOn(details);
        assertEquals(List.of(model.problems().get(0)), detailsAsked);
    }
}
