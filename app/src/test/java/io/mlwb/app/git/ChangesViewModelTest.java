package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.Severity;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesViewModelTest {
    private static final String LFS_POINTER = "version https://git-lfs.github.com/spec/v1\n"
            + "oid sha256:" + "ab".repeat(32) + "\nsize 123456\n";

    @TempDir
    Path dir;

    private GitRepo repo;
    private final ProblemsModel problems = new ProblemsModel();
    private ChangesViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "keep.txt", "keep\n");
        GitTestProjects.write(dir, "gone.txt", "gone\n");
        try (GitRepo r = GitRepo.open(dir)) {
            r.commit(List.of("keep.txt", "gone.txt"), "Add files");
        }
        repo = GitRepo.open(dir);
        vm = new ChangesViewModel(repo, new InlineJobs(problems), problems);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void listsEachChangedFileWithItsStatusAndTheBranch() throws Exception {
        GitTestProjects.write(dir, "keep.txt", "changed\n");
        Files.delete(dir.resolve("gone.txt"));
        GitTestProjects.write(dir, "new.csv", "a\n");
        GitTestProjects.write(dir, "staged.txt", "s\n");
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern("staged.txt").call();
        }

        vm.refresh();

        assertEquals(List.of(new FileChange("gone.txt", ChangeKind.MISSING, false),
                new FileChange("keep.txt", ChangeKind.MODIFIED, false),
                new FileChange("new.csv", ChangeKind.UNTRACKED, false),
                new FileChange("staged.txt", ChangeKind.ADDED, false)), vm.changes());
        assertEquals("On branch main", vm.branchProperty().get());
        assertFalse(vm.detachedProperty().get());
        assertEquals("", vm.blockedProperty().get());
        assertTrue(problems.problems().isEmpty());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void cleanTreeHasNoChanges() {
        vm.refresh();
        assertTrue(vm.changes().isEmpty());
    }

    @Test
    void detachedHeadIsShownAndReportedOnceWithWhatToDo() throws Exception {
        String shortSha = repo.head().orElseThrow().shortSha();
        GitTestProjects.detachHead(dir);

        vm.refresh();
        vm.refresh();

        assertEquals("HEAD detached at " + shortSha, vm.branchProperty().get());
        assertTrue(vm.detachedProperty().get());
        assertTrue(vm.blockedProperty().get().contains("detached"), vm.blockedProperty().get());
        assertEquals(1, problems.problems().size(), "reported once, not on every refresh");
        Problem p = problems.problems().get(0);
        assertEquals(Severity.WARNING, p.severity());
        assertEquals("Git", p.source());
        assertTrue(p.whatToDo().contains("git switch"), p.whatToDo());
    }

    @Test
    void indexLockIsReportedAndClearsWhenTheLockGoes() throws Exception {
        Path lock = dir.resolve(".git/index.lock");
        Files.writeString(lock, "");

        vm.refresh();
        assertTrue(vm.blockedProperty().get().contains("index.lock"), vm.blockedProperty().get());
        assertEquals(1, problems.problems().size());
        assertTrue(problems.problems().get(0).whatToDo().contains("delete"), problems.problems().get(0).whatToDo());

        Files.delete(lock);
        vm.refresh();
        assertEquals("", vm.blockedProperty().get());

        Files.writeString(lock, "");
        vm.refresh();
        assertEquals(2, problems.problems().size(), "a lock that comes back is reported again");
    }

    @Test
    void anLfsPointerAmongTheChangesIsMarkedAndReported() throws Exception {
        GitTestProjects.write(dir, "data/big.parquet", LFS_POINTER);

        vm.refresh();
        vm.refresh();

        assertEquals(List.of(new FileChange("data/big.parquet", ChangeKind.UNTRACKED, true)), vm.changes());
        assertEquals(1, problems.problems().size());
        assertTrue(problems.problems().get(0).message().contains("LFS"), problems.problems().get(0).message());
        assertTrue(problems.problems().get(0).whatToDo().contains("git lfs pull"));
    }

    @Test
    void aFailedReadGoesToProblems() {
        repo.close(); // any later read fails
        vm.refresh();
        assertEquals(1, problems.problems().size());
        assertEquals(Severity.ERROR, problems.problems().get(0).severity());
        assertFalse(vm.busyProperty().get());
    }
}
