package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.Severity;
import io.mlwb.app.ui.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileViewModelTest {
    @TempDir
    Path dir;

    private final ProblemsModel problems = new ProblemsModel();
    private final InlineJobs jobs = new InlineJobs(problems);

    private TextFileViewModel load(String path) {
        TextFileViewModel vm = new TextFileViewModel(dir, path, jobs);
        vm.load();
        assertFalse(vm.loadingProperty().get());
        return vm;
    }

    @Test
    void showsTheTextOfAFile() throws Exception {
        TestProjects.write(dir, "src/model.py", "print('héllo')\n");
        TextFileViewModel vm = load("src/model.py");
        assertEquals("model.py", vm.title());
        assertEquals("print('héllo')\n", vm.textProperty().get());
        assertEquals("", vm.messageProperty().get());
        assertEquals("", vm.noticeProperty().get());
    }

    @Test
    void binaryFilesShowTheirSizeInstead() throws Exception {
        byte[] bytes = new byte[1000];
        bytes[500] = 0;
        Arrays.fill(bytes, 0, 500, (byte) 'a');
        Files.write(dir.resolve("model.bin"), bytes);
        TextFileViewModel vm = load("model.bin");
        assertEquals(Messages.format("project.editor.binary", 1000L), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Binary file, "));
        assertEquals("", vm.textProperty().get());
    }

    @Test
    void largeFilesShowTheirFirstFiveMegabytesWithANotice() throws Exception {
        byte[] bytes = new byte[TextFileViewModel.LIMIT + 1000];
        Arrays.fill(bytes, (byte) 'x');
        Files.write(dir.resolve("big.txt"), bytes);
        TextFileViewModel vm = load("big.txt");
        assertEquals(TextFileViewModel.LIMIT, vm.textProperty().get().length());
        assertFalse(vm.noticeProperty().get().isEmpty());
    }

    @Test
    void aMissingFileShowsAMessageNotAnError() {
        TextFileViewModel vm = load("gone.txt");
        assertEquals(Messages.format("project.editor.missing", "gone.txt"), vm.messageProperty().get());
        assertTrue(problems.problems().isEmpty());
        assertTrue(jobs.reported().isEmpty(), "a file deleted meanwhile is an outcome, not a failed job");
    }

    @Test
    void anUnreadableFileIsOneUserErrorInProblemsNotABug() throws Exception {
        Files.createDirectories(dir.resolve("data.csv")); // a folder where a file was: reading it fails

        TextFileViewModel vm = load("data.csv");

        assertEquals(Messages.format("project.editor.unreadable", "data.csv"), vm.messageProperty().get());
        assertEquals(1, jobs.reported().size(), "the job runner reported the failure once");
        assertEquals(Messages.format("project.job.read", "data.csv"), jobs.reported().get(0).source());
        assertEquals(1, problems.problems().size(), "exactly one Problems entry");
        Problem p = problems.problems().get(0);
        assertEquals(Severity.ERROR, p.severity());
        assertFalse(p.bug());
        assertEquals(Messages.format("project.editor.unreadable", "data.csv"), p.message());
        assertEquals(Messages.get("project.editor.unreadable.todo"), p.whatToDo());
        assertFalse(p.message().contains(Messages.format("problems.bug.message", "")), "not shown as a bug");
        assertFalse(p.whatToDo().contains(Messages.get("problems.bug.whatToDo")), "not shown as a bug");
    }

    @Test
    void pathsOutsideTheProjectAreNotRead() {
        TextFileViewModel vm = load("../secret.txt");
        assertEquals(Messages.format("project.editor.outside", "../secret.txt"), vm.messageProperty().get());
    }
}
