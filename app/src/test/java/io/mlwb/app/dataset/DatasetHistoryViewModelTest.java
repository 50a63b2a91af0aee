package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History tab lists a file's committed versions and diffs two of them. */
class DatasetHistoryViewModelTest {
    @TempDir
    Path dir;

    @Test
    void listsVersionsAndDiffsTheTwoNewest() throws Exception {
        DatasetProjects.create(dir, 40);
        commit("first");
        Path file = dir.resolve("data/loans.csv");
        Files.writeString(file, "id,age,score\nA,30,1.5\nB,40,2.5\nC,50,x\n", StandardCharsets.UTF_8);
        commit("second");
        InlineJobs jobs = new InlineJobs();
        try (GitRepo repo = GitRepo.open(dir)) {
            ProfileService service = new ProfileService(ProfileSettings.current(), Clock.systemUTC(), dir, repo, null);
            DatasetHistoryViewModel vm = new DatasetHistoryViewModel(service, DatasetSource.ofFile(file), jobs);
            vm.load();
            assertEquals(2, vm.versions().size(), () -> "versions " + vm.versions() + " " + vm.messageProperty().get());
            assertEquals("second", vm.afterProperty().get().message());
            assertEquals("first", vm.beforeProperty().get().message());

            vm.compare();

            assertEquals("", vm.messageProperty().get());
            assertFalse(vm.busyProperty().get());
            assertEquals(Messages.format("dataset.history.rows", "40", "3"), vm.summaryProperty().get());
            assertTrue(vm.schemaChanges().contains(Messages.format("dataset.history.added", "score")));
            assertTrue(vm.schemaChanges().contains(Messages.format("dataset.history.removed", "income")));
            assertTrue(vm.typeChanges().isEmpty(), () -> "types " + vm.typeChanges());
            assertTrue(vm.deltas().stream().anyMatch(d -> d.column().equals("age")), () -> "deltas " + vm.deltas());
        }
    }

    @Test
    void withoutARepositoryTheTabSaysSo() {
        DatasetHistoryViewModel vm = new DatasetHistoryViewModel(
                ProfileService.withoutProject(ProfileSettings.current()), DatasetSource.ofFile(dir.resolve("x.csv")),
                new InlineJobs());
        vm.load();
        assertEquals(Messages.get("dataset.history.noRepo"), vm.messageProperty().get());
    }

    private void commit(String message) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Ada Tester");
            config.setString("user", null, "email", "ada@example.org");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setSign(false).call();
        }
    }
}
