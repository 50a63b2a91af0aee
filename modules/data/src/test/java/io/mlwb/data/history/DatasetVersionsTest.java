package io.mlwb.data.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVersionsTest {
    static final String V1 = "id,age\n1,30\n2,40\n";
    static final String V2 = "id,age,city\n1,30,Oslo\n2,41,Rome\n3,52,Lima\n";
    static final String DIRTY = "id,age,city\n1,x,Oslo\n";

    @TempDir
    Path project;

    @TempDir
    Path temp;

    private final DatasetVersions service = new DatasetVersions();

    private static void write(Path root, String rel, String text) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    @Test
    void listsCommittedVersionsNewestFirstAndTheDirtyWorkingCopy() throws Exception {
        try (GitRepo repo = GitRepo.init(project)) {
            write(project, "data/people.csv", V1);
            CommitInfo c1 = repo.commit(List.of("data/people.csv"), "add people");
            write(project, "notes.txt", "unrelated\n");
            repo.commit(List.of("notes.txt"), "notes");
            write(project, "data/people.csv", V2);
            CommitInfo c2 = repo.commit(List.of("data/people.csv"), "more people, a city column");

            List<DatasetVersion> clean = service.versions(repo, "data/people.csv", 10);
            assertEquals(List.of(c2.sha(), c1.sha()), clean.stream().map(DatasetVersion::commitSha).toList(),
                    "a clean working copy adds no version");
            assertEquals("more people, a city column", clean.get(0).message());
            assertEquals(c2.time(), clean.get(0).time());

            write(project, "data/people.csv", DIRTY);
            List<DatasetVersion> all = service.versions(repo, "data/people.csv", 10);
            assertEquals(3, all.size());
            DatasetVersion working = all.get(0);
            assertTrue(working.workingTree());
            assertNull(working.commitSha());
            assertEquals("Uncommitted changes", working.message());
            assertEquals(c2.sha(), all.get(1).commitSha());
            assertEquals(List.of(c2.sha()), service.versions(repo, "data/people.csv", 1).stream()
                    .filter(v -> !v.workingTree()).map(DatasetVersion::commitSha).toList());

            assertEquals(V1, Files.readString(service.materialize(repo, all.get(2), temp)));
            assertEquals(V2, Files.readString(service.materialize(repo, all.get(1), temp)));
            Path w = service.materialize(repo, working, temp);
            assertEquals(DIRTY, Files.readString(w));
            assertTrue(w.getFileName().toString().endsWith("people.csv"), "keeps the extension: " + w);
            assertFalse(all.get(1).blobId().equals(all.get(2).blobId()));
        }
    }

    @Test
    void anUntrackedFileIsOneWorkingVersionAndAMissingOneIsAnError() throws Exception {
        try (GitRepo repo = GitRepo.init(project)) {
            write(project, "new.csv", V1);
            List<DatasetVersion> versions = service.versions(repo, "new.csv", 10);
            assertEquals(1, versions.size());
            assertEquals("Not committed", versions.get(0).message());
            UserError e = assertThrows(UserError.class, () -> service.versions(repo, "missing.csv", 10));
            assertTrue(e.getMessage().contains("missing.csv"), e.getMessage());
        }
    }
}
