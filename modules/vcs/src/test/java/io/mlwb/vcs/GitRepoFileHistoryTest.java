package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoFileHistoryTest {
    @TempDir
    Path dir;

    @TempDir
    Path out;

    @Test
    void fileHistoryListsOnlyCommitsThatChangedTheFileNewestFirst() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit v1 = TestRepos.commitFile(git, "data/a.csv", "x\n1\n", "first");
            TestRepos.commitFile(git, "other.txt", "unrelated\n", "other file");
            RevCommit v2 = TestRepos.commitFile(git, "data/a.csv", "x\n1\n2\n", "second");
            TestRepos.commitFile(git, "data/b.csv", "y\n", "sibling");

            List<FileVersion> versions = repo.fileHistory("data/a.csv", 10);
            assertEquals(List.of(v2.name(), v1.name()), versions.stream().map(v -> v.commit().sha()).toList());
            assertEquals("second", versions.get(0).commit().shortMessage());
            assertEquals("data/a.csv", versions.get(0).path());
            Path written = dir.resolve("check.csv");
            Files.writeString(written, "x\n1\n2\n", StandardCharsets.UTF_8);
            assertEquals(Fingerprints.fingerprint(written).gitBlobId(), versions.get(0).blobId());
            assertEquals(List.of(v2.name()), repo.fileHistory("data/a.csv", 1).stream()
                    .map(v -> v.commit().sha()).toList());
            assertEquals(List.of(), repo.fileHistory("data/a.csv", 0));
            assertEquals(List.of(), repo.fileHistory("never.csv", 10));
            assertEquals(List.of(), repo.fileHistory("data", 10), "a folder has no blob versions");
            assertThrows(UserError.class, () -> repo.fileHistory("data/a.csv", -1));
            assertThrows(UserError.class, () -> repo.fileHistory("../outside.csv", 5));
        }
    }

    @Test
    void deletionIsNotAVersionAndRecreationIs() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            RevCommit v1 = TestRepos.commitFile(git, "a.csv", "x\n1\n", "add");
            git.rm().addFilepattern("a.csv").call();
            git.commit().setMessage("delete").setSign(false).call();
            RevCommit v3 = TestRepos.commitFile(git, "a.csv", "x\n3\n", "re-add");
            assertEquals(List.of(v3.name(), v1.name()),
                    repo.fileHistory("a.csv", 10).stream().map(v -> v.commit().sha()).toList());
        }
    }

    @Test
    void blobIdAtRevisionAndWriteBlobRestoresOldBytes() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            assertEquals(Optional.empty(), repo.blobId("HEAD", "a.csv"), "unborn branch");
            RevCommit v1 = TestRepos.commitFile(git, "a.csv", "x\n1\n", "first");
            TestRepos.commitFile(git, "a.csv", "x\n2\n", "second");
            String oldBlob = repo.blobId(v1.name(), "a.csv").orElseThrow();
            assertTrue(repo.blobId("HEAD", "missing.csv").isEmpty());
            assertTrue(!oldBlob.equals(repo.blobId("HEAD", "a.csv").orElseThrow()));

            Path target = out.resolve("sub/old.csv");
            repo.writeBlob(oldBlob, target);
            assertEquals("x\n1\n", Files.readString(target, StandardCharsets.UTF_8));
            repo.writeBlob(repo.blobId("HEAD", "a.csv").orElseThrow(), target);
            assertEquals("x\n2\n", Files.readString(target, StandardCharsets.UTF_8), "replaces the file");

            assertThrows(UserError.class, () -> repo.writeBlob("not-an-id", target));
            assertThrows(UserError.class, () -> repo.writeBlob("0".repeat(40), target));
            assertThrows(UserError.class, () -> repo.writeBlob(v1.name(), target), "a commit is not a blob");
            assertThrows(UserError.class, () -> repo.blobId("nope", "a.csv"));
        }
    }
}
