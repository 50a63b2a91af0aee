package io.mlwb.training.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.MetricMode;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.ClassWeighting;
import io.mlwb.training.spec.TrainingSpec.LossType;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The training loop over DJL: seeded, deterministic on the CPU, checkpointed per epoch and resumable to the same
 * result as an uninterrupted run.
 *
 * <p>Determinism: PyTorch's generator is re-seeded from (seed, epoch) at the start of every epoch (dropout draws),
 * the batch order of an epoch is a seeded shuffle of (seed, epoch), and the optimizer's and schedule's states are
 * ours and checkpointed. So the run after epoch k depends only on the checkpoint of epoch k, and resuming from it
 * gives bit-identical weights and metrics to not stopping.
 *
 * <p>Early stopping watches the spec's metric ({@code val_loss} by default) with its mode, patience and min delta;
 * the weights of the best epoch are restored at the end. A NaN or infinite loss stops the run with a clear message,
 * keeping the last good checkpoint; an out-of-memory error is reported as such.
 */
final class TrainLoop implements AutoCloseable {
    /** The file magic of a checkpoint. */
    private static final int MAGIC = 0x4D4C5743; // "MLWC"
    private static final int FORMAT = 1;
    private static final int EVAL_CHUNK = 8192;

    private final TrainingSpec spec;
    private final PreparedData data;
    private final Device device;
    private final NDManager manager;
    private final Net net;
    private final Optim optim;
    private final LrSchedule schedule;
    private final int stepsPerEpoch;
    private final float[] classWeight;
    /** Outputs of the net: 1, or the number of classes of a multi-class target. */
    private final int classes;
    private final float yMean;
    private final float yScale;
    private final BiFunction<float[], double[], Map<String, Double>> evaluator;

    // state that a checkpoint holds
    private int epochDone;
    private long step;
    private double bestValue;
    private int bestEpoch;
    private int badEpochs;
    private byte[] bestParams;
    private final List<double[]> kept = new ArrayList<>(); // {epoch, value} of the checkpoints kept

    /**
     * @param spec      the spec
     * @param data      the prepared splits
     * @param device    where to train
     * @param evaluator validation metrics from (labels, predictions): names without the {@code val_} prefix
     */
    TrainLoop(TrainingSpec spec, PreparedData data, Device device,
              BiFunction<float[], double[], Map<String, Double>> evaluator) {
        this.spec = spec;
        this.data = data;
        this.device = device;
        this.evaluator = evaluator;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(seedFor(spec.seed(), 0));
        this.manager = engine.newBaseManager(device);
        this.classes = data.target().outputs();
        this.net = new Net(spec.model(), data.width(), classes, manager);
        this.optim = new Optim(spec.optimizer(), net.trainable(), manager);
        int n = data.train().size();
        this.stepsPerEpoch = Math.max(1, (n + spec.batchSize() - 1) / spec.batchSize());
        this.schedule = new LrSchedule(spec.schedule(), spec.optimizer().learningRate(), spec.epochs(), stepsPerEpoch);
        this.classWeight = classWeights(spec, data.train().y(), data.target().outputs());
        if (spec.task() == Task.REGRESSION) {
            double sum = 0;
            for (float y : data.train().y()) {
                sum += y;
            }
            double mean = sum / n;
            double ss = 0;
            for (float y : data.train().y()) {
                ss += (y - mean) * (y - mean);
            }
            double sd = Math.sqrt(ss / n);
            this.yMean = (float) mean;
            this.yScale = (float) (sd > 1e-12 ? sd : 1);
        } else {
            this.yMean = 0;
            this.yScale = 1;
        }
        this.bestValue = Double.NaN;
        this.bestEpoch = 0;
    }

