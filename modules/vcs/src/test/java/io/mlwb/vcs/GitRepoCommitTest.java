package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoCommitTest {
    @TempDir
    Path dir;

    @Test
    void firstCommitOnUnbornBranch() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.write(dir, "model-card.md", "# Card\n");
            TestRepos.write(dir, "other.txt", "not committed\n");
            CommitInfo c = repo.commit(List.of("model-card.md"), "Add model card\n\nWith details.");

            assertEquals(TestRepos.NAME, c.authorName());
            assertEquals(TestRepos.EMAIL, c.authorEmail());
            assertEquals("Add model card\n\nWith details.", c.message());
            assertEquals("Add model card", c.shortMessage());
            assertEquals(c.sha().substring(0, 7), c.shortSha());
            assertEquals(c, repo.head().orElseThrow());
            assertFalse(repo.unborn());
            assertEquals(List.of("model-card.md"), repo.changedFiles(c.sha()));
            assertEquals(Set.of("other.txt"), repo.status().untracked());
        }
    }

    @Test
    void commitsAdditionsModificationsAndDeletionsOfExactlyThePathsGiven() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "edit.txt", "one\n", "base");
            TestRepos.commitFile(git, "gone.txt", "bye\n", "base 2");
            TestRepos.commitFile(git, "reports/old.md", "old\n", "base 3");

            TestRepos.write(dir, "edit.txt", "two\n");
            Files.delete(dir.resolve("gone.txt"));
            TestRepos.write(dir, "new.txt", "new\n");
            Files.delete(dir.resolve("reports/old.md"));
            TestRepos.write(dir, "reports/new.md", "new report\n");
            TestRepos.write(dir, "staged-elsewhere.txt", "staged by someone\n");
            git.add().addFilepattern("staged-elsewhere.txt").call();

            CommitInfo c = repo.commit(List.of("edit.txt", "gone.txt", dir.resolve("new.txt").toString(), "reports"),
                    "Update files");
            assertEquals(List.of("edit.txt", "gone.txt", "new.txt", "reports/new.md", "reports/old.md"),
                    repo.changedFiles(c.sha()));
            RepoStatus after = repo.status();
            assertEquals(Set.of("staged-elsewhere.txt"), after.added(), "other staged work stays staged");
            assertEquals(Set.of(), after.modified());
            assertEquals(Set.of(), after.missing());
        }
    }

    @Test
    void emptyMessageEmptyListAndUnchangedPathsAreUserErrors() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "a\n", "base");
            UserError noMessage = assertThrows(UserError.class, () -> repo.commit(List.of("a.txt"), "  "));
            assertEquals("The commit message is empty.", noMessage.getMessage());
            UserError noPaths = assertThrows(UserError.class, () -> repo.commit(List.of(), "msg"));
            assertEquals("No files were chosen to commit.", noPaths.getMessage());
            UserError unchanged = assertThrows(UserError.class, () -> repo.commit(List.of("a.txt"), "msg"));
            assertTrue(unchanged.getMessage().startsWith("Nothing to commit: a.txt"), unchanged.getMessage());
            UserError unknown = assertThrows(UserError.class, () -> repo.commit(List.of("nope.txt"), "msg"));
            assertTrue(unknown.getMessage().contains("nope.txt") && unknown.getMessage().contains("not tracked"),
                    unknown.getMessage());
            TestRepos.write(dir, ".gitignore", "*.log\n");
            TestRepos.write(dir, "train.log", "noise\n");
            UserError ignored = assertThrows(UserError.class, () -> repo.commit(List.of("train.log"), "msg"));
            assertTrue(ignored.getMessage().contains("train.log") && ignored.getMessage().contains("ignored"),
                    ignored.getMessage());
            UserError outside = assertThrows(UserError.class, () -> repo.commit(List.of("../x.txt"), "msg"));
            assertTrue(outside.getMessage().contains("not inside the repository"), outside.getMessage());
            UserError gitDir = assertThrows(UserError.class, () -> repo.commit(List.of(".git/config"), "msg"));
            assertTrue(gitDir.getMessage().contains(".git"), gitDir.getMessage());
            assertEquals(1, repo.history(0, 10).size(), "no commit was made");
        }
    }

    @Test
    void commitOnDetachedHeadIsRefused() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit first = TestRepos.commitFile(git, "a.txt", "a\n", "first");
            git.checkout().setName(first.name()).call();
            TestRepos.write(dir, "a.txt", "changed\n");
            UserError e = assertThrows(UserError.class, () -> repo.commit(List.of("a.txt"), "msg"));
            assertEquals("HEAD is detached at %s; create or check out a branch first."
                    .formatted(first.abbreviate(7).name()), e.getMessage());
            assertTrue(e.whatToDo().contains("git switch"), e.whatToDo());
            assertEquals(first.name(), repo.head().orElseThrow().sha(), "no orphan commit was made");
        }
    }

    @Test
    void staleIndexLockBlocksCommitWithAUserErrorAndIsNeverDeleted() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit first = TestRepos.commitFile(git, "a.txt", "a\n", "first");
            TestRepos.write(dir, "a.txt", "changed\n");
            Path lock = Files.writeString(dir.resolve(".git/index.lock"), "");
            UserError e = assertThrows(UserError.class, () -> repo.commit(List.of("a.txt"), "msg"));
            assertTrue(e.getMessage().contains(lock.toString()), e.getMessage());
            assertTrue(e.whatToDo().contains("Another git process may be running"), e.whatToDo());
            assertTrue(e.whatToDo().contains("delete " + lock), e.whatToDo());
            assertTrue(Files.exists(lock), "the lock file must never be deleted by us");
            assertEquals(first.name(), repo.head().orElseThrow().sha());

            Files.delete(lock);
            assertEquals(List.of("a.txt"), repo.changedFiles(repo.commit(List.of("a.txt"), "msg").sha()));
        }
    }

    @Test
    void branchRefLockIsReportedAsLockError() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "a\n", "first");
            TestRepos.write(dir, "a.txt", "changed\n");
            Path lock = Files.writeString(dir.resolve(".git/refs/heads/main.lock"), "");
            TestRepos.write(dir, "b.txt", "new\n");
            UserError e = assertThrows(UserError.class, () -> repo.commit(List.of("a.txt", "b.txt"), "msg"));
            assertTrue(e.getMessage().contains(lock.toString()), e.getMessage());
            assertTrue(Files.exists(lock));
            assertEquals(Set.of(), git.status().call().getAdded(), "a blocked commit leaves the index alone");
            assertEquals(Set.of(), git.status().call().getChanged(), "a blocked commit leaves the index alone");
        }
    }

    @Test
    void concurrentCommitsFromManyThreadsAllLand() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "base.txt", "base\n", "base");
            int threads = 6;
            for (int i = 0; i < threads; i++) {
                TestRepos.write(dir, "f" + i + ".txt", "file " + i + "\n");
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<CommitInfo>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String path = "f" + i + ".txt";
                    futures.add(pool.submit(() -> {
                        repo.status();
                        return repo.commit(List.of(path), "Add " + path);
                    }));
                }
                for (Future<CommitInfo> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads + 1, repo.history(0, 100).size());
            assertTrue(repo.status().clean());
        }
    }
}
