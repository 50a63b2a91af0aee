package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxAssert;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.TableViewMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The tool window over a real temp repository: history rows, local changes, double-click opens a commit. */
@ExtendWith(ApplicationExtension.class)
class GitToolWindowViewTest {
    @TempDir
    Path dir;

    private OpenProject project;
    private TestContext ctx;
    private String newest;

    @Start
    void start(Stage stage) throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "train.py", "print('hi')\n");
        try (GitRepo repo = GitRepo.open(dir)) {
            repo.commit(List.of("train.py"), "Add training script");
            GitTestProjects.write(dir, "train.py", "print('bye')\n");
            newest = repo.commit(List.of("train.py"), "Say bye").sha();
        }
        GitTestProjects.write(dir, "notes.md", "draft\n");
        project = OpenProject.open(dir);
        ctx = new TestContext(project);
        Node root = GitToolWindowView.create(ctx);
        stage.setScene(new Scene((javafx.scene.Parent) root, 1100, 500));
        stage.show();
    }

    @AfterEach
    void closeProject() {
        project.close();
    }

    @Test
    void showsTheHistoryRowsAndTheLocalChanges(FxRobot robot) {
        FxAssert.verifyThat("#historyTable", TableViewMatchers.hasNumRows(3));
        FxAssert.verifyThat("#historyTable", TableViewMatchers.containsRow(
                newest.substring(0, 7), "Say bye", GitTestProjects.NAME,
                GitFormat.time(project.repo().head().orElseThrow().time())));
        assertEquals("On branch main", robot.lookup("#branchLabel").queryAs(Label.class).getText());
        assertTrue(robot.lookup("notes.md").tryQuery().isPresent());
        assertTrue(robot.lookup("untracked").tryQuery().isPresent());
    }

    @Test
    void doubleClickingACommitOpensItsEditorAndACommitRefreshesTheLog(FxRobot robot) throws Exception {
        robot.doubleClickOn("Say bye");
        assertEquals(List.of(new ItemRef("commit", newest)), ctx.opened());

        project.repo().commit(List.of("notes.md"), "Add notes");
        robot.interact(ctx::fireProjectChanged);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#historyTable").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());
        assertTrue(robot.lookup("No local changes.").tryQuery().isPresent());
    }
}
