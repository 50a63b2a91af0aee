package io.mlwb.serving;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A real model trained for the tests (a small MLP on generated churn data with a number, a category, a
 * boolean and missing cells), with its data file and the run's test predictions.
 *
 * @param root        the project folder
 * @param data        the CSV it was trained on
 * @param model       the run's model.zip
 * @param predictions the run's predictions-test.csv (the in-app predictions)
 */
record TinyModel(Path root, Path data, Path model, Path predictions) {

    static String csv(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("tenure,plan,calls,member,churned\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int plan = r.nextInt(3);
            int calls = r.nextInt(6);
            boolean member = r.nextBoolean();
            double z = -1 - 0.05 * tenure + 0.5 * calls + (plan == 0 ? 0.8 : 0) - (member ? 0.5 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i % 41 == 0 ? "" : String.format(Locale.ROOT, "%.1f", tenure)).append(',')
                    .append(plans[plan]).append(',').append(calls).append(',').append(member).append(',')
                    .append(y).append('\n');
        }
        return sb.toString();
    }

    static TinyModel train(Path root) throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Path data = root.resolve("data/churn.csv");
        Files.writeString(data, csv(400, 5));
        Files.writeString(root.resolve("training/logistic.yaml"), """
                dataset: {name: churn, path: data/churn.csv}
                target: churned
                split: {strategy: random, stratified: true, validation_fraction: 0.15, test_fraction: 0.25}
                model: {type: mlp, layers: [8], dropout: 0.0, batch_norm: false}
                optimizer: {type: adamw, learning_rate: 0.05}
                batch_size: 64
                epochs: 5
                early_stopping: {metric: val_loss, mode: min, patience: 50}
                seed: 3
                device: cpu
                """);
        Project project = new Project(root, ProjectConfig.named("churn"), List.of());
        TrainingSettings base = TrainingSettings.current();
        TrainResult r = new TrainingService(project, null, null,
                new TrainingSettings(base.cpuHourUsd(), base.gpuHourUsd(), 0, false), Clock.systemUTC())
                .train(TrainRequest.spec(Path.of("training/logistic.yaml"), List.of()), null, null, Progress.NONE);
        return new TinyModel(root, data, r.model(), r.runDir().resolve("predictions-test.csv"));
    }
}
