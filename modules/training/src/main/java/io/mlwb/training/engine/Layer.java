package io.mlwb.training.engine;

import java.util.Objects;

/**
 * One inference-time step of a trained network, with its weights as plain arrays: what an exporter (ONNX) needs to
 * rebuild the network elsewhere. Dropout is the identity at inference and does not appear.
 */
public sealed interface Layer {

    /**
     * {@code y = x · weightᵀ + bias}.
     *
     * @param inputs  input width
     * @param outputs output width
     * @param weight  {@code outputs × inputs}, row-major (PyTorch's and DJL's layout)
     * @param bias    {@code outputs}
     */
    record Dense(int inputs, int outputs, float[] weight, float[] bias) implements Layer {
        /** Checks the shapes. */
        public Dense {
            if (weight.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("dense layer shapes do not match " + inputs + "→" + outputs);
            }
        }
    }

    /**
     * Batch normalization with the running statistics: {@code y = (x − mean) / √(var + epsilon) · gamma + beta}.
     *
     * @param gamma   scale per channel
     * @param beta    shift per channel
     * @param mean    running mean
     * @param var     running variance
     * @param epsilon added to the variance
     */
    record BatchNorm(float[] gamma, float[] beta, float[] mean, float[] var, float epsilon) implements Layer {
        /** Checks the shapes. */
        public BatchNorm {
            int c = gamma.length;
            if (beta.length != c || mean.length != c || var.length != c) {
                throw new IllegalArgumentException("batch norm parameters differ in length");
            }
        }
    }

    /**
     * An element-wise activation.
     *
     * @param kind {@code relu}, {@code gelu} (exact, with erf, as PyTorch's default) or {@code tanh}
     */
    record Activation(String kind) implements Layer {
        /** Checks the kind. */
        public Activation {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
