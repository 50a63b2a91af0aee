package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoIgnoredTest {
    @TempDir
    Path dir;

    @Test
    void ignoredFilesAndFoldersAreListedButNotTrackedOrUntrackedOnes() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            TestRepos.write(dir, ".gitignore", "*.log\nbuild/\n");
            TestRepos.write(dir, "a.txt", "alpha\n");
            TestRepos.write(dir, "debug.log", "noise\n");
            TestRepos.write(dir, "src/deep.log", "noise\n");
            TestRepos.write(dir, "build/out/x.bin", "x\n");
            TestRepos.write(dir, "new.txt", "new\n");
            git.add().addFilepattern(".gitignore").addFilepattern("a.txt").call();
            git.commit().setMessage("base").setSign(false).call();

            assertEquals(Set.of("build", "debug.log", "src/deep.log"), repo.ignoredPaths());
            assertEquals(Set.of("new.txt"), repo.status().untracked());
        }
    }

    @Test
    void ignoredPathsAfterCloseFails() throws Exception {
        try (Git git = TestRepos.newRepo(dir)) {
            GitRepo repo = GitRepo.open(dir);
            repo.close();
            assertThrows(IllegalStateException.class, repo::ignoredPaths);
        }
    }
}
