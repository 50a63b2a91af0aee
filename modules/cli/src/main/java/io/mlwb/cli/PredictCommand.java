package io.mlwb.cli;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.serving.BatchPrediction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb predict MODEL@VERSION FILE --out FILE}: a thin adapter over {@link BatchPrediction}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score a data file with a registered model version, as the server and the app score it; "
                + "writes a CSV of row, prediction and predicted_label.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version (or NAME@ALIAS).")
    String model;

    @Parameters(index = "1", paramLabel = "FILE", description = "A CSV, JSON Lines or Parquet file with the "
            + "model's input columns (other columns are ignored).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Override
    public Integer call() {
        Project p = options.load(spec);
        ServingModels.Resolved r = ServingModels.resolve(p, model);
        Path input = file.isAbsolute() ? file : Path.of("").toAbsolutePath().resolve(file);
        BatchPrediction.Result result = BatchPrediction.score(r.artifact(), input, out, Progress.NONE);
        PrintWriter w = spec.commandLine().getOut();
        if (options.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", r.version().ref());
            doc.put("rows", result.rows());
            doc.put("out", result.output().toString());
            Json.print(w, doc);
        } else {
            w.printf("Scored %d rows with %s -> %s%n", result.rows(), r.version().ref(), result.output());
        }
        return 0;
    }
}
