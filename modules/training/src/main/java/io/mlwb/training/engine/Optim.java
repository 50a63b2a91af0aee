package io.mlwb.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mlwb.training.spec.TrainingSpec.Optimizer;
import io.mlwb.training.spec.TrainingSpec.OptimizerType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum, Adam and AdamW, written over DJL arrays so their whole state (moments, step count) is ours to
 * checkpoint: a run resumed from a checkpoint continues with exactly the state the uninterrupted run had. DJL's own
 * optimizers keep their moments private, which would break that.
 *
 * <p>Updates run outside a gradient collector (PyTorch's no-grad mode), in place.
 */
final class Optim {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final Optimizer spec;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long t;

    Optim(Optimizer spec, List<NDArray> weights, NDManager manager) {
        this.spec = spec;
        for (NDArray w : weights) {
            first.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            if (spec.type() != OptimizerType.SGD) {
                second.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            }
        }
    }

    /**
     * One update of every weight from its gradient, then the gradients are zeroed.
     *
     * @param weights the trainable weights (same order as at construction)
     * @param lr      this step's learning rate
     */
    void step(List<NDArray> weights, double lr) {
        t++;
        float wd = (float) spec.weightDecay();
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            try (NDArray g = w.getGradient()) {
                switch (spec.type()) {
                    case SGD -> sgd(w, g, first.get(i), (float) lr, wd);
                    case ADAM -> adam(w, g, first.get(i), second.get(i), (float) lr, wd, false);
                    case ADAMW -> adam(w, g, first.get(i), second.get(i), (float) lr, wd, true);
                    default -> throw new IllegalStateException("unknown optimizer " + spec.type());
                }
                g.subi(g);
            }
        }
    }

    /** Every intermediate array is closed here: they attach to the weights' long-lived manager. */
    private void sgd(NDArray w, NDArray g, NDArray buf, float lr, float wd) {
        float momentum = (float) spec.momentum();
        NDArray grad = withDecay(w, g, wd);
        try {
            if (momentum > 0) {
                buf.muli(momentum).addi(grad);
                try (NDArray d = buf.mul(lr)) {
                    w.subi(d);
                }
            } else {
                try (NDArray d = grad.mul(lr)) {
                    w.subi(d);
                }
            }
        } finally {
            if (grad != g) {
                grad.close();
            }
        }
    }

    private void adam(NDArray w, NDArray g, NDArray m, NDArray v, float lr, float wd, boolean decoupled) {
        if (decoupled && wd > 0) {
            w.muli(1 - lr * wd);
        }
        NDArray grad = decoupled ? g : withDecay(w, g, wd);
        try {
            m.muli(BETA1);
            try (NDArray a = grad.mul(1 - BETA1)) {
                m.addi(a);
            }
            v.muli(BETA2);
            try (NDArray sq = grad.square()) {
                sq.muli(1 - BETA2);
                v.addi(sq);
            }
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            try (NDArray vhat = v.div((float) c2); NDArray denom = vhat.sqrt()) {
                denom.addi(EPS);
                try (NDArray upd = m.div(denom)) {
                    upd.muli((float) (lr / c1));
                    w.subi(upd);
                }
            }
        } finally {
            if (grad != g) {
                grad.close();
            }
        }
    }

    /** @return {@code g + wd·w} (a new array), or {@code g} itself without decay */
    private static NDArray withDecay(NDArray w, NDArray g, float wd) {
        if (wd <= 0) {
            return g;
        }
        try (NDArray term = w.mul(wd)) {
            return g.add(term);
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeLong(t);
        writeAll(out, first);
        writeAll(out, second);
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        t = in.readLong();
        readAll(in, first, manager);
        readAll(in, second, manager);
    }

    private static void writeAll(DataOutputStream out, List<NDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (NDArray a : arrays) {
            byte[] b = a.encode();
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static void readAll(DataInputStream in, List<NDArray> arrays, NDManager manager) throws IOException {
        int n = in.readInt();
        if (n != arrays.size()) {
            throw new IOException("the checkpoint holds " + n + " optimizer arrays, the model " + arrays.size());
        }
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            try (NDArray loaded = NDArray.decode(manager, b)) {
                arrays.get(i).set(loaded.toByteBuffer());
            }
        }
    }
}
