package io.mlwb.serving;

import ai.djl.engine.Engine;
import java.util.Objects;

/**
 * How many threads PyTorch may use inside one forward pass (intra-op) and across independent ops (inter-op), asked for
 * explicitly by whoever loads a {@link Predictor}. The server asks for {@link #perReplica()}: each replica scores small
 * batches on its own request thread, and PyTorch's default pool (one thread per core) only oversubscribes the cores
 * between replicas. Everything else (the app, drift, batch scoring) asks for {@link #inherit()} and leaves the engine as
 * the process configured it, so loading a model in the app never slows training down.
 *
 * <p>PyTorch reads its thread counts once, when DJL first loads the engine in a process, and they are process-wide from
 * then on. A request other than {@code inherit()} is therefore applied only if this load is the one that starts the
 * engine (the case of {@code mlwb serve} and the serving container, which are their own processes), and the DJL system
 * properties are restored right after, so no other code in the process sees them changed.
 *
 * @param intraOp threads per op, or 0 to leave the engine's setting
 * @param interOp threads across ops, or 0 to leave the engine's setting
 */
public record EngineThreads(int intraOp, int interOp) {
    static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    /** Checks the counts. */
    public EngineThreads {
        if (intraOp < 0 || interOp < 0) {
            throw new IllegalArgumentException("thread counts are 0 (inherit) or positive");
        }
    }

    /** @return leave the engine as the process configured it */
    public static EngineThreads inherit() {
        return new EngineThreads(0, 0);
    }

    /** @return one intra-op and one inter-op thread: what a server replica wants */
    public static EngineThreads perReplica() {
        return new EngineThreads(1, 1);
    }

    /** @return whether this leaves the engine alone */
    public boolean inherits() {
        return intraOp == 0 && interOp == 0;
    }

    /**
     * Makes sure the PyTorch engine is loaded, with these thread counts if this call is what loads it; the system
     * properties DJL reads are as before when it returns.
     */
    void applyWhileLoadingEngine() {
        if (inherits()) {
            return;
        }
        synchronized (System.getProperties()) {
            String intraBefore = System.getProperty(INTRA_OP);
            String interBefore = System.getProperty(INTER_OP);
            try {
                if (intraOp > 0 && intraBefore == null) {
                    System.setProperty(INTRA_OP, Integer.toString(intraOp));
                }
                if (interOp > 0 && interBefore == null) {
                    System.setProperty(INTER_OP, Integer.toString(interOp));
                }
                Objects.requireNonNull(Engine.getEngine("PyTorch"));
            } finally {
                restore(INTRA_OP, intraBefore);
                restore(INTER_OP, interBefore);
            }
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
