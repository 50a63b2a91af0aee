package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.SavedModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Batch scoring of a data file with a saved model through the same {@link Predictor} the server uses: the file is
 * read by our table reader, scored in chunks by {@link SavedModel}, and written as CSV with the columns of a run's
 * {@code predictions-test.csv}: {@code row} (the data row, 1-based), {@code prediction} (P(positive class), the top
 * class's probability, or the value), {@code predicted_label} for a classifier, and {@code p_<class>} per class for a
 * multi-class model. The output appears whole or not at all (written to a temporary file, then moved).
 */
public final class BatchPrediction {
    private BatchPrediction() {
    }

    /**
     * What was scored.
     *
     * @param rows   rows scored
     * @param output the CSV written
     */
    public record Result(int rows, Path output) {
    }

    /**
     * @param model    the model artifact
     * @param input    a CSV, JSON Lines or Parquet file with the model's input columns (others are ignored)
     * @param output   the CSV to write
     * @param progress told when reading and scoring are done
     * @return what was scored
     * @throws UserError when the input lacks an input column or cannot be read, or the output cannot be written
     */
    public static Result score(Path model, Path input, Path output, Progress progress) {
        DataTable table = new TableReader().read(input, ReadOptions.defaults(), progress).table();
        try (Predictor p = Predictor.load(model, 1)) {
            SavedModel.Scores s = p.score(table);
            progress.report(0.9, "scored " + table.rowCount() + " rows");
            write(output, p.signature().output(), p.classes(), s, table.rowCount());
        }
        progress.report(1, "wrote " + output);
        return new Result(table.rowCount(), output);
    }

    private static void write(Path output, Signature.Output kind, List<String> classes, SavedModel.Scores s,
                              int n) {
        Path abs = output.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                StringBuilder head = new StringBuilder("row,prediction");
                if (kind != Signature.Output.REGRESSION) {
                    head.append(",predicted_label");
                }
                if (kind == Signature.Output.MULTICLASS) {
                    for (String c : classes) {
                        head.append(',').append(csv("p_" + c));
                    }
                }
                w.write(head.append('\n').toString());
                int k = classes.size();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    line.setLength(0);
                    line.append(i + 1).append(',').append(s.score()[i]);
                    if (kind != Signature.Output.REGRESSION) {
                        line.append(',').append(csv(s.label()[i]));
                    }
                    if (kind == Signature.Output.MULTICLASS) {
                        for (int c = 0; c < k; c++) {
                            line.append(',').append(s.probabilities()[i * k + c]);
                        }
                    }
                    w.write(line.append('\n').toString());
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw new UserError("Cannot write the predictions to " + output + ": " + e.getMessage(),
                    "Choose a writable --out path.", ExitCode.BAD_INPUT, e);
        }
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
