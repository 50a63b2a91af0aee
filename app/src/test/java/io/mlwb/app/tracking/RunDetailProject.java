package io.mlwb.app.tracking;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingControl;
import io.mlwb.training.engine.TrainingListener;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.eclipse.jgit.api.Git;

/**
 * A real project for the run detail's tests: a git repository (one commit) with {@code mlwb.yaml}, a data file and
 * a spec, and two runs trained by the real training service into the real catalog — one finished, one stopped after
 * its second epoch (resumable from its last checkpoint). Telemetry samples every 20 ms.
 */
final class RunDetailProject implements AutoCloseable {
    final Path root;
    final Catalog catalog;
    final GitRepo repo;
    final TrainingService training;
    final TrainResult finished;
    final TrainResult stopped;
    final String commit;

    RunDetailProject(Path root) throws Exception {
        this.root = root;
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        Files.writeString(root.resolve("mlwb.yaml"), """
                schema_version: 1
                name: detail
                datasets:
                  - name: loans
                    path: data/loans.csv
                    target: y
                """);
        Random r = new Random(4);
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 600; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%d%n", a, b, a + 0.5 * b + 0.5 * r.nextGaussian() > 0
                    ? 1 : 0));
        }
        Files.writeString(root.resolve("data/loans.csv"), sb.toString());
        Files.writeString(root.resolve("training/spec.yaml"), """
                dataset: loans
                model: {type: logistic_regression}
                split: {strategy: random, stratified: true}
                epochs: 4
                batch_size: 32
                checkpoint: {every_epochs: 1, keep_best: 2}
                seed: 3
                device: cpu
                """);
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Ada Tester");
            config.setString("user", null, "email", "ada@example.org");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("project").setSign(false).call().name();
        }
        repo = GitRepo.open(root);
        Project project = Project.load(root);
        catalog = Catalog.open(project.catalogFile());
        training = new TrainingService(project, repo, catalog, new TrainingSettings(0.1, 2.5, 20, true),
                Clock.systemUTC());
        finished = training.train(TrainRequest.spec(Path.of("training/spec.yaml"), List.of()), null, null,
                Progress.NONE);
        TrainingControl control = new TrainingControl();
        stopped = training.train(TrainRequest.spec(Path.of("training/spec.yaml"), List.of()), new TrainingListener() {
            @Override
            public void onEpoch(TrainingListener.EpochReport e) {
                if (e.epoch() == 2) {
                    control.stop();
                }
            }
        }, control, Progress.NONE);
    }

    @Override
    public void close() {
        catalog.close();
        repo.close();
    }
}
