package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.Severity;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitDialogViewModelTest {
    @TempDir
    Path dir;

    private GitRepo repo;
    private final ProblemsModel problems = new ProblemsModel();
    private final AtomicInteger projectChanged = new AtomicInteger();
    private CommitDialogViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "mlwb.yaml", "name: test\ntarget: y\n");
        GitTestProjects.write(dir, "train.py", "print('hi')\n");
        repo = GitRepo.open(dir);
        vm = new CommitDialogViewModel(repo, new InlineJobs(problems), projectChanged::incrementAndGet);
        vm.load();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void listsTheChangedFilesAllChosenAndTheAuthorFromGitConfig() {
        assertEquals(List.of("mlwb.yaml", "train.py"), vm.files().stream().map(CommitFile::path).toList());
        assertEquals(List.of(ChangeKind.MODIFIED, ChangeKind.UNTRACKED),
                vm.files().stream().map(CommitFile::kind).toList());
        assertTrue(vm.files().stream().allMatch(f -> f.selectedProperty().get()));
        assertEquals("Ada Lovelace <ada@example.com>", vm.authorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void commitNeedsAMessageAndAtLeastOneFile() {
        assertFalse(vm.canCommitProperty().get(), "no message yet");
        vm.messageProperty().set("   \n ");
        assertFalse(vm.canCommitProperty().get(), "a blank message is no message");
        vm.messageProperty().set("Add training script");
        assertTrue(vm.canCommitProperty().get());

        vm.selectNone();
        assertFalse(vm.canCommitProperty().get(), "no file chosen");
        vm.files().get(1).selectedProperty().set(true);
        assertTrue(vm.canCommitProperty().get());
        vm.selectAll();
        assertTrue(vm.files().stream().allMatch(f -> f.selectedProperty().get()));

        vm.messageProperty().set("");
        vm.commit(); // ignored while it cannot commit
        assertNull(vm.committedProperty().get());
    }

    @Test
    void commitsTheChosenFilesIntoTheRealRepository() throws Exception {
        vm.files().get(0).selectedProperty().set(false); // leave mlwb.yaml out
        vm.messageProperty().set("Add training script");

        vm.commit();

        assertEquals("Add training script", GitTestProjects.headMessage(dir));
        assertEquals("Add training script", vm.committedProperty().get().message());
        assertEquals(List.of("train.py"), repo.changedFiles("HEAD"));
        assertEquals(List.of("mlwb.yaml"), List.copyOf(repo.status().modified()), "the unchosen file stays changed");
        assertEquals(1, projectChanged.get());
        assertEquals("", vm.errorProperty().get());
        assertTrue(problems.problems().isEmpty());
    }

    @Test
    void detachedHeadKeepsTheDialogAsItWasAndSaysWhatToDo() throws Exception {
        String before = repo.head().orElseThrow().sha();
        GitTestProjects.detachHead(dir);
        vm.messageProperty().set("Add training script");

        vm.commit();

        assertNull(vm.committedProperty().get());
        assertTrue(vm.errorProperty().get().contains("detached"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().contains("git switch"), vm.errorProperty().get());
        assertEquals("Add training script", vm.messageProperty().get());
        assertEquals(2, vm.files().size());
        assertTrue(vm.canCommitProperty().get(), "the person can try again");
        assertEquals(before, repo.head().orElseThrow().sha());
        assertEquals(0, projectChanged.get());
        assertEquals(1, problems.problems().size());
        assertEquals(Severity.ERROR, problems.problems().get(0).severity());
    }

    @Test
    void indexLockFailsWithoutLosingAnythingAndTheRetryWorks() throws Exception {
        Path lock = dir.resolve(".git/index.lock");
        Files.writeString(lock, "");
        vm.messageProperty().set("Add training script");

        vm.commit();

        assertNull(vm.committedProperty().get());
        assertTrue(vm.errorProperty().get().contains("index.lock"), vm.errorProperty().get());
        assertTrue(Files.exists(lock), "never removed by us");
        assertEquals("Initial commit", GitTestProjects.headMessage(dir));
        assertEquals(1, problems.problems().size());

        Files.delete(lock);
        vm.commit();
        assertEquals("Add training script", GitTestProjects.headMessage(dir));
        assertEquals("", vm.errorProperty().get());
    }
}
