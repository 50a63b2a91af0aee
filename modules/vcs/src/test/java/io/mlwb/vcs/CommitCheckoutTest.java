package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking a run's commit out, on real JGit repositories: into a new branch (refused when dirty) or a new worktree. */
class CommitCheckoutTest {
    @TempDir
    Path dir;

    private RevCommit first;
    private RevCommit second;

    private Git repoWithTwoCommits(Path root) throws Exception {
        Git git = TestRepos.newRepo(root);
        first = TestRepos.commitFile(git, "train.yaml", "epochs: 3\n", "first");
        second = TestRepos.commitFile(git, "train.yaml", "epochs: 9\n", "second");
        return git;
    }

    @Test
    void intoBranchChecksTheCommitOutOnANewBranch() throws Exception {
        Path root = dir.resolve("p");
        try (Git git = repoWithTwoCommits(root); GitRepo repo = GitRepo.open(root)) {
            CommitInfo c = CommitCheckout.intoBranch(repo, first.name().substring(0, 10), "rerun/run-7");
            assertEquals(first.name(), c.sha());
            assertEquals("rerun/run-7", git.getRepository().getBranch());
            assertEquals("epochs: 3\n", Files.readString(root.resolve("train.yaml")));
            assertFalse(repo.isDirty());
            assertEquals(second.name(), git.getRepository().resolve("main").name(), "main is left where it was");
        }
    }

    @Test
    void intoBranchIsRefusedWhenTheTreeIsDirtyAndLeavesItAlone() throws Exception {
        Path root = dir.resolve("p");
        try (Git git = repoWithTwoCommits(root); GitRepo repo = GitRepo.open(root)) {
            Files.writeString(root.resolve("train.yaml"), "epochs: 100\n");
            UserError e = assertThrows(UserError.class, () -> CommitCheckout.intoBranch(repo, first.name(), "x"));
            assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
            assertTrue(e.whatToDo().contains("worktree"), e.whatToDo());
            assertEquals("main", git.getRepository().getBranch());
            assertEquals("epochs: 100\n", Files.readString(root.resolve("train.yaml")), "the change is kept");
            assertEquals(null, git.getRepository().exactRef("refs/heads/x"), "no branch was made");
        }
    }

    @Test
    void badNamesExistingBranchesAndUnknownCommitsAreUserErrors() throws Exception {
        Path root = dir.resolve("p");
        try (Git git = repoWithTwoCommits(root); GitRepo repo = GitRepo.open(root)) {
            assertThrows(UserError.class, () -> CommitCheckout.intoBranch(repo, first.name(), "has space"));
            assertThrows(UserError.class, () -> CommitCheckout.intoBranch(repo, first.name(), "main"));
            UserError e = assertThrows(UserError.class, () -> CommitCheckout.intoBranch(repo, "deadbeef", "y"));
            assertTrue(e.getMessage().contains("not in this repository"), e.getMessage());
            Path full = dir.resolve("full");
            Files.createDirectories(full);
            Files.writeString(full.resolve("x"), "x");
            assertThrows(UserError.class, () -> CommitCheckout.intoWorktree(repo, first.name(), "z", full));
            assertThrows(UserError.class, () -> CommitCheckout.intoWorktree(repo, first.name(), "z",
                    root.resolve("inside")));
        }
    }

    @Test
    void intoWorktreeMakesALinkedWorkTreeAndLeavesTheDirtyProjectAlone() throws Exception {
        Path root = dir.resolve("p");
        Path wt = dir.resolve("rerun");
        try (Git git = repoWithTwoCommits(root); GitRepo repo = GitRepo.open(root)) {
            Files.writeString(root.resolve("train.yaml"), "epochs: 100\n"); // dirty: fine for a worktree
            CommitInfo c = CommitCheckout.intoWorktree(repo, first.name(), "rerun-7", wt);
            assertEquals(first.name(), c.sha());
            assertEquals("epochs: 3\n", Files.readString(wt.resolve("train.yaml")));
            assertTrue(Files.readString(wt.resolve(".git")).startsWith("gitdir: "));
            assertEquals("epochs: 100\n", Files.readString(root.resolve("train.yaml")), "the project is untouched");
            assertEquals("main", git.getRepository().getBranch());
            try (Repository linked = new FileRepositoryBuilder().findGitDir(wt.toFile()).setMustExist(true).build();
                 Git lg = new Git(linked)) {
                assertEquals("rerun-7", linked.getBranch());
                assertEquals(first.name(), linked.resolve("HEAD").name());
                assertTrue(lg.status().call().isClean(), "the new worktree is clean");
            }
            assertEquals(first.name(), git.getRepository().resolve("refs/heads/rerun-7").name(),
                    "the branch lives in the shared repository");
            String list = gitWorktreeList(root);
            if (list != null) { // the git binary, where installed, sees it as one of its worktrees
                assertTrue(list.contains(wt.toRealPath().toString()) && list.contains("[rerun-7]"), list);
            }
            CommitCheckout.intoWorktree(repo, second.name(), "rerun-8", dir.resolve("again"));
            assertEquals("epochs: 9\n", Files.readString(dir.resolve("again/train.yaml")));
        }
    }

    private static String gitWorktreeList(Path root) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("git", "worktree", "list").directory(root.toFile()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return null; // no git binary
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "git failed: " + out;
    }
}
