package io.mlwb.app.git;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.core.job.Job;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/** Real git projects in a temp folder for the git feature's tests, and jobs that run when the test says so. */
final class GitTestProjects {
    static final String NAME = "Ada Lovelace";
    static final String EMAIL = "ada@example.com";

    private GitTestProjects() {
    }

    /**
     * Makes {@code dir} a workbench project: git repository on {@code main}, author Ada in the repository config,
     * {@code mlwb.yaml} ({@code name: test}) and {@code .gitignore} committed as "Initial commit".
     */
    static void create(Path dir) throws IOException {
        try (GitRepo repo = GitRepo.init(dir)) {
            try (Git git = Git.open(dir.toFile())) {
                StoredConfig config = git.getRepository().getConfig();
                config.setString("user", null, "name", NAME);
                config.setString("user", null, "email", EMAIL);
                config.setBoolean("commit", null, "gpgsign", false);
                config.save();
            }
            write(dir, "mlwb.yaml", "name: test\n");
            repo.commit(List.of("mlwb.yaml", ".gitignore"), "Initial commit");
        }
    }

    /** Adds {@code count} empty commits "commit 0".."commit n-1" (fast: no files). */
    static void emptyCommits(Path dir, int count) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            for (int i = 0; i < count; i++) {
                git.commit().setMessage("commit " + i).setAllowEmpty(true).setSign(false).call();
            }
        }
    }

    /** Writes a file (creating folders) and returns it. */
    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Checks out HEAD's commit directly, so HEAD is detached. */
    static void detachHead(Path dir) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            String head = git.getRepository().resolve("HEAD").name();
            git.checkout().setName(head).call();
        }
    }

    /** @return HEAD's full message */
    static String headMessage(Path dir) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            return git.log().setMaxCount(1).call().iterator().next().getFullMessage();
        }
    }

    /** Jobs that wait until {@link #runNext()}: lets a test finish them out of order. */
    static final class DeferredJobs implements UiJobs {
        private final List<Runnable> pending = new ArrayList<>();
        /** Runs each job when the test says, reporting as the real runner does. */
        private final InlineJobs inline = new InlineJobs();

        @Override
        public <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            pending.add(() -> inline.run(title, job, onSuccess, onFailure));
            return new JobHandle() {
                @Override
                public void cancel() {
                    // not needed by the tests
                }

                @Override
                public boolean done() {
                    return false;
                }
            };
        }

        /** Runs and forgets the job started {@code index}-th among those still pending. */
        void run(int index) {
            pending.remove(index).run();
        }

        /** @return how many jobs wait */
        int pending() {
            return pending.size();
        }
    }
}
