package io.mlwb.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoAuthorTest {
    @TempDir
    Path dir;

    @Test
    void authorComesFromRepositoryConfig() throws Exception {
        try (Git git = TestRepos.newRepo(dir); GitRepo repo = GitRepo.open(dir)) {
            assertEquals(new Author(TestRepos.NAME, TestRepos.EMAIL), repo.author());
        }
    }

    /** With no user/system config and no environment, the OS user and user@hostname are used. */
    @Test
    void fallsBackToSystemUserAndHostWhenNothingIsConfigured() throws Exception {
        Path emptyConfigs = dir.resolve("configs");
        java.nio.file.Files.createDirectories(emptyConfigs);
        SystemReader original = SystemReader.getInstance();
        SystemReader.setInstance(new SystemReader.Delegate(original) {
            @Override
            public FileBasedConfig openUserConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, emptyConfigs.resolve("user").toFile(), fs);
            }

            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, emptyConfigs.resolve("system").toFile(), fs);
            }

            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, emptyConfigs.resolve("jgit").toFile(), fs);
            }

            @Override
            public String getenv(String variable) {
                return variable.startsWith("GIT_") ? null : super.getenv(variable);
            }

            @Override
            public String getProperty(String key) {
                return "user.name".equals(key) ? "modeller" : super.getProperty(key);
            }

            @Override
            public String getHostname() {
                return "workstation.example";
            }
        });
        try {
            Path project = dir.resolve("project");
            try (GitRepo repo = GitRepo.init(project)) {
                Author expected = new Author("modeller", "modeller@workstation.example");
                assertEquals(expected, repo.author());
                CommitInfo c = repo.commit(List.of(".gitignore"), "Ignore the catalog");
                assertEquals(expected.name(), c.authorName());
                assertEquals(expected.email(), c.authorEmail());
            }
        } finally {
            SystemReader.setInstance(original);
        }
    }
}
