package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tag's files written to a folder from the objects, the project's work tree (dirty or not) left as it is. */
class RevisionSnapshotTest {
    @TempDir
    Path project;

    @TempDir
    Path out;

    @Test
    void writesTheTaggedTreeAndLeavesTheWorkTreeAlone() throws Exception {
        try (GitRepo git = GitRepo.init(project)) {
            Files.createDirectories(project.resolve("data"));
            Files.writeString(project.resolve("mlwb.yaml"), "name: a\n");
            Files.writeString(project.resolve("data/x.csv"), "a,b\n1,2\n");
            String first = git.commit(List.of("mlwb.yaml", "data/x.csv"), "first").sha();
            git.tag("model/m/v1", "v1");
            Files.writeString(project.resolve("data/x.csv"), "a,b\n3,4\n");
            Files.writeString(project.resolve("new.txt"), "later\n");
            git.commit(List.of("data/x.csv", "new.txt"), "second");
            Files.writeString(project.resolve("mlwb.yaml"), "name: dirty\n"); // uncommitted

            Path dir = out.resolve("snap");
            CommitInfo c = RevisionSnapshot.export(git, "model/m/v1", dir);
            assertEquals(first, c.sha());
            assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("data/x.csv")));
            assertEquals("name: a\n", Files.readString(dir.resolve("mlwb.yaml")));
            assertFalse(Files.exists(dir.resolve("new.txt")));
            assertFalse(Files.getPosixFilePermissions(dir.resolve("mlwb.yaml")).contains(
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), "a snapshot is read-only");
            assertEquals("name: dirty\n", Files.readString(project.resolve("mlwb.yaml")), "work tree untouched");
            assertEquals("a,b\n3,4\n", Files.readString(project.resolve("data/x.csv")));
            assertTrue(git.isDirty());

            assertTrue(assertThrows(UserError.class, () -> RevisionSnapshot.export(git, "model/m/v9",
                    out.resolve("other"))).getMessage().contains("is not a commit"));
            assertTrue(assertThrows(UserError.class, () -> RevisionSnapshot.export(git, "model/m/v1", dir))
                    .getMessage().contains("is not empty"));
        }
    }
}
