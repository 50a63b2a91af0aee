package io.mlwb.app.deploy;

import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The bundled credit-risk sample (risk tier high) copied into a temporary git repository and opened as the workbench
 * opens it, with the MLP spec really trained for two epochs and registered as {@code credit-risk@1} (no model card:
 * it can only go out as staging).
 */
final class DeployProject implements AutoCloseable {
    private static final Path SAMPLE = Path.of("../sample-projects/credit-risk");

    final Path root;
    final OpenProject project;
    final Catalog catalog;
    final TrainResult run;

    DeployProject(Path root) throws Exception {
        this.root = root;
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.copy(SAMPLE.resolve("mlwb.yaml"), root.resolve("mlwb.yaml"));
        Files.copy(SAMPLE.resolve("data/applications_2023.csv"), root.resolve("data/applications_2023.csv"));
        Files.copy(SAMPLE.resolve("training/mlp.yaml"), root.resolve("training/mlp.yaml"));
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(root)) {
            git.commit(List.of("mlwb.yaml", "data/applications_2023.csv", "training/mlp.yaml", ".gitignore"),
                    "credit-risk sample");
        }
        project = OpenProject.open(root);
        catalog = project.catalog().orElseThrow();
        Project p = project.config().orElseThrow();
        TrainingSettings base = TrainingSettings.current();
        run = new TrainingService(p, project.repo(), catalog, new TrainingSettings(base.cpuHourUsd(),
                base.gpuHourUsd(), 0, true), Clock.systemUTC()).train(TrainRequest.spec(Path.of("training/mlp.yaml"),
                List.of("epochs=2")), null, null, Progress.NONE);
        ModelRegistry.of(catalog, p).register(run.runId(), "credit-risk", null, null, true, "tester");
    }

    @Override
    public void close() {
        project.close();
    }
}
