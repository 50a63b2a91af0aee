package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.ui.Messages;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitDetailsViewModelTest {
    @TempDir
    Path dir;

    private final ProblemsModel problems = new ProblemsModel();

    @Test
    void showsTheCommitItsFilesAndItsDiff() throws Exception {
        GitTestProjects.create(dir);
        GitTestProjects.write(dir, "mlwb.yaml", "name: renamed\n");
        GitTestProjects.write(dir, "train.py", "print('hi')\n");
        try (GitRepo repo = GitRepo.open(dir)) {
            CommitInfo made = repo.commit(List.of("mlwb.yaml", "train.py"), "Rename\n\nAnd add a script.");
            var vm = new CommitDetailsViewModel(repo, new InlineJobs(problems), made.shortSha());

            vm.load();

            assertEquals(made, vm.commitProperty().get());
            assertEquals("Rename\n\nAnd add a script.", vm.commitProperty().get().message());
            assertEquals(List.of("mlwb.yaml", "train.py"), vm.files());
            String diff = vm.diffProperty().get();
            assertTrue(diff.contains("-name: test") && diff.contains("+name: renamed"), diff);
            assertTrue(diff.contains("+print('hi')"), diff);
            assertTrue(problems.problems().isEmpty());
        }
    }

    @Test
    void anUnknownCommitSaysSoAndGoesToProblems() throws Exception {
        GitTestProjects.create(dir);
        try (GitRepo repo = GitRepo.open(dir)) {
            var vm = new CommitDetailsViewModel(repo, new InlineJobs(problems), "deadbeefdeadbeef");
            vm.load();
            assertNull(vm.commitProperty().get());
            assertTrue(vm.errorProperty().get().contains("deadbeefdeadbeef"), vm.errorProperty().get());
            assertEquals(1, problems.problems().size(), "reported once, by the job runner");
            assertFalse(problems.problems().get(0).bug(), "an unknown commit is the person's problem, not our bug");
            assertEquals(Messages.format("git.job.details", CommitDetailsViewModel.shortId("deadbeefdeadbeef")), problems.problems().get(0).source());
        }
    }
}
