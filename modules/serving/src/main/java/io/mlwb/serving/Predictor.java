package io.mlwb.serving;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.table.DataTable;
import io.mlwb.serving.onnx.OnnxModel;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A saved model ready to score from several threads: {@code replicas} copies of {@link SavedModel} (which is not
 * thread-safe) in a pool; a caller borrows one for the length of a forward pass and waits while all are busy.
 * The server, {@code mlwb predict} and the benchmark's reference server all score through it, so their predictions
 * are the model's own.
 */
public final class Predictor implements AutoCloseable {
    /** One copy of the model: the DJL network of {@code model.zip}, or an ONNX export in ONNX Runtime. */
    private interface Replica extends AutoCloseable {
        SavedModel.Scores predict(DataTable table);

        List<String> classes();

        @Override
        void close();

        /** @return a replica scoring with {@code predict}, naming {@code classes} and closed by {@code close} */
        static Replica of(java.util.function.Function<DataTable, SavedModel.Scores> predict,
                          java.util.function.Supplier<List<String>> classes, Runnable close) {
            return new Replica() {
                @Override
                public SavedModel.Scores predict(DataTable table) {
                    return predict.apply(table);
                }

                @Override
                public List<String> classes() {
                    return classes.get();
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }

    private final BlockingQueue<Replica> pool;
    private final List<Replica> all;
    private final Signature signature;
    private final Path artifact;
    private final String format;

    private Predictor(List<Replica> models, Signature signature, Path artifact, String format) {
        this.all = List.copyOf(models);
        this.pool = new ArrayBlockingQueue<>(models.size(), false, models);
        this.signature = signature;
        this.artifact = artifact;
        this.format = format;
    }

    /**
     * Loads a model artifact and leaves the engine's thread counts as they are (the app, drift, batch scoring).
     *
     * @param zip      the run's {@code model.zip}
     * @param replicas how many copies score at once (at least 1; one per core is plenty)
     * @return the predictor
     * @throws UserError when the artifact cannot be read
     */
    public static Predictor load(Path zip, int replicas) {
        return load(zip, replicas, EngineThreads.inherit());
    }

    /**
     * Loads a model artifact.
     *
     * @param zip      the run's {@code model.zip}
     * @param replicas how many copies score at once (at least 1; one per core is plenty)
     * @param threads  the engine's thread counts to ask for ({@link EngineThreads#perReplica()} for a server); they
     *                 apply only when this load starts the engine, and no system property is left changed
     * @return the predictor
     * @throws UserError when the artifact cannot be read
     */
    public static Predictor load(Path zip, int replicas, EngineThreads threads) {
        if (replicas < 1) {
            throw new UserError("The server needs at least one model replica, not " + replicas + ".",
                    "Set --workers to 1 or more.", ExitCode.BAD_INPUT, null);
        }
        threads.applyWhileLoadingEngine();
        List<Replica> models = new ArrayList<>();
        TrainingSpec.Task task = null;
        List<String> classes = List.of();
        try {
            for (int i = 0; i < replicas; i++) {
                SavedModel m = SavedModel.load(zip);
                task = m.task();
                classes = m.classes();
                models.add(Replica.of(m::predict, m::classes, m::close));
            }
        } catch (RuntimeException e) {
            models.forEach(Replica::close);
            throw e;
        }
        return new Predictor(models, Signature.read(zip, output(task, classes)), zip, "djl");
    }

    /**
     * Loads an ONNX export ({@code mlwb models export}) to score in ONNX Runtime, one session per replica with one
     * intra-op thread; the preprocessing and signature come from the file's metadata, so neither {@code model.zip}
     * nor PyTorch is needed.
     *
     * @param onnx     the {@code .onnx} file
     * @param replicas how many sessions score at once (at least 1)
     * @return the predictor
     * @throws UserError when the file cannot be read or is not an mlwb export
     */
    public static Predictor loadOnnx(Path onnx, int replicas) {
        if (replicas < 1) {
            throw new UserError("The server needs at least one model replica, not " + replicas + ".",
                    "Set --workers to 1 or more.", ExitCode.BAD_INPUT, null);
        }
        List<Replica> models = new ArrayList<>();
        OnnxModel first = null;
        try {
            for (int i = 0; i < replicas; i++) {
                OnnxModel m = OnnxModel.load(onnx, 1);
                first = first == null ? m : first;
                models.add(Replica.of(m::predict, m::classes, m::close));
            }
        } catch (RuntimeException e) {
            models.forEach(Replica::close);
            throw e;
        }
        return new Predictor(models, Signature.of(first.preprocessor(), output(first.task(), first.classes())), onnx,
                "onnx");
    }

    private static Signature.Output output(TrainingSpec.Task task, List<String> classes) {
        return task == TrainingSpec.Task.REGRESSION ? Signature.Output.REGRESSION
                : classes.isEmpty() ? Signature.Output.BINARY : Signature.Output.MULTICLASS;
    }

    /** @return {@code djl} (model.zip through DJL/PyTorch) or {@code onnx} (ONNX Runtime) */
    public String format() {
        return format;
    }

    /** @return the model's signature */
    public Signature signature() {
        return signature;
    }

    /** @return the artifact it was loaded from */
    public Path artifact() {
        return artifact;
    }

    /** @return how many copies score at once */
    public int replicas() {
        return all.size();
    }

    /** @return the classes of a multi-class model (empty otherwise) */
    public List<String> classes() {
        return all.get(0).classes();
    }

    /**
     * Scores a table, waiting for a free replica.
     *
     * @param table rows with every input column
     * @return the model's scores
     * @throws UserError naming an input column the table lacks
     */
    public SavedModel.Scores score(DataTable table) {
        Replica m;
        try {
            m = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingError(503, "interrupted", "The server is shutting down; retry.", null);
        }
        try {
            return m.predict(table);
        } finally {
            pool.add(m);
        }
    }

    /**
     * One prediction as the routes return it and the request log records it.
     *
     * @param s the scores
     * @param i the row
     * @return {@code {"probability", "label"}}, {@code {"probabilities", "label"}} or {@code {"value"}}
     */
    public ObjectNode prediction(SavedModel.Scores s, int i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (signature.output()) {
            case BINARY -> {
                o.put("probability", s.score()[i]);
                o.put("label", s.label()[i]);
            }
            case MULTICLASS -> {
                ObjectNode p = o.putObject("probabilities");
                List<String> classes = classes();
                int k = classes.size();
                for (int c = 0; c < k; c++) {
                    p.put(classes.get(c), s.probabilities()[i * k + c]);
                }
                o.put("label", s.label()[i]);
            }
            case REGRESSION -> o.put("value", s.score()[i]);
            default -> throw new IllegalStateException();
        }
        return o;
    }

    @Override
    public void close() {
        all.forEach(Replica::close);
    }
}
