package io.mlwb.serving.onnx;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.Preprocessor;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.spec.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ONNX file written by {@link OnnxExport}, ready to score tables as {@link SavedModel} does: the preprocessing and
 * the meaning of the output come from the file's own {@code mlwb.*} metadata, the network runs in ONNX Runtime. It
 * needs neither {@code model.zip} nor PyTorch. Not thread-safe; close it to free the session.
 */
public final class OnnxModel implements AutoCloseable {
    private final OnnxScorer scorer;
    private final Preprocessor preprocessor;
    private final TrainingSpec.Task task;
    private final List<String> classes;
    private final String positive;
    private final String negative;
    private final double threshold;

    private OnnxModel(OnnxScorer scorer, Preprocessor preprocessor, TrainingSpec.Task task, List<String> classes,
                      String positive, String negative, double threshold) {
        this.scorer = scorer;
        this.preprocessor = preprocessor;
        this.task = task;
        this.classes = classes;
        this.positive = positive;
        this.negative = negative;
        this.threshold = threshold;
    }

    /**
     * @param file           an ONNX file from {@code mlwb models export}
     * @param intraOpThreads ONNX Runtime threads per run (1 for a server replica)
     * @return the model
     * @throws UserError when the file is missing, not ONNX, or not an mlwb export
     */
    public static OnnxModel load(Path file, int intraOpThreads) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("Cannot read the ONNX file " + file + ": " + e.getMessage(),
                    "Export the model again with `mlwb models export`.", ExitCode.BAD_INPUT, e);
        }
        OnnxScorer s = OnnxScorer.load(bytes, intraOpThreads);
        try {
            Map<String, String> meta = s.metadata();
            String pre = meta.get("mlwb.preprocessing");
            String taskText = meta.get("mlwb.task");
            if (pre == null || taskText == null) {
                throw new UserError(file + " is not an ONNX export of mlwb (no mlwb.preprocessing metadata).",
                        "Serve a file written by `mlwb models export`.", ExitCode.BAD_INPUT, null);
            }
            Preprocessor p = Preprocessor.fromJson(pre);
            if (p.width() != s.width()) {
                throw new UserError(file + "'s preprocessing writes " + p.width() + " inputs, its graph takes "
                        + s.width() + ".", "Export the model again.", ExitCode.BAD_INPUT, null);
            }
            String cls = meta.getOrDefault("mlwb.classes", "");
            List<String> classes = cls.isEmpty() ? List.of() : Arrays.asList(cls.split(","));
            return new OnnxModel(s, p, TrainingSpec.Task.valueOf(taskText.toUpperCase(Locale.ROOT)), List.copyOf(classes),
                    meta.get("mlwb.positive_class"), meta.get("mlwb.negative_class"),
                    Double.parseDouble(meta.getOrDefault("mlwb.threshold", "0.5")));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** @return the fitted preprocessing */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** @return classification or regression */
    public TrainingSpec.Task task() {
        return task;
    }

    /** @return the classes of a multi-class model, else empty */
    public List<String> classes() {
        return classes;
    }

    /**
     * Scores every row, as {@link SavedModel#predict} does.
     *
     * @param table the rows (columns by name)
     * @return the scores
     * @throws UserError naming an input column the table lacks
     */
    public SavedModel.Scores predict(DataTable table) {
        for (Preprocessor.Feature f : preprocessor.features()) {
            if (table.column(f.column()).isEmpty()) {
                throw new UserError("The data has no column '" + f.column() + "', an input of the model.",
                        "Score data with the model's inputs.", ExitCode.BAD_INPUT, null);
            }
        }
        int n = table.rowCount();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] out = scorer.run(preprocessor.transform(table, rows), n);
        int k = classes.isEmpty() ? 1 : classes.size();
        double[] score = new double[n];
        String[] label = task == TrainingSpec.Task.REGRESSION ? null : new String[n];
        double[] proba = k > 1 ? new double[n * k] : null;
        for (int i = 0; i < n; i++) {
            if (k > 1) {
                int best = 0;
                for (int c = 0; c < k; c++) {
                    proba[i * k + c] = out[i * k + c];
                    if (out[i * k + c] > out[i * k + best]) {
                        best = c;
                    }
                }
                score[i] = out[i * k + best];
                label[i] = classes.get(best);
            } else {
                score[i] = out[i];
                if (label != null) {
                    label[i] = score[i] >= threshold ? positive : negative;
                }
            }
        }
        return new SavedModel.Scores(score, label, proba);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
