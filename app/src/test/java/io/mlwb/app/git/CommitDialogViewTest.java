package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Views;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The commit dialog makes a real commit: type a message, click Commit, HEAD has the message, the form closes. */
@ExtendWith(ApplicationExtension.class)
class CommitDialogViewTest {
    @TempDir
    Path dir;

    private OpenProject project;
    private int closed;
    private int projectChanged;

    @Start
    void start(Stage stage) throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "notes.md", "draft\n");
        project = OpenProject.open(dir);
        var ctx = new TestContext(project);
        ctx.addProjectListener(() -> projectChanged++);
        var vm = new CommitDialogViewModel(project.repo(), ctx.jobs(), ctx::fireProjectChanged);
        stage.setScene(new Scene(Views.load(new CommitDialogView(vm, () -> closed++))));
        stage.show();
        vm.load();
    }

    @AfterEach
    void closeProject() {
        project.close();
    }

    @Test
    void typingAMessageAndClickingCommitCommits(FxRobot robot) throws Exception {
        Button commit = robot.lookup("#commitButton").queryAs(Button.class);
        assertEquals("Ada Lovelace <ada@example.com>", robot.lookup("#authorField").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("notes.md  (untracked)").tryQuery().isPresent());
        assertTrue(commit.isDisabled(), "no message yet");

        robot.clickOn("#messageArea").write("Add notes");
        robot.clickOn("#selectNoneLink");
        assertTrue(commit.isDisabled(), "no file chosen");
        robot.clickOn("#selectAllLink");
        assertFalse(commit.isDisabled());
        robot.clickOn("#commitButton");

        assertEquals("Add notes", GitTestProjects.headMessage(dir));
        assertEquals(1, closed);
        assertEquals(1, projectChanged);
    }
}
