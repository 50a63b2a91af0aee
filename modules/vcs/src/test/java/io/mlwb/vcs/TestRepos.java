package io.mlwb.vcs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/** Sets up real repositories with JGit for tests; the identity is fixed so commits are deterministic. */
final class TestRepos {
    static final String NAME = "Ada Tester";
    static final String EMAIL = "ada@example.org";

    private TestRepos() {
    }

    /** A fresh non-bare repository on branch {@code main} with user.name/email in its own config. */
    static Git newRepo(Path dir) throws GitAPIException, IOException {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", NAME);
        config.setString("user", null, "email", EMAIL);
        config.setBoolean("commit", null, "gpgsign", false);
        config.save();
        return git;
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes and commits files with plain JGit (not through the code under test). */
    static RevCommit commitFile(Git git, String relative, String content, String message)
            throws IOException, GitAPIException {
        write(git.getRepository().getWorkTree().toPath(), relative, content);
        git.add().addFilepattern(relative).call();
        return git.commit().setMessage(message).setSign(false).call();
    }
}
