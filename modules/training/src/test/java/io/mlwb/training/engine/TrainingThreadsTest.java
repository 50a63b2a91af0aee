package io.mlwb.training.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs trained one after another on different threads (the app's job pool) all finish: PyTorch's grad mode is per
 * thread, and a thread other than the one that loaded the engine starts with it on.
 */
class TrainingThreadsTest {
    @TempDir
    Path root;

    @Test
    void runsOnFreshThreadsAllTrain() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/loans.csv"), TrainingServiceTest.loans(400, 3));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve("training/s.yaml"), """
                dataset: {name: loans, path: data/loans.csv}
                target: defaulted
                split: {strategy: random, stratified: true}
                model: {type: mlp, layers: [8], dropout: 0.0, batch_norm: false}
                optimizer: {type: adam, learning_rate: 0.01}
                batch_size: 64
                epochs: 2
                seed: 5
                device: cpu
                """);
        Project project = new Project(root, ProjectConfig.named("t"), List.of());
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainingService service = new TrainingService(project, null, catalog,
                    new TrainingSettings(0.1, 2.5, 0, true), Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                ExecutorService fresh = Executors.newSingleThreadExecutor(); // a new thread each time
                try {
                    TrainResult r = fresh.submit(() -> service.train(TrainRequest.spec(Path.of("training/s.yaml"),
                            List.of()), null, null, Progress.NONE)).get(120, TimeUnit.SECONDS);
                    assertEquals(RunStatus.FINISHED, r.status(), "run " + i);
                } finally {
                    fresh.shutdownNow();
                }
            }
            TrainingControl control = new TrainingControl();
            TrainingListener stopAfter1 = new TrainingListener() {
                @Override
                public void onEpoch(EpochReport e) {
                    control.stop();
                }
            };
            TrainResult stopped = onFreshThread(() -> service.train(TrainRequest.spec(Path.of("training/s.yaml"),
                    List.of()), stopAfter1, control, Progress.NONE));
            assertEquals(RunStatus.STOPPED, stopped.status());
            TrainResult resumed = onFreshThread(() -> service.train(TrainRequest.resume(stopped.runId()), null, null,
                    Progress.NONE));
            assertEquals(RunStatus.FINISHED, resumed.status(), "resumed on yet another thread");
        }
    }

    private static TrainResult onFreshThread(java.util.concurrent.Callable<TrainResult> work) throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            return fresh.submit(work).get(120, TimeUnit.SECONDS);
        } finally {
            fresh.shutdownNow();
        }
    }
}
