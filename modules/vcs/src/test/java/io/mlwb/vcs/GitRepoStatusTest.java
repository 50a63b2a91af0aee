package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoStatusTest {
    @TempDir
    Path dir;

    @Test
    void unbornBranchHasNoHeadNoHistoryAndWorkingStatus() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            assertTrue(repo.unborn());
            assertEquals(Optional.empty(), repo.head());
            assertEquals(List.of(), repo.history(0, 10));
            assertTrue(repo.status().clean());
            assertEquals("", repo.dirtyDiff());

            TestRepos.write(dir, "a.txt", "alpha\n");
            TestRepos.write(dir, "b.txt", "beta\n");
            git.add().addFilepattern("a.txt").call();
            RepoStatus s = repo.status();
            assertEquals(Set.of("a.txt"), s.added());
            assertEquals(Set.of("b.txt"), s.untracked());
            assertTrue(s.isDirty());
            String diff = repo.dirtyDiff();
            assertTrue(diff.contains("+++ b/a.txt") && diff.contains("+alpha"), diff);
            assertFalse(diff.contains("b.txt"), "untracked files are not in the diff: " + diff);

            WorkTreeState state = repo.workTreeState();
            assertNull(state.commitSha());
            assertEquals("main", state.branch());
            assertFalse(state.detached());
            assertTrue(state.dirty());
            assertEquals(diff, state.diff());
        }
    }

    @Test
    void statusSortsChangesIntoTheirKinds() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.write(dir, "keep.txt", "keep\n");
            TestRepos.write(dir, "edit.txt", "one\n");
            TestRepos.write(dir, "staged-edit.txt", "one\n");
            TestRepos.write(dir, "gone.txt", "bye\n");
            TestRepos.write(dir, "rm.txt", "bye\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setSign(false).call();

            TestRepos.write(dir, "edit.txt", "two\n");
            TestRepos.write(dir, "staged-edit.txt", "two\n");
            git.add().addFilepattern("staged-edit.txt").call();
            Files.delete(dir.resolve("gone.txt"));
            git.rm().addFilepattern("rm.txt").call();
            TestRepos.write(dir, "new.txt", "new\n");
            git.add().addFilepattern("new.txt").call();
            TestRepos.write(dir, "stray.txt", "stray\n");

            RepoStatus s = repo.status();
            assertEquals(Set.of("edit.txt", "staged-edit.txt"), s.modified());
            assertEquals(Set.of("new.txt"), s.added());
            assertEquals(Set.of("rm.txt"), s.removed());
            assertEquals(Set.of("gone.txt"), s.missing());
            assertEquals(Set.of("stray.txt"), s.untracked());
            assertEquals(Set.of(), s.conflicting());
            assertTrue(s.isDirty());
            assertFalse(s.clean());

            String diff = repo.dirtyDiff();
            assertTrue(diff.contains("-one\n+two"), diff);
            assertTrue(diff.contains("deleted file mode") && diff.contains("a/gone.txt"), diff);
            assertTrue(diff.contains("a/rm.txt") && diff.contains("b/new.txt"), diff);
            assertFalse(diff.contains("stray") || diff.contains("keep.txt"), diff);
        }
    }

    @Test
    void untrackedFilesAloneDoNotMakeTheTreeDirty() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit c = TestRepos.commitFile(git, "a.txt", "a\n", "first");
            TestRepos.write(dir, "notes.txt", "scratch\n");
            assertFalse(repo.isDirty());
            assertFalse(repo.status().clean());
            WorkTreeState state = repo.workTreeState();
            assertEquals(new WorkTreeState(c.name(), "main", false, false, ""), state);
        }
    }

    @Test
    void detachedHeadHasNoBranchAndIsRecorded() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit first = TestRepos.commitFile(git, "a.txt", "a\n", "first");
            TestRepos.commitFile(git, "a.txt", "b\n", "second");
            git.checkout().setName(first.name()).call();

            assertTrue(repo.detached());
            assertEquals(Optional.empty(), repo.branch());
            assertEquals(first.name(), repo.head().orElseThrow().sha());
            WorkTreeState state = repo.workTreeState();
            assertTrue(state.detached());
            assertNull(state.branch());
            assertEquals(first.name(), state.commitSha());
            assertFalse(state.dirty());
        }
    }

    @Test
    void statusWorksWhileTheIndexIsLockedAndLeavesTheLock() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "a\n", "first");
            TestRepos.write(dir, "a.txt", "changed\n");
            Path lock = Files.writeString(dir.resolve(".git/index.lock"), "");
            assertEquals(Set.of("a.txt"), repo.status().modified());
            assertTrue(repo.dirtyDiff().contains("+changed"));
            assertTrue(Files.exists(lock));
        }
    }

    @Test
    void conflictsAreReported() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "base\n", "base");
            git.branchCreate().setName("other").call();
            TestRepos.commitFile(git, "a.txt", "main side\n", "main");
            git.checkout().setName("other").call();
            TestRepos.commitFile(git, "a.txt", "other side\n", "other");
            git.checkout().setName("main").call();
            git.merge().include(git.getRepository().resolve("other")).call();

            RepoStatus s = repo.status();
            assertEquals(Set.of("a.txt"), s.conflicting());
            assertEquals(Set.of(), s.modified());
            assertTrue(s.isDirty());
        }
    }
}
