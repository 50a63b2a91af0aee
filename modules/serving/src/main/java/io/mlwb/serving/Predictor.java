package io.mlwb.serving;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.table.DataTable;
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
    private final BlockingQueue<SavedModel> pool;
    private final List<SavedModel> all;
    private final Signature signature;
    private final Path artifact;

    private Predictor(List<SavedModel> models, Signature signature, Path artifact) {
        this.all = List.copyOf(models);
        this.pool = new ArrayBlockingQueue<>(models.size(), false, models);
        this.signature = signature;
        this.artifact = artifact;
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
        List<SavedModel> models = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                models.add(SavedModel.load(zip));
            }
        } catch (RuntimeException e) {
            models.forEach(SavedModel::close);
            throw e;
        }
        SavedModel first = models.get(0);
        Signature.Output out = first.task() == TrainingSpec.Task.REGRESSION ? Signature.Output.REGRESSION
                : first.classes().isEmpty() ? Signature.Output.BINARY : Signature.Output.MULTICLASS;
        return new Predictor(models, Signature.read(zip, out), zip);
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
        SavedModel m;
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
        all.forEach(SavedModel::close);
    }
}
