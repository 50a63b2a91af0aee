package io.mlwb.training.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.spec.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A trained model read back from its artifact ({@code model.zip}, see {@link ModelArtifact}): the network with its
 * weights, the fitted preprocessing and what the outputs mean, to score new data on the CPU exactly as training
 * scored its test split. Drift's model section scores the reference and current data with it; the serving issue
 * serves it. Not thread-safe; close it to free the native memory.
 */
public final class SavedModel implements AutoCloseable {
    private static final int CHUNK = 8192;

    private final TrainingSpec.Task task;
    private final Preprocessor preprocessor;
    private final List<String> classes;
    private final String positive;
    private final String negative;
    private final double threshold;
    private final float yMean;
    private final float yScale;
    private final String target;
    private final NDManager manager;
    private final Net net;

    private SavedModel(TrainingSpec.Task task, Preprocessor preprocessor, List<String> classes, String positive,
                       String negative, double threshold, float yMean, float yScale, String target, NDManager manager,
                       Net net) {
        this.task = task;
        this.preprocessor = preprocessor;
        this.classes = classes;
        this.positive = positive;
        this.negative = negative;
        this.threshold = threshold;
        this.yMean = yMean;
        this.yScale = yScale;
        this.target = target;
        this.manager = manager;
        this.net = net;
    }

    /**
     * Scores of a table.
     *
     * @param score         P(positive class) for a binary classifier, the most likely class's probability for a
     *                      multi-class one, the value for a regression
     * @param label         the decided label (by the model's threshold, or the most likely class); null for a
     *                      regression
     * @param probabilities for a multi-class model, {@code rows × classes} row-major; else null
     */
    public record Scores(double[] score, String[] label, double[] probabilities) {
    }

