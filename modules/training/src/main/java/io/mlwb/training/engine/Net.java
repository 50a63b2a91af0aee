package io.mlwb.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mlwb.training.spec.TrainingSpec.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The network of a spec as DJL blocks: one output (a logit for a binary classifier, a value for a regression), or one
 * logit per class for a multi-class classifier.
 */
final class Net implements AutoCloseable {
    /** DJL's BatchNorm default, which the network uses. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private final SequentialBlock block;
    private final Model model;
    private final NDManager manager;
    private ParameterStore store;
    private final List<NDArray> trainable = new ArrayList<>();
    private final List<String> trainableNames = new ArrayList<>();

    Net(Model model, int inputs, int outputs, NDManager manager) {
        this.manager = manager;
        this.model = model;
        this.block = new SequentialBlock();
        switch (model.type()) {
            case LOGISTIC_REGRESSION, LINEAR_REGRESSION -> block.add(Linear.builder().setUnits(outputs).build());
            case MLP -> {
                for (int units : model.layers()) {
                    block.add(Linear.builder().setUnits(units).build());
                    if (model.batchNorm()) {
                        block.add(BatchNorm.builder().build());
                    }
                    block.add(switch (model.activation()) {
                        case RELU -> Activation.reluBlock();
                        case GELU -> Activation.geluBlock();
                        case TANH -> Activation.tanhBlock();
                    });
                    if (model.dropout() > 0) {
                        block.add(Dropout.builder().optRate((float) model.dropout()).build());
                    }
                }
                block.add(Linear.builder().setUnits(outputs).build());
            }
            default -> throw new IllegalStateException("unknown model " + model.type());
        }
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray a = p.getValue().getArray();
                a.setRequiresGradient(true);
                trainable.add(a);
                trainableNames.add(p.getKey());
            }
        }
        this.store = new ParameterStore(manager, false);
    }

    /** @return the trainable weights, in a fixed order */
    List<NDArray> trainable() {
        return trainable;
    }

    /** @return the number of trainable values */
    long parameterCount() {
        long n = 0;
        for (NDArray a : trainable) {
            n += a.size();
        }
        return n;
    }

    /**
     * @param x        {@code rows × inputs}
     * @param training whether dropout and batch statistics apply
     * @return {@code rows × 1} outputs
     */
    NDArray forward(NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * The network as inference-time layers with copies of their weights, in order (dropout left out).
     *
     * @return the layers
     */
    List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Pair<String, ai.djl.nn.Block> child : block.getChildren()) {
            ai.djl.nn.Block b = child.getValue();
            if (b instanceof Linear) {
                NDArray w = param(b, "weight");
                long[] shape = w.getShape().getShape();
                out.add(new Layer.Dense((int) shape[1], (int) shape[0], w.toFloatArray(),
                        param(b, "bias").toFloatArray()));
            } else if (b instanceof BatchNorm) {
                out.add(new Layer.BatchNorm(param(b, "gamma").toFloatArray(), param(b, "beta").toFloatArray(),
                        param(b, "runningMean").toFloatArray(), param(b, "runningVar").toFloatArray(),
                        BATCH_NORM_EPSILON));
            } else if (b instanceof Dropout) {
                continue; // the identity at inference
            } else {
                // the activation blocks are lambdas; the spec says which
                out.add(new Layer.Activation(model.activation().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return out;
    }

    private static NDArray param(ai.djl.nn.Block b, String name) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().equals(name) || p.getKey().endsWith("_" + name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException("no parameter " + name + " in " + b);
    }

    /** @return every parameter (running statistics included) as bytes */
    byte[] saveParameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param bytes what {@link #saveParameters()} wrote */
    void loadParameters(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot read the model's parameters: " + e.getMessage(), e);
        }
        // Loading replaces the parameters' arrays, but a ParameterStore caches each parameter's array by id on its first
        // forward pass and keeps returning the old one: the restored best epoch would be evaluated (and the test
        // predictions written) with the last epoch's weights while model.params holds the best ones. A new store
        // reads the loaded arrays.
        store = new ParameterStore(manager, false);
        // collect the trainable ones again
        trainable.clear();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray a = p.getValue().getArray();
                a.setRequiresGradient(true);
                trainable.add(a);
            }
        }
    }

    @Override
    public void close() {
        block.clear();
    }
}