    private static int seedFor(long seed, int epoch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) (h & 0x7fffffff);
    }

    private static float[] classWeights(TrainingSpec spec, float[] y, int outputs) {
        int k = Math.max(2, outputs);
        if (spec.task() != Task.CLASSIFICATION || spec.loss().classWeights() == ClassWeighting.NONE) {
            float[] ones = new float[k];
            java.util.Arrays.fill(ones, 1f);
            return ones;
        }
        if (outputs > 1) {
            // balanced over K classes: n / (K n_c); explicit weights are keyed by class index
            double[] count = new double[k];
            for (float v : y) {
                count[(int) v]++;
            }
            float[] w = new float[k];
            for (int c = 0; c < k; c++) {
                Double given = spec.loss().classWeights() == ClassWeighting.EXPLICIT
                        ? spec.loss().weights().get(Integer.toString(c)) : null;
                w[c] = given != null ? (float) (double) given
                        : count[c] == 0 ? 1f : (float) (y.length / (k * count[c]));
            }
            return w;
        }
        if (spec.loss().classWeights() == ClassWeighting.EXPLICIT) {
            Map<String, Double> w = spec.loss().weights();
            return new float[] {(float) (double) w.getOrDefault("0", 1.0), (float) (double) w.getOrDefault("1", 1.0)};
        }
        double pos = 0;
        for (float v : y) {
            pos += v;
        }
        double neg = y.length - pos;
        // balanced: n / (2 n_c), as scikit-learn's class_weight='balanced'
        return new float[] {(float) (y.length / (2 * neg)), (float) (y.length / (2 * pos))};
    }

    /** @return the steps of one epoch */
    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** @return trainable values in the model */
    long parameterCount() {
        return net.parameterCount();
    }

    /** @return the epoch whose weights are the result (the best one, once the run ended) */
    int bestEpoch() {
        return bestEpoch;
    }

    /** @return the early-stopping metric's best value */
    double bestValue() {
        return bestValue;
    }

    /** @return the last epoch completed */
    int epochDone() {
        return epochDone;
    }

    /** @return steps done */
    long step() {
        return step;
    }

    /** How a call to {@link #run} ended. */
    enum End { FINISHED, EARLY_STOPPED, STOPPED }

    /**
     * Trains from the current state (fresh, or loaded from a checkpoint) to the end of the run.
     *
     * @param checkpointDir where checkpoints go
     * @param listener      reports
     * @param control       pause and stop
     * @param progress      progress and cancellation (a cancel is a stop)
     * @return how it ended
     */
    End run(Path checkpointDir, TrainingListener listener, TrainingControl control, Progress progress) {
        // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that loaded the
        // engine. The optimiser updates the weights in place outside the gradient collector, which PyTorch refuses
        // with grad mode on, so a run trained on any other thread (the app's second job thread) would fail.
        if (manager.getEngine() instanceof ai.djl.pytorch.engine.PtEngine) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
        EarlyStop es = new EarlyStop(spec);
        if (epochDone > 0 && es.enabled && badEpochs >= es.patience) {
            return End.EARLY_STOPPED;
        }
        float[] x = data.train().x();
        float[] y = data.train().y();
        int n = data.train().size();
        int d = data.width();
        int bs = spec.batchSize();
        float[] xb = new float[bs * d];
        float[] yb = new float[bs];
        float[] rowW = data.train().weights();
        float[] wb = rowW == null ? null : new float[bs];
        Engine engine = manager.getEngine();
        for (int epoch = epochDone + 1; epoch <= spec.epochs(); epoch++) {
            long t0 = System.nanoTime();
            engine.setRandomSeed(seedFor(spec.seed(), epoch));
            int[] order = permutation(n, spec.seed(), epoch);
            double lossSum = 0;
            int batches = 0;
            double lr = schedule.at(step);
            for (int start = 0; start < n; start += bs) {
                if (control.pauseRequested()) {
                    listener.onPause(true);
                    control.awaitUnpaused();
                    listener.onPause(false);
                }
                if (control.stopRequested() || progress.cancelled()) {
                    return End.STOPPED;
                }
                int m = Math.min(bs, n - start);
                if (m == 1 && n > 1 && spec.model().batchNorm()) {
                    continue; // batch norm cannot train on a single row; PyTorch refuses it
                }
                for (int i = 0; i < m; i++) {
                    int r = order[start + i];
                    System.arraycopy(x, r * d, xb, i * d, d);
                    yb[i] = (y[r] - yMean) / yScale;
                    if (wb != null) {
                        wb[i] = rowW[r];
                    }
                }
                lr = schedule.at(step);
                double loss = trainStep(xb, yb, wb, m, d, lr);
                step++;
                if (!Double.isFinite(loss)) {
                    throw diverged(epoch, loss);
                }
                lossSum += loss;
                batches++;
                listener.onStep(step, epoch, loss, lr);
                progress.report(((epoch - 1) + (double) (start + m) / n) / spec.epochs(),
                        String.format(Locale.ROOT, "epoch %d/%d · loss %.4f", epoch, spec.epochs(), loss));
            }
            double trainLoss = batches == 0 ? Double.NaN : lossSum / batches;
            Map<String, Double> metrics = validate();
            double valLoss = metrics.getOrDefault("val_loss", Double.NaN);
            if (!Double.isFinite(valLoss)) {
                throw diverged(epoch, valLoss);
            }
            epochDone = epoch;
            Double watched = metrics.get(es.metric);
            if (watched == null) {
                throw new UserError("early_stopping.metric " + es.metric + " is not a validation metric of this run"
                        + " (it has " + String.join(", ", metrics.keySet()) + ")",
                        "Name one of them, e.g. val_loss.");
            }
            schedule.endOfEpoch(watched, es.mode == MetricMode.MAX);
            boolean improved = Double.isNaN(bestValue) || es.better(watched, bestValue);
            if (improved) {
                bestValue = watched;
                bestEpoch = epoch;
                badEpochs = 0;
                bestParams = net.saveParameters();
            } else {
                badEpochs++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            listener.onEpoch(new TrainingListener.EpochReport(epoch, step, trainLoss, metrics, lr, seconds, improved));
            if (spec.checkpoint().everyEpochs() > 0 && (epoch % spec.checkpoint().everyEpochs() == 0
                    || epoch == spec.epochs())) {
                writeCheckpoint(checkpointDir, epoch, watched, metrics, listener);
            }
            if (es.enabled && badEpochs >= es.patience) {
                restoreBest();
                return End.EARLY_STOPPED;
            }
        }
        restoreBest();
        return End.FINISHED;
    }

    private UserError diverged(int epoch, double loss) {
        return new UserError(String.format(Locale.ROOT, "the loss became %s at epoch %d, step %d; training stopped. "
                + "The last good checkpoint (epoch %d) is kept", Double.isNaN(loss) ? "NaN" : "infinite", epoch,
                step, epochDone), "Lower optimizer.learning_rate, check the data for extreme values, or use "
                + "standardize: true.", ExitCode.CHECK_FAILED, null);
    }

    private void restoreBest() {
        if (bestParams != null) {
            net.loadParameters(bestParams);
        }
    }

    private static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x632BE59BD9B4E019L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private double trainStep(float[] xb, float[] yb, float[] wb, int m, int d, double lr) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray xs = sub.create(m == xb.length / d ? xb : Arrays.copyOf(xb, m * d), new Shape(m, d));
            NDArray ys = sub.create(m == yb.length ? yb : Arrays.copyOf(yb, m), new Shape(m, 1));
            NDArray ws = wb == null ? null : sub.create(m == wb.length ? wb : Arrays.copyOf(wb, m), new Shape(m, 1));
            double value;
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray out = net.forward(xs, true);
                NDArray loss = loss(out, ys, ws);
                gc.backward(loss);
                value = loss.getFloat();
            }
            if (Double.isFinite(value)) {
                optim.step(net.trainable(), lr);
            }
            return value;
        } catch (EngineException e) {
            throw engineFailure(e);
        }
    }

    private RuntimeException engineFailure(EngineException e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("out of memory") || msg.contains("alloc")) {
            return new UserError("out of memory on " + device + " with batch_size " + spec.batchSize()
                    + " (" + firstLine(e.getMessage()) + ")",
                    "Lower batch_size or the model's layers, or train on the CPU (device: cpu).",
                    ExitCode.BAD_INPUT, e);
        }
        return e;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The mean loss of a batch; labels are 0/1 (classification) or standardized values (regression); {@code rowW}
     * multiplies each row's loss (fairness reweighing), or is null.
     */
    private NDArray loss(NDArray out, NDArray y, NDArray rowW) {
        NDArray perRow = rowLoss(out, y);
        return rowW == null ? perRow.mean() : perRow.mul(rowW).mean();
    }

    /** The per-row loss. */
    private NDArray rowLoss(NDArray out, NDArray y) {
        if (classes > 1) {
            // softmax cross-entropy: -log p(label), weighted per class
            NDArray oneHot = y.reshape(y.getShape().get(0)).toType(ai.djl.ndarray.types.DataType.INT64, false)
                    .oneHot(classes);
            NDArray nll = out.logSoftmax(1).mul(oneHot).sum(new int[] {1}, true).neg();
            NDArray w = oneHot.mul(out.getManager().create(classWeight)).sum(new int[] {1}, true);
            return nll.mul(w);
        }
        LossType type = spec.loss().type();
        switch (type) {
            case MSE -> {
                return out.sub(y).square();
            }
            case HUBER -> {
                float delta = (float) (spec.loss().delta() > 0 ? spec.loss().delta() : 1.0);
                NDArray a = out.sub(y).abs();
                NDArray quad = a.minimum(delta);
                NDArray lin = a.sub(quad);
                return quad.square().mul(0.5f).add(lin.mul(delta));
            }
            default -> {
                // binary cross-entropy on logits, stable form: max(z,0) - z*y + log(1 + exp(-|z|))
                NDArray bce = out.maximum(0f).sub(out.mul(y)).add(out.abs().neg().exp().add(1f).log());
                NDArray w = y.mul(classWeight[1] - classWeight[0]).add(classWeight[0]);
                if (type == LossType.FOCAL) {
                    float gamma = (float) spec.loss().gamma();
                    NDArray p = ai.djl.nn.Activation.sigmoid(out);
                    NDArray pt = p.mul(y).add(p.neg().add(1f).mul(y.neg().add(1f)));
                    NDArray mod = pt.neg().add(1f).pow(gamma);
                    return bce.mul(mod).mul(w);
                }
                return bce.mul(w);
            }
        }
    }

    /** Validation loss and metrics (names prefixed {@code val_}). */
    private Map<String, Double> validate() {
        PreparedData.Part v = data.validation();
        if (classes > 1) {
            double[] proba = predictProba(v.x(), v.size());
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("val_loss", multiLoss(v.y(), proba));
            for (Map.Entry<String, Double> e : MultiClass.metrics(v.y(), proba, classes).entrySet()) {
                out.putIfAbsent("val_" + e.getKey(), e.getValue());
            }
            return out;
        }
        double[] pred = predict(v.x(), v.size());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_loss", lossOf(v.y(), pred));
        for (Map.Entry<String, Double> e : evaluator.apply(v.y(), pred).entrySet()) {
            out.putIfAbsent("val_" + e.getKey(), e.getValue());
        }
        return out;
    }

    /** The weighted cross-entropy of class probabilities, in Java. */
    double multiLoss(float[] y, double[] proba) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            int c = (int) y[i];
            sum += classWeight[c] * -Math.log(Math.max(proba[i * classes + c], 1e-15));
        }
        return y.length == 0 ? Double.NaN : sum / y.length;
    }

    /** The spec's loss on predictions (probabilities or values), computed in Java in double precision. */
    double lossOf(float[] y, double[] pred) {
        LossType type = spec.loss().type();
        double sum = 0;
        double wsum = 0;
        for (int i = 0; i < y.length; i++) {
            if (type == LossType.MSE || type == LossType.HUBER) {
                double e = (pred[i] - y[i]) / yScale;
                double a = Math.abs(e);
                double delta = spec.loss().delta() > 0 ? spec.loss().delta() : 1.0;
                sum += type == LossType.MSE ? e * e : a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
                wsum += 1;
            } else {
                double p = Math.min(Math.max(pred[i], 1e-15), 1 - 1e-15);
                double bce = y[i] > 0.5 ? -Math.log(p) : -Math.log(1 - p);
                double w = classWeight[y[i] > 0.5 ? 1 : 0];
                if (type == LossType.FOCAL) {
                    double pt = y[i] > 0.5 ? p : 1 - p;
                    bce *= Math.pow(1 - pt, spec.loss().gamma());
                }
                sum += w * bce;
                wsum += 1;
            }
        }
        return wsum == 0 ? Double.NaN : sum / wsum;
    }

    /**
     * Predicts rows with the current weights (inference mode: no dropout, running batch statistics).
     *
     * @param x    row-major inputs
     * @param rows the number of rows
     * @return probabilities of the positive class, or predicted values
     */
    double[] predict(float[] x, int rows) {
        if (classes > 1) {
            // the probability of the most likely class; predictProba gives all
            double[] p = predictProba(x, rows);
            double[] best = new double[rows];
            for (int i = 0; i < rows; i++) {
                double m = 0;
                for (int c = 0; c < classes; c++) {
                    m = Math.max(m, p[i * classes + c]);
                }
                best[i] = m;
            }
            return best;
        }
        return predictRaw(x, rows);
    }

    /** @return the number of classes (1 for binary or regression) */
    int classes() {
        return classes;
    }

    /**
     * Class probabilities of a multi-class model.
     *
     * @param x    row-major inputs
     * @param rows the number of rows
     * @return {@code rows × classes} probabilities, row-major
     */
    double[] predictProba(float[] x, int rows) {
        int d = data.width();
        double[] out = new double[rows * classes];
        try {
            for (int start = 0; start < rows; start += EVAL_CHUNK) {
                int m = Math.min(EVAL_CHUNK, rows - start);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray xs = sub.create(Arrays.copyOfRange(x, start * d, (start + m) * d), new Shape(m, d));
                    float[] p = net.forward(xs, false).softmax(1).toFloatArray();
                    for (int i = 0; i < p.length; i++) {
                        out[start * classes + i] = p[i];
                    }
                }
            }
        } catch (EngineException e) {
            throw engineFailure(e);
        }
        return out;
    }

    private double[] predictRaw(float[] x, int rows) {
        int d = data.width();
        double[] out = new double[rows];
        try {
            for (int start = 0; start < rows; start += EVAL_CHUNK) {
                int m = Math.min(EVAL_CHUNK, rows - start);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray xs = sub.create(Arrays.copyOfRange(x, start * d, (start + m) * d), new Shape(m, d));
                    float[] z = net.forward(xs, false).toFloatArray();
                    for (int i = 0; i < m; i++) {
                        out[start + i] = spec.task() == Task.REGRESSION ? z[i] * (double) yScale + yMean
                                : 1.0 / (1.0 + Math.exp(-z[i]));
                    }
                }
            }
        } catch (EngineException e) {
            throw engineFailure(e);
        }
        return out;
    }

    // ---- checkpoints --------------------------------------------------------------------------------------------

    private void writeCheckpoint(Path dir, int epoch, double value, Map<String, Double> metrics,
                                 TrainingListener listener) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch));
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                save(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            kept.add(new double[] {epoch, value});
            List<Path> deleted = prune(dir, epoch);
            listener.onCheckpoint(epoch, step, file, metrics, deleted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the best K by the early-stopping metric, and always the latest (to resume from). */
    private List<Path> prune(Path dir, int latest) throws IOException {
        int keep = Math.max(1, spec.checkpoint().keepBest());
        EarlyStop es = new EarlyStop(spec);
        List<double[]> byValue = new ArrayList<>(kept);
        byValue.sort(Comparator.comparingDouble((double[] a) -> es.mode == MetricMode.MAX ? -a[1] : a[1])
                .thenComparingDouble(a -> a[0]));
        List<double[]> survivors = new ArrayList<>(byValue.subList(0, Math.min(keep, byValue.size())));
        List<Path> deleted = new ArrayList<>();
        for (double[] k : new ArrayList<>(kept)) {
            if ((int) k[0] != latest && !survivors.contains(k)) {
                Path f = dir.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", (int) k[0]));
                Files.deleteIfExists(f);
                deleted.add(f);
                kept.remove(k);
            }
        }
        return deleted;
    }

    private void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(data.width());
        out.writeInt(epochDone);
        out.writeLong(step);
        out.writeDouble(bestValue);
        out.writeInt(bestEpoch);
        out.writeInt(badEpochs);
        byte[] params = net.saveParameters();
        out.writeInt(params.length);
        out.write(params);
        byte[] best = bestParams == null ? new byte[0] : bestParams;
        out.writeInt(best.length);
        out.write(best);
        optim.save(out);
        schedule.save(out);
        out.writeInt(kept.size());
        for (double[] k : kept) {
            out.writeDouble(k[0]);
            out.writeDouble(k[1]);
        }
    }

    /**
     * Loads a checkpoint, so that {@link #run} continues after its epoch.
     *
     * @param file a checkpoint of this spec and data
     */
    void load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new UserError(file + " is not an mlwb checkpoint", "Pick a file from the run's checkpoints.");
            }
            int width = in.readInt();
            if (width != data.width()) {
                throw new UserError("checkpoint " + file.getFileName() + " is for " + width + " model inputs, the data"
                        + " now gives " + data.width(), "Resume with the data version the run trained on.");
            }
            epochDone = in.readInt();
            step = in.readLong();
            bestValue = in.readDouble();
            bestEpoch = in.readInt();
            badEpochs = in.readInt();
            byte[] params = new byte[in.readInt()];
            in.readFully(params);
            net.loadParameters(params);
            byte[] best = new byte[in.readInt()];
            in.readFully(best);
            bestParams = best.length == 0 ? null : best;
            optim.load(in, manager);
            schedule.load(in);
            kept.clear();
            int k = in.readInt();
            for (int i = 0; i < k; i++) {
                kept.add(new double[] {in.readDouble(), in.readDouble()});
            }
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + file + ": " + e.getMessage(),
                    "The file may be damaged; resume from an earlier checkpoint.", ExitCode.BAD_INPUT, e);
        }
    }

    /** @return the current weights as bytes (the model artifact's) */
    byte[] parameters() {
        return net.saveParameters();
    }

    /** @return the label's mean subtracted before regression training */
    float yMean() {
        return yMean;
    }

    /** @return the label's scale divided before regression training */
    float yScale() {
        return yScale;
    }

    /** @return the class weights used (negative, positive) */
    float[] classWeight() {
        return classWeight.clone();
    }

    @Override
    public void close() {
        net.close();
        manager.close();
    }

    /** Early stopping settings, with the metric name normalized. */
    private static final class EarlyStop {
        final boolean enabled;
        final String metric;
        final MetricMode mode;
        final int patience;
        final double minDelta;

        EarlyStop(TrainingSpec spec) {
            TrainingSpec.EarlyStopping e = spec.earlyStopping();
            this.enabled = e.enabled();
            String m = e.metric();
            this.metric = m.startsWith("val_") ? m : "val_" + m;
            this.mode = e.mode();
            this.patience = Math.max(1, e.patience());
            this.minDelta = e.minDelta();
        }

        boolean better(double value, double best) {
            return mode == MetricMode.MAX ? value > best + minDelta : value < best - minDelta;
        }
    }

    /** Reads bytes of parameters into a fresh loop's model; used to rebuild a model from an artifact. */
    void loadParameterBytes(byte[] params) {
        net.loadParameters(params);
    }
}