    /**
     * @param zip a run's {@code model.zip}
     * @return the model, ready to score
     * @throws UserError when the file is missing, not a model artifact, or of a newer format
     */
    public static SavedModel load(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode meta = json(z, "model.json", zip);
            if (meta.path("format").asInt(0) > ModelArtifact.FORMAT) {
                throw new UserError(zip + " was written by a newer mlwb (model format " + meta.path("format").asInt()
                        + ").", "Upgrade mlwb to read it.", ExitCode.BAD_INPUT, null);
            }
            TrainingSpec.Task task = TrainingSpec.Task.valueOf(meta.path("task").asText("classification")
                    .toUpperCase(java.util.Locale.ROOT));
            TrainingSpec.Model model = TrainingService.json().treeToValue(meta.path("model"), TrainingSpec.Model.class);
            Preprocessor pre = TrainingService.json().treeToValue(json(z, "preprocessing.json", zip),
                    Preprocessor.class);
            List<String> classes = new ArrayList<>();
            meta.path("classes").forEach(c -> classes.add(c.asText()));
            int outputs = classes.isEmpty() ? 1 : classes.size();
            ZipEntry params = z.getEntry("model.params");
            if (params == null) {
                throw new UserError(zip + " has no model.params.", "Retrain the run to write its model again.");
            }
            byte[] bytes;
            try (InputStream in = z.getInputStream(params)) {
                bytes = in.readAllBytes();
            }
            NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
            try {
                Net net = new Net(model, pre.width(), outputs, manager);
                net.loadParameters(bytes);
                return new SavedModel(task, pre, List.copyOf(classes), meta.path("positive_class").asText(null),
                        meta.path("negative_class").asText(null), meta.path("threshold").asDouble(0.5),
                        (float) meta.path("label_mean").asDouble(0), (float) meta.path("label_scale").asDouble(1),
                        meta.path("target").asText(null), manager, net);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserError("There is no model file " + zip + ".", "Check the run's artifacts.",
                    ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError(zip + " is not a model artifact: " + e.getMessage(), "Retrain the run.",
                    ExitCode.BAD_INPUT, e);
        } catch (EngineException e) {
            throw new UserError("The PyTorch engine could not load " + zip + ": " + e.getMessage(),
                    "Check that the natives are installed (they come with mlwb).", ExitCode.INTERNAL, e);
        }
    }

    private static JsonNode json(ZipFile z, String name, Path zip) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            throw new UserError(zip + " has no " + name + ".", "Retrain the run to write its model again.");
        }
        try (InputStream in = z.getInputStream(e)) {
            return TrainingService.json().readTree(in);
        }
    }

    /**
     * The network as inference-time layers with copies of their weights (for exporters such as ONNX). The inputs are
     * the preprocessed feature vector ({@link #preprocessor()}); the last layer's outputs are a logit (binary), a
     * logit per class (multi-class) or a standardized value (regression; see {@link #labelMean()}).
     *
     * @return the layers, in order
     */
    public java.util.List<Layer> layers() {
        return net.layers();
    }

    /** @return the fitted preprocessing that turns table rows into the network's inputs */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** @return the fitted preprocessing as the JSON {@code model.zip} stores it */
    public String preprocessingJson() {
        try {
            return TrainingService.json().writeValueAsString(preprocessor);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the preprocessing as JSON", e);
        }
    }

    /** @return for a regression, the value added after scaling the network's output (0 otherwise) */
    public float labelMean() {
        return yMean;
    }

    /** @return for a regression, the factor the network's output is multiplied by (1 otherwise) */
    public float labelScale() {
        return yScale;
    }

    /** @return the class a binary classifier's probability is for, else null */
    public String negative() {
        return negative;
    }

    /** @return the column the model predicts */
    public String target() {
        return target;
    }

    /** @return classification or regression */
    public TrainingSpec.Task task() {
        return task;
    }

    /** @return the input columns the model reads */
    public List<String> inputs() {
        return preprocessor.features().stream().map(Preprocessor.Feature::column).toList();
    }

    /** @return the positive class of a binary classifier, else null */
    public String positive() {
        return positive;
    }

    /** @return the decision threshold of a binary classifier (0.5 unless tuned) */
    public double threshold() {
        return threshold;
    }

    /** @return the classes of a multi-class classifier, else empty */
    public List<String> classes() {
        return classes;
    }

    /**
     * Scores every row of a table; missing inputs are imputed as in training, a missing column is refused.
     *
     * @param table the data (columns by name; extra columns are ignored)
     * @return the scores
     * @throws UserError naming an input column the table lacks
     */
    public Scores predict(DataTable table) {
        for (String c : inputs()) {
            if (table.column(c).isEmpty()) {
                throw new UserError("The data has no column '" + c + "', an input of the model.",
                        "Score data with the model's inputs: " + String.join(", ", inputs()) + ".");
            }
        }
        int n = table.rowCount();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] x = preprocessor.transform(table, rows);
        int d = preprocessor.width();
        int k = classes.isEmpty() ? 1 : classes.size();
        double[] score = new double[n];
        String[] label = task == TrainingSpec.Task.REGRESSION ? null : new String[n];
        double[] proba = k > 1 ? new double[n * k] : null;
        try {
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray xs = sub.create(Arrays.copyOfRange(x, start * d, (start + m) * d), new Shape(m, d));
                    NDArray out = net.forward(xs, false);
                    if (k > 1) {
                        float[] p = out.softmax(1).toFloatArray();
                        for (int i = 0; i < m; i++) {
                            int best = 0;
                            for (int c = 0; c < k; c++) {
                                proba[(start + i) * k + c] = p[i * k + c];
                                if (p[i * k + c] > p[i * k + best]) {
                                    best = c;
                                }
                            }
                            score[start + i] = p[i * k + best];
                            label[start + i] = classes.get(best);
                        }
                    } else {
                        float[] z = out.toFloatArray();
                        for (int i = 0; i < m; i++) {
                            if (task == TrainingSpec.Task.REGRESSION) {
                                score[start + i] = z[i] * (double) yScale + yMean;
                            } else {
                                score[start + i] = 1.0 / (1.0 + Math.exp(-z[i]));
                                label[start + i] = score[start + i] >= threshold ? positive : negative;
                            }
                        }
                    }
                }
            }
        } catch (EngineException e) {
            throw new UserError("Scoring failed in the PyTorch engine: " + e.getMessage(), "Report this with the "
                    + "model file.", ExitCode.INTERNAL, e);
        }
        return new Scores(score, label, proba);
    }

    @Override
    public void close() {
        net.close();
        manager.close();
    }
}
