package io.mlwb.training.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.training.sweep.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sweep: every trial trains through the training service as a child run of the sweep's run. */
class SweepServiceTest {
    @TempDir
    Path root;

    @Test
    void trialsAreChildRunsAndTheBestIsMarked() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training/sweeps"));
        Files.writeString(root.resolve("data/loans.csv"), TrainingServiceTest.loans(600, 4));
        Files.writeString(root.resolve("training/base.yaml"), """
                dataset: {name: loans, path: data/loans.csv}
                target: defaulted
                split: {strategy: random, stratified: true}
                model: {type: logistic_regression}
                optimizer: {type: adam, learning_rate: 0.01}
                epochs: 3
                seed: 1
                device: cpu
                """);
        Files.writeString(root.resolve("training/sweeps/s.yaml"), """
                spec: ../base.yaml
                metric: val_auc
                mode: max
                sampler: grid
                parameters:
                  optimizer.learning_rate: { choice: [0.001, 0.05] }
                """);
        Project project = new Project(root, ProjectConfig.named("s"), List.of());
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainingService training = new TrainingService(project, null, catalog,
                    new TrainingSettings(0.1, 2.5, 0, true), Clock.systemUTC());
            SweepService.Outcome o = new SweepService(project, catalog, training, Clock.systemUTC())
                    .run(Path.of("training/sweeps/s.yaml"), null, Progress.NONE);
            assertEquals(2, o.result().trials().size());
            RunRepository runs = new RunRepository(catalog);
            List<RunRecord> children = runs.children(o.parentRunId());
            assertEquals(2, children.size());
            assertEquals(RunStatus.FINISHED, runs.get(o.parentRunId()).orElseThrow().status());
            Trial best = o.result().best().orElseThrow();
            assertEquals("true", runs.tags(Long.parseLong(best.runId())).get("mlwb.sweep.best"));
            assertEquals("sweep", runs.tags(o.parentRunId()).get("mlwb.kind"));
            for (Trial t : o.result().trials()) {
                assertTrue(t.value() != null && t.value() > 0.5, t.toString());
            }
        }
    }
}
