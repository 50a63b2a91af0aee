package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.error.Notifier;
import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
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
 * The app's error path end to end, with the real job runner: a failed job is listed once in Problems, a user error
 * (even wrapped) as the user error it is, a real bug as a bug with one error dialog (observed through the notifier's
 * dialog opener).
 */
@ExtendWith(ApplicationExtension.class)
class OneErrorPathTest {
    @TempDir
    Path dir;

    private final ProblemsModel problems = new ProblemsModel();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private FxJobs jobs;

    @Start
    void start(Stage stage) {
        jobs = new FxJobs(problems);
        problems.setNotifier(new Notifier(() -> stage, (owner, title, error) -> dialogs.add(title)));
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private TextFileViewModel load(FxRobot robot, String path) throws Exception {
        TextFileViewModel vm = new TextFileViewModel(dir, path, jobs);
        robot.interact(vm::load);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return vm;
    }

    @Test
    void reopeningATabWhoseFileWasDeletedListsNoProblem(FxRobot robot) throws Exception {
        TestProjects.write(dir, "notes.md", "draft\n");
        Files.delete(dir.resolve("notes.md"));

        TextFileViewModel vm = load(robot, "notes.md");

        assertEquals(Messages.format("project.editor.missing", "notes.md"), vm.messageProperty().get());
        assertEquals(List.of(), List.copyOf(problems.problems()));
        assertEquals(List.of(), dialogs);
    }

    @Test
    void anUnreadableFileIsOneProblemShownAsAUserError(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("data.csv"));

        TextFileViewModel vm = load(robot, "data.csv");

        assertEquals(Messages.format("project.editor.unreadable", "data.csv"), vm.messageProperty().get());
        assertEquals(1, problems.problems().size(), () -> problems.problems().toString());
        Problem p = problems.problems().get(0);
        assertFalse(p.bug());
        assertEquals(Messages.format("project.editor.unreadable", "data.csv"), p.message());
        assertEquals(Messages.get("project.editor.unreadable.todo"), p.whatToDo());
        assertEquals(Messages.format("project.job.read", "data.csv"), p.source());
        assertEquals(List.of(), dialogs, "a user error gets no bug dialog");
    }

    @Test
    void aBugInAJobIsOneProblemAndOneErrorDialog(FxRobot robot) throws Exception {
        TestProjects.committed(dir);
        IllegalStateException bug = new IllegalStateException("index 3 out of bounds");
        CatalogSection broken = new CatalogSection("broken", "Broken", AppIcon.INFO, 1, p -> {
            throw bug;
        });
        try (OpenProject project = OpenProject.open(dir)) {
            ProjectTreeViewModel vm = new ProjectTreeViewModel(project, List.of(broken), jobs, ref -> { });
            ProjectNode section = new ProjectNode(ProjectNode.Kind.SECTION, "Broken", null, broken, null);
            robot.interact(() -> vm.expand(section));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !problems.problems().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(vm::close);
        }

        assertEquals(1, problems.problems().size(), () -> problems.problems().toString());
        Problem p = problems.problems().get(0);
        assertTrue(p.bug());
        assertSame(bug, p.cause());
        assertEquals(Messages.format("problems.bug.message", "index 3 out of bounds"), p.message());
        String title = Messages.format("project.job.items", "Broken");
        assertEquals(title, p.source());
        assertEquals(List.of(title), dialogs, "one error dialog, titled with the job");
    }
}
