package io.mlwb.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.tracking.TrackingFeature;
import io.mlwb.modelcard.CardComments;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review pane as the shell opens it, over a real project: Next walks the card, a comment written on the Metrics
 * section appears in its list and in the catalog, and an evidence step opens the run's pane.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewViewTest {
    @TempDir
    Path dir;

    private Stage stage;
    private ReviewProject p;
    private Editor editor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (editor != null) {
            WaitForAsyncUtils.asyncFx(editor::dispose);
        }
        if (p != null) {
            p.close();
        }
    }

    @Test
    void walkCommentAndOpenEvidence(FxRobot robot) throws Exception {
        p = new ReviewProject(dir);
        TestContext ctx = new TestContext(p.project);
        ItemRef ref = ReviewFeature.ref("churn");
        robot.interact(() -> {
            editor = Contributions.of(List.of(new ReviewFeature())).editorFor(ref).orElseThrow().factory()
                    .apply(ctx, ref);
            stage.setScene(new Scene((Parent) editor.node(), 1300, 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("churn@1", robot.lookup("#reviewTitle").queryAs(Label.class).getText());
        assertEquals("Model details", robot.lookup("#reviewStepTitle").queryAs(Label.class).getText());
        robot.clickOn("#reviewNext");
        assertEquals("Intended use", robot.lookup("#reviewStepTitle").queryAs(Label.class).getText());

        @SuppressWarnings("unchecked")
        ListView<ReviewViewModel.Step> steps = robot.lookup("#reviewSteps").queryAs(ListView.class);
        int metrics = -1;
        for (int i = 0; i < steps.getItems().size(); i++) {
            if (steps.getItems().get(i).title().equals("Metrics")) {
                metrics = i;
            }
        }
        int at = metrics;
        robot.interact(() -> steps.getSelectionModel().select(at));
        assertEquals("Metrics", robot.lookup("#reviewStepTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#reviewComment").queryAs(Button.class).isDisabled(), "nothing written yet");
        robot.clickOn("#reviewDraft").write("Which threshold?");
        robot.clickOn("#reviewComment");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<CardComments.Comment> comments = robot.lookup("#reviewComments").queryAs(ListView.class);
        assertEquals(1, comments.getItems().size());
        assertEquals("Which threshold?", comments.getItems().get(0).text());
        assertEquals(1, p.cards().comments().list("churn", true).size(), "stored in the catalog");

        robot.clickOn("#reviewNext");
        while (!robot.lookup("#reviewStepTitle").queryAs(Label.class).getText().startsWith("Evidence")) {
            robot.clickOn("#reviewNext");
        }
        assertEquals("Evidence: Run 1", robot.lookup("#reviewStepTitle").queryAs(Label.class).getText());
        robot.clickOn("#reviewOpenEvidence");
        assertEquals(List.of(TrackingFeature.detailRef(1)), ctx.opened());
    }
}
