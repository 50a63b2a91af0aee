package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryViewModelTest {
    @TempDir
    Path dir;

    private GitRepo repo;
    private final ProblemsModel problems = new ProblemsModel();
    private final InlineJobs jobs = new InlineJobs(problems);
    private final List<ItemRef> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        GitTestProjects.create(dir);
        repo = GitRepo.open(dir);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private HistoryViewModel vm() {
        return new HistoryViewModel(repo, jobs, opened::add);
    }

    @Test
    void loadsAHundredCommitsAtATimeNewestFirstUntilTheEnd() throws Exception {
        GitTestProjects.emptyCommits(dir, 204); // 205 with the initial commit
        HistoryViewModel vm = vm();

        vm.refresh();
        assertEquals(100, vm.commits().size());
        assertTrue(vm.hasMoreProperty().get());
        assertEquals("commit 203", vm.commits().get(0).shortMessage());

        vm.loadMore();
        assertEquals(200, vm.commits().size());
        assertEquals("commit 104", vm.commits().get(99).shortMessage());
        assertEquals("commit 103", vm.commits().get(100).shortMessage());
        assertTrue(vm.hasMoreProperty().get());

        vm.loadMore();
        assertEquals(205, vm.commits().size());
        assertEquals("Initial commit", vm.commits().get(204).shortMessage());
        assertFalse(vm.hasMoreProperty().get());
        assertFalse(vm.busyProperty().get());

        int jobsSoFar = jobs.titles().size();
        vm.loadMore();
        assertEquals(jobsSoFar, jobs.titles().size(), "nothing more to load, so no job starts");
        assertEquals(205, vm.commits().size());
    }

    @Test
    void exactlyOnePageLeavesNothingMore() throws Exception {
        GitTestProjects.emptyCommits(dir, 99);
        HistoryViewModel vm = vm();
        vm.refresh();
        assertEquals(100, vm.commits().size());
        assertFalse(vm.hasMoreProperty().get());
    }

    @Test
    void refreshShowsANewCommitOnTopAndKeepsWhatWasLoadedAndSelected() throws Exception {
        GitTestProjects.emptyCommits(dir, 150);
        HistoryViewModel vm = vm();
        vm.refresh();
        vm.loadMore();
        CommitInfo chosen = vm.commits().get(120);
        vm.selectedProperty().set(chosen);

        GitTestProjects.emptyCommits(dir, 1);
        vm.refresh();

        assertEquals(151, vm.commits().size(), "refresh reloads as many commits as were shown");
        assertEquals("commit 0", vm.commits().get(0).shortMessage());
        assertEquals(chosen, vm.selectedProperty().get());
    }

    @Test
    void selectingACommitListsItsFilesAndOpeningItOpensItsEditor() throws Exception {
        GitTestProjects.write(dir, "data/train.csv", "a,b\n1,2\n");
        GitTestProjects.write(dir, "notes.md", "hi\n");
        repo.commit(List.of("data/train.csv", "notes.md"), "Add data");
        HistoryViewModel vm = vm();
        vm.refresh();

        vm.selectedProperty().set(vm.commits().get(0));
        assertEquals(List.of("data/train.csv", "notes.md"), vm.selectedFiles());
        vm.selectedProperty().set(vm.commits().get(1));
        assertEquals(List.of(".gitignore", "mlwb.yaml"), vm.selectedFiles());
        vm.selectedProperty().set(null);
        assertTrue(vm.selectedFiles().isEmpty());

        vm.open(vm.commits().get(0));
        assertEquals(List.of(new ItemRef("commit", vm.commits().get(0).sha())), opened);
    }

    @Test
    void aPageFromBeforeANewerRefreshIsDropped() throws Exception {
        var deferred = new GitTestProjects.DeferredJobs();
        var vm = new HistoryViewModel(repo, deferred, opened::add);
        vm.refresh();
        GitTestProjects.emptyCommits(dir, 2);
        vm.refresh();

        deferred.run(1); // the newer refresh finishes first
        assertEquals(3, vm.commits().size());
        deferred.run(0); // the older one arrives late, with only the initial commit
        assertEquals(3, vm.commits().size());
        assertEquals("commit 1", vm.commits().get(0).shortMessage());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void emptyRepositoryHasNoRowsAndNoError(@TempDir Path other) {
        try (GitRepo fresh = GitRepo.init(other)) {
            var vm = new HistoryViewModel(fresh, jobs, opened::add);
            vm.refresh();
            assertTrue(vm.commits().isEmpty());
            assertFalse(vm.hasMoreProperty().get());
            assertTrue(problems.problems().isEmpty());
        }
    }
}
