package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.vcs.CommitInfo;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The commit editor, built through the feature's EditorSpec, shows a real commit; the Commit… action opens a window. */
@ExtendWith(ApplicationExtension.class)
class CommitEditorTest {
    @TempDir
    Path dir;

    private OpenProject project;
    private TestContext ctx;
    private CommitInfo made;
    private Editor editor;

    @Start
    void start(Stage stage) throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "train.py", "print('hi')\n");
        project = OpenProject.open(dir);
        made = project.repo().commit(List.of("train.py"), "Add training script\n\nFirst version.");
        GitTestProjects.write(dir, "notes.md", "draft\n");
        ctx = new TestContext(project);
        ItemRef ref = new ItemRef("commit", made.sha());
        editor = Contributions.of(List.of(new GitFeature())).editorFor(ref).orElseThrow().factory().apply(ctx, ref);
        stage.setScene(new Scene((Parent) editor.node(), 900, 600));
        stage.show();
    }

    @AfterEach
    void closeProject() {
        project.close();
    }

    @Test
    void showsShaMessageFilesAndDiff(FxRobot robot) {
        assertEquals("Commit " + made.shortSha(), editor.title());
        assertEquals(made.sha(), robot.lookup("#shaField").queryAs(TextField.class).getText());
        assertEquals("Add training script\n\nFirst version.",
                robot.lookup("#messageArea").queryAs(TextArea.class).getText());
        assertEquals(List.of("train.py"), robot.lookup("#filesList").queryAs(ListView.class).getItems());
        String diff = robot.lookup("#diffArea").queryAs(TextArea.class).getText();
        assertTrue(diff.contains("+print('hi')"), diff);
        assertTrue(robot.lookup("Ada Lovelace <ada@example.com>").tryQuery().isPresent());
    }

    @Test
    void theCommitActionOpensTheDialogWindow(FxRobot robot) {
        var action = Contributions.of(List.of(new GitFeature())).actions().get(0);
        robot.interact(() -> action.handler().accept(ctx));
        Window dialog = robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && "Commit to test".equals(s.getTitle())).findFirst().orElseThrow();
        assertTrue(robot.from(dialog.getScene().getRoot()).lookup("notes.md  (untracked)").tryQuery().isPresent());
        robot.interact(() -> ((Stage) dialog).close());
    }
}
