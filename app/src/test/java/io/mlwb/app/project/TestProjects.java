package io.mlwb.app.project;

import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/** Real git-backed projects in a temp folder, set up with plain JGit (not through the code under test). */
final class TestProjects {
    private TestProjects() {
    }

    /**
     * A project with {@code mlwb.yaml}, {@code .gitignore} (.mlwb/ and *.log), {@code README.md},
     * {@code data/train.csv} and {@code src/model.py}, all committed on {@code main}.
     */
    static Path committed(Path dir) throws Exception {
        GitRepo.init(dir).close(); // creates the repo and the .mlwb/ ignore line
        write(dir, ".gitignore", ".mlwb/\n*.log\n");
        write(dir, "mlwb.yaml", "schema_version: 1\nname: demo\n");
        write(dir, "README.md", "# demo\n");
        write(dir, "data/train.csv", "a,b\n1,2\n");
        write(dir, "src/model.py", "print('hi')\n");
        try (Git git = Git.open(dir.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Ada Tester");
            config.setString("user", null, "email", "ada@example.org");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setSign(false).call();
        }
        return dir;
    }

    /** Stages {@code relative} with plain JGit. */
    static void stage(Path dir, String relative) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern(relative).call();
        }
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
