package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tree shows a real temp project's files with git status classes; double-click opens a file. */
@ExtendWith(ApplicationExtension.class)
class ProjectTreeViewTest {
    @TempDir
    static Path dir;

    private OpenProject project;
    private TestContext ctx;
    private ProjectTreeView view;

    @Start
    void start(Stage stage) throws Exception {
        Path root = dir.resolve("demo-" + System.nanoTime());
        TestProjects.committed(root);
        TestProjects.write(root, "README.md", "# changed\n");
        TestProjects.write(root, "notes.txt", "new\n");
        TestProjects.write(root, "debug.log", "noise\n");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        project = OpenProject.open(root);
        ctx = new TestContext(project);
        view = new ProjectTreeView(new ProjectTreeViewModel(project, Contributions.discover().catalogSections(), ctx.jobs(),
                ctx::open), ctx);
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 400, 600));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(view::dispose).get(10, TimeUnit.SECONDS);
        project.close();
    }

    private TreeCell<?> cell(FxRobot robot, String text) {
        return robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + text));
    }

    @Test
    void showsFilesWithGitStatusClasses(FxRobot robot) {
        assertTrue(cell(robot, "README.md").getStyleClass().contains("git-modified"));
        assertTrue(cell(robot, "notes.txt").getStyleClass().contains("git-untracked"));
        assertTrue(cell(robot, "debug.log").getStyleClass().contains("git-ignored"));
        assertTrue(cell(robot, ".mlwb").getStyleClass().contains("git-ignored"));
        TreeCell<?> yaml = cell(robot, "mlwb.yaml");
        assertTrue(yaml.getStyleClass().stream().noneMatch(s -> s.startsWith("git-")), yaml.getStyleClass()::toString);
        assertTrue(robot.lookup("Catalog").tryQuery().isPresent());
        assertTrue(ctx.problems().problems().isEmpty(), () -> ctx.problems().problems().toString());
    }

    @Test
    void doubleClickOpensTheFile(FxRobot robot) {
        robot.doubleClickOn(cell(robot, "README.md"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(ItemRef.file("README.md")), ctx.opened());
    }

    @Test
    void expandingAFolderShowsItsFilesAndEnterOpensOne(FxRobot robot) {
        robot.doubleClickOn(cell(robot, "src")); // a folder: expands, opens nothing
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(cell(robot, "model.py"));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(ItemRef.file("src/model.py")), ctx.opened());
    }
}
