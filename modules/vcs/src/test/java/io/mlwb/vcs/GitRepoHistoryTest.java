package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoHistoryTest {
    @TempDir
    Path dir;

    @Test
    void historyIsNewestFirstAndPaged() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit[] made = new RevCommit[5];
            for (int i = 0; i < made.length; i++) {
                made[i] = TestRepos.commitFile(git, "f.txt", "v" + i + "\n", "commit " + i);
            }
            List<CommitInfo> all = repo.history(0, 100);
            assertEquals(5, all.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(made[4 - i].name(), all.get(i).sha());
            }
            assertEquals(List.of(all.get(2), all.get(3)), repo.history(2, 2));
            assertEquals(List.of(all.get(4)), repo.history(4, 10));
            assertEquals(List.of(), repo.history(5, 10));
            assertEquals(List.of(), repo.history(0, 0));
            assertThrows(UserError.class, () -> repo.history(-1, 10));
            assertEquals("commit 4", all.get(0).shortMessage());
        }
    }

    @Test
    void changedFilesComparesWithFirstParentOrListsAllForRootCommit() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.write(dir, "a.txt", "a\n");
            TestRepos.write(dir, "dir/b.txt", "b\n");
            TestRepos.write(dir, "dir/same.txt", "unchanged\n");
            git.add().addFilepattern(".").call();
            RevCommit root = git.commit().setMessage("root").setSign(false).call();
            Files.delete(dir.resolve("a.txt"));
            TestRepos.write(dir, "dir/b.txt", "b2\n");
            TestRepos.write(dir, "c.txt", "c\n");
            git.add().addFilepattern(".").setUpdate(true).call();
            git.add().addFilepattern("c.txt").call();
            RevCommit second = git.commit().setMessage("second").setSign(false).call();

            assertEquals(List.of("a.txt", "dir/b.txt", "dir/same.txt"), repo.changedFiles(root.name()));
            assertEquals(List.of("a.txt", "c.txt", "dir/b.txt"), repo.changedFiles(second.abbreviate(8).name()));
        }
    }

    @Test
    void commitDiffShowsTheChangeAgainstTheFirstParentOrTheEmptyTree() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit root = TestRepos.commitFile(git, "a.txt", "one\n", "first");
            RevCommit second = TestRepos.commitFile(git, "a.txt", "two\n", "second");

            String rootDiff = repo.commitDiff(root.name());
            assertTrue(rootDiff.contains("+++ b/a.txt") && rootDiff.contains("+one"), rootDiff);
            String diff = repo.commitDiff(second.abbreviate(7).name());
            assertTrue(diff.contains("-one") && diff.contains("+two"), diff);
            assertThrows(UserError.class, () -> repo.commitDiff("deadbeefdeadbeef"));
            assertEquals(repo.history(1, 1).get(0), repo.commitInfo(root.abbreviate(7).name()));
            assertThrows(UserError.class, () -> repo.commitInfo("deadbeefdeadbeef"));
        }
    }

    @Test
    void unknownCommitIsAUserError() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "a\n", "first");
            UserError e = assertThrows(UserError.class, () -> repo.changedFiles("deadbeefdeadbeef"));
            assertTrue(e.getMessage().contains("deadbeefdeadbeef"), e.getMessage());
            assertThrows(UserError.class, () -> repo.changedFiles("no such:: rev"));
        }
    }

    @Test
    void tagsAnnotatedOnHeadAndListsAllTags() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit first = TestRepos.commitFile(git, "a.txt", "a\n", "first");
            git.tag().setName("light").setAnnotated(false).call();
            RevCommit second = TestRepos.commitFile(git, "a.txt", "b\n", "second");

            TagInfo made = repo.tag("v1.0", "Model v1 shipped");
            assertEquals(new TagInfo("v1.0", second.name(), true, "Model v1 shipped"), made);
            List<TagInfo> tags = repo.tags();
            assertEquals(List.of(new TagInfo("light", first.name(), false, ""), made), tags);
            assertEquals(TestRepos.NAME, git.getRepository().parseCommit(second).getAuthorIdent().getName());

            UserError dup = assertThrows(UserError.class, () -> repo.tag("v1.0", "again"));
            assertEquals("Tag 'v1.0' already exists.", dup.getMessage());
            assertThrows(UserError.class, () -> repo.tag("bad name..", "x"));
            assertThrows(UserError.class, () -> repo.tag("v2", " "));
        }
    }

    @Test
    void tagRefLockIsAUserErrorAndStays() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.commitFile(git, "a.txt", "a\n", "first");
            Path lock = Files.writeString(dir.resolve(".git/refs/tags/v1.lock"), "");
            UserError e = assertThrows(UserError.class, () -> repo.tag("v1", "first"));
            assertTrue(e.getMessage().contains(lock.toString()), e.getMessage());
            assertTrue(Files.exists(lock));
            assertEquals(List.of(), repo.tags());
        }
    }

    @Test
    void taggingAnUnbornBranchIsAUserError() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            UserError e = assertThrows(UserError.class, () -> repo.tag("v1", "first"));
            assertTrue(e.getMessage().contains("no commit to tag"), e.getMessage());
            assertEquals(List.of(), repo.tags());
        }
    }
}
