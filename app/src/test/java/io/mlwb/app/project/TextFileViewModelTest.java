package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
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

    private TextFileViewModel load(String path) {
        TextFileViewModel vm = new TextFileViewModel(dir, path, new InlineJobs(), problems);
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
    }

    @Test
    void pathsOutsideTheProjectAreNotRead() {
        TextFileViewModel vm = load("../secret.txt");
        assertEquals(Messages.format("project.editor.outside", "../secret.txt"), vm.messageProperty().get());
    }
}
