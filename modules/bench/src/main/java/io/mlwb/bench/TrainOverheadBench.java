package io.mlwb.bench;

import io.mlwb.catalog.Catalog;
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
 * The same training with and without our recording (catalog run, per-step and per-epoch metrics through the batched
 * writer, checkpoints, artifacts, audit) and telemetry, alternating in one JVM after a warm-up; medians of the wall
 * times. Target: recording costs at most 5 % of the wall time.
 */
final class TrainOverheadBench implements Benchmark {
    static final double TARGET_PERCENT = 5;
    private static final int REPS = 5;

    @Override
    public String name() {
        return "train-overhead";
    }

    @Override
    public String description() {
        return "an MLP on 24,000 rows x 12 columns, 20 epochs (a typical run), with and without recording + telemetry; target <= 5 %";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        int rows = size > 0 ? (int) size : 24_000;
        Files.createDirectories(workDir.resolve("data"));
        Files.createDirectories(workDir.resolve("training"));
        Files.writeString(workDir.resolve("data/train.csv"), data(rows));
        Files.writeString(workDir.resolve("training/mlp.yaml"), """
                dataset: {name: train, path: data/train.csv}
                target: y
                split: {strategy: random, stratified: true, validation_fraction: 0.1, test_fraction: 0.2}
                model: {type: mlp, layers: [64, 32], dropout: 0.1, batch_norm: true}
                optimizer: {type: adamw, learning_rate: 0.001}
                batch_size: 256
                epochs: 20
                early_stopping: false
                checkpoint: {every_epochs: 1, keep_best: 3}
                seed: 42
                device: cpu
                """);
        Project project = new Project(workDir, ProjectConfig.named("bench"), List.of());
        TrainingSettings base = TrainingSettings.current();
        TrainingSettings on = new TrainingSettings(base.cpuHourUsd(), base.gpuHourUsd(), 1000, true);
        TrainingSettings off = new TrainingSettings(base.cpuHourUsd(), base.gpuHourUsd(), 0, false);
        TrainRequest request = TrainRequest.spec(Path.of("training/mlp.yaml"), List.of());
        double[] withMs = new double[REPS];
        double[] withoutMs = new double[REPS];
        try (Catalog catalog = Catalog.open(workDir.resolve(".mlwb/catalog.db"))) {
            new TrainingService(project, null, null, off, Clock.systemUTC()).train(request, null, null, Progress.NONE);
            double aucWith = 0;
            double aucWithout = 0;
            for (int i = 0; i < REPS; i++) {
                long t0 = System.nanoTime();
                TrainResult a = new TrainingService(project, null, null, off, Clock.systemUTC())
                        .train(request, null, null, Progress.NONE);
                withoutMs[i] = BenchOutput.millisSince(t0);
                long t1 = System.nanoTime();
                TrainResult b = new TrainingService(project, null, catalog, on, Clock.systemUTC())
                        .train(request, null, null, Progress.NONE);
                withMs[i] = BenchOutput.millisSince(t1);
                aucWithout = a.metrics().get("test").get("roc_auc");
                aucWith = b.metrics().get("test").get("roc_auc");
            }
            if (aucWith != aucWithout) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "recording changed the result: AUC %.6f with, %.6f without", aucWith, aucWithout));
            }
        }
        double with = BenchOutput.median(withMs);
        double without = BenchOutput.median(withoutMs);
        double percent = 100 * (with - without) / without;
        out.line("rows", rows, "rows");
        out.line("without_ms", without, "ms");
        out.line("with_ms", with, "ms");
        out.line("target_percent", TARGET_PERCENT, "%");
        out.flag("target_met", percent <= TARGET_PERCENT);
        out.line("overhead_percent", percent, "%");
    }

    static String data(int n) {
        Random r = new Random(9);
        StringBuilder sb = new StringBuilder("a,b,c,d,e,f,g,h,i,j,cat,grp,y\n");
        String[] cats = {"p", "q", "r", "s", "t"};
        for (int row = 0; row < n; row++) {
            double[] x = new double[10];
            double z = -1.2;
            for (int k = 0; k < 10; k++) {
                x[k] = r.nextGaussian();
                z += (k % 3 == 0 ? 0.6 : -0.2) * x[k];
            }
            int c = r.nextInt(5);
            z += c == 2 ? 0.7 : 0;
            z += 0.5 * x[0] * x[1];
            for (double v : x) {
                sb.append(String.format(Locale.ROOT, "%.4f,", v));
            }
            sb.append(cats[c]).append(',').append("g").append(r.nextInt(3)).append(',')
                    .append(r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0).append('\n');
        }
        return sb.toString();
    }
}
