package io.mlwb.deploy;

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
 * The bundled credit-risk sample project copied into a temporary git repository, its MLP spec really trained (two
 * epochs) and registered as {@code credit-risk@1}, as a person would do it in the app.
 */
final class CreditRisk {
    static final Path SAMPLE = Path.of("../../sample-projects/credit-risk");

    private CreditRisk() {
    }

    /** Copies the sample (mlwb.yaml, the 2023 data, the specs) into {@code root} and commits it. */
    static Project copy(Path root) throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.copy(SAMPLE.resolve("mlwb.yaml"), root.resolve("mlwb.yaml"));
        Files.copy(SAMPLE.resolve("data/applications_2023.csv"), root.resolve("data/applications_2023.csv"));
        Files.copy(SAMPLE.resolve("training/mlp.yaml"), root.resolve("training/mlp.yaml"));
        Files.copy(SAMPLE.resolve("training/logistic_baseline.yaml"), root.resolve("training/logistic_baseline.yaml"));
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(root)) {
            git.commit(List.of("mlwb.yaml", "data/applications_2023.csv", "training/mlp.yaml",
                    "training/logistic_baseline.yaml", ".gitignore"), "credit-risk sample");
        }
        return Project.load(root);
    }

    /** Trains {@code training/<spec>.yaml} for two epochs and registers it as the next credit-risk version. */
    static TrainResult trainAndRegister(Catalog catalog, Project project, String spec) {
        TrainingSettings base = TrainingSettings.current();
        TrainResult r;
        try (GitRepo git = GitRepo.open(project.root())) {
            r = new TrainingService(project, git, catalog, new TrainingSettings(base.cpuHourUsd(), base.gpuHourUsd(),
                    0, true), Clock.systemUTC()).train(TrainRequest.spec(Path.of("training/" + spec + ".yaml"),
                    List.of("epochs=2")), null, null, Progress.NONE);
        }
        ModelRegistry.of(catalog, project).register(r.runId(), "credit-risk", null, null, true, "tester");
        return r;
    }
}
