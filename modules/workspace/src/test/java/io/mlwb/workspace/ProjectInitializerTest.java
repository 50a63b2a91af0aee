package io.mlwb.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Initializing and adopting projects in real folders, repositories and catalogs. */
class ProjectInitializerTest {
    @TempDir
    Path tmp;

    private final ProjectInitializer initializer = new ProjectInitializer("test");

    @Test
    void initCreatesRepositoryConfigCatalogCommitAndFirstAuditEntry() {
        ProjectInitializer.Initialized done = initializer.init(tmp.resolve("p"), "credit");
        assertEquals("credit", done.name());
        assertTrue(Files.isRegularFile(done.root().resolve("mlwb.yaml")));
        try (GitRepo repo = GitRepo.open(done.root())) {
            assertEquals(1, repo.history(0, 10).size());
            assertEquals(done.commit().sha(), repo.head().orElseThrow().sha());
            assertTrue(repo.status().clean(), repo.status().toString());
        }
        try (Catalog catalog = Catalog.open(done.catalogFile())) {
            AuditLog log = new AuditLog(catalog);
            assertEquals(1, log.count());
            assertEquals("project.create", log.list(0, 1).get(0).action());
            assertTrue(log.verify().ok());
        }
    }

    @Test
    void initRefusesAnExistingProjectAndADetachedHeadBeforeWritingAnything() throws Exception {
        Path p = tmp.resolve("p");
        initializer.init(p, null);
        assertThrows(UserError.class, () -> initializer.init(p, null));

        Path q = tmp.resolve("q");
        try (Git git = Git.init().setDirectory(q.toFile()).setInitialBranch("main").call()) {
            Files.writeString(q.resolve("a.txt"), "a");
            git.add().addFilepattern("a.txt").call();
            String sha = git.commit().setMessage("a").setAuthor("t", "t@e").setCommitter("t", "t@e").call().getName();
            git.checkout().setName(sha).call();
        }
        UserError e = assertThrows(UserError.class, () -> initializer.init(q, "q"));
        assertTrue(e.getMessage().contains("detached"), e.getMessage());
        assertFalse(Files.exists(q.resolve("mlwb.yaml")), "nothing written when the commit cannot happen");
    }

    @Test
    void adoptCommitsEveryFileOfAFolderHoldingMlwbYaml() throws Exception {
        Path s = tmp.resolve("sample");
        Files.createDirectories(s.resolve("data"));
        Files.writeString(s.resolve("mlwb.yaml"), "name: sample\n");
        Files.writeString(s.resolve("data/x.csv"), "a,b\n1,2\n");
        ProjectInitializer.Initialized done = initializer.adopt(s, "Add sample");
        try (GitRepo repo = GitRepo.open(s)) {
            assertTrue(repo.status().clean(), repo.status().toString());
            assertTrue(repo.changedFiles(done.commit().sha()).contains("data/x.csv"));
            assertTrue(repo.changedFiles(done.commit().sha()).contains(".gitignore"));
        }
        assertTrue(Files.isRegularFile(s.resolve(".mlwb/catalog.db")));
    }
}
