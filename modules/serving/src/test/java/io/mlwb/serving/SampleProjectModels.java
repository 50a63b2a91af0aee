package io.mlwb.serving;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled sample project (sample-projects/credit-risk) copied into a test folder, with its two specs trained for
 * real: the logistic baseline and the MLP. Trained once per JVM; tests only read the results.
 */
final class SampleProjectModels {
    /** A trained run: its model.zip and predictions-test.csv. */
    record Run(Path model, Path predictions, Path data) {
    }

    private static Path root;
    private static Run logistic;
    private static Run mlp;

    private SampleProjectModels() {
    }

    /** @return the logistic baseline's run */
    static synchronized Run logistic() {
        train();
        return logistic;
    }

    /** @return the MLP's run */
    static synchronized Run mlp() {
        train();
        return mlp;
    }

    private static void train() {
        if (root != null) {
            return;
        }
        try {
            Path sample = sample();
            Path dir = Files.createTempDirectory("mlwb-sample-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete " + dir));
            for (String f : List.of("mlwb.yaml", "data/applications_2023.csv", "training/logistic_baseline.yaml",
                    "training/mlp.yaml")) {
                Files.createDirectories(dir.resolve(f).getParent());
                Files.copy(sample.resolve(f), dir.resolve(f));
            }
            Project project = Project.load(dir);
            try (Catalog catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
                TrainingService service = new TrainingService(project, null, catalog,
                        new TrainingSettings(0.1, 2.5, 0, true), Clock.systemUTC());
                logistic = run(service, "training/logistic_baseline.yaml", dir);
                mlp = run(service, "training/mlp.yaml", dir);
            }
            root = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(TrainingService service, String spec, Path dir) {
        TrainResult r = service.train(TrainRequest.spec(Path.of(spec), List.of()), null, null, Progress.NONE);
        return new Run(r.model(), r.runDir().resolve("predictions-test.csv"),
                dir.resolve("data/applications_2023.csv"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure
        }
    }

    private static Path sample() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("sample-projects/credit-risk"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("no sample-projects folder above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("sample-projects/credit-risk");
    }
}
