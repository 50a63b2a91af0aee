package io.mlwb.training.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the best epoch is not the last, the run's evaluation and test predictions are those of the restored best
 * weights, which are also what model.zip holds. (DJL's ParameterStore kept serving the last epoch's arrays after the
 * restore, so the recorded predictions and the saved model disagreed.)
 */
class BestEpochRestoreTest {
    @TempDir
    Path root;

    @Test
    void savedModelScoresTheTestSplitAsTheRunDid() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/loans.csv"), TrainingServiceTest.loans(600, 5));
        Files.createDirectories(root.resolve("training"));
        // no later epoch betters the first by min_delta: the first is the best, so the restore goes back five epochs
        Files.writeString(root.resolve("training/s.yaml"), """
                dataset: {name: loans, path: data/loans.csv}
                target: defaulted
                split: {strategy: random, stratified: true}
                model: {type: logistic_regression}
                optimizer: {type: adam, learning_rate: 0.05}
                batch_size: 32
                epochs: 6
                early_stopping: {metric: val_loss, mode: min, patience: 50, min_delta: 10}
                seed: 9
                device: cpu
                """);
        Project project = new Project(root, ProjectConfig.named("t"), List.of());
        TrainResult r = new TrainingService(project, null, null, new TrainingSettings(0.1, 2.5, 0, false),
                Clock.systemUTC()).train(TrainRequest.spec(Path.of("training/s.yaml"), List.of()), null, null,
                Progress.NONE);
        assertEquals(6, r.epochs());
        assertTrue(r.bestEpoch() < 6, "best epoch " + r.bestEpoch());
        DataTable table = new TableReader().read(root.resolve("data/loans.csv"), ReadOptions.defaults(),
                Progress.NONE).table();
        List<String> lines = Files.readAllLines(r.runDir().resolve("predictions-test.csv"));
        List<String> head = List.of(lines.get(0).split(","));
        try (SavedModel m = SavedModel.load(r.model())) {
            SavedModel.Scores s = m.predict(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                int row = Integer.parseInt(f[head.indexOf("row")]) - 1;
                assertEquals(Double.parseDouble(f[head.indexOf("prediction")]), s.score()[row], 1e-6, "row " + row);
            }
        }
    }
}
