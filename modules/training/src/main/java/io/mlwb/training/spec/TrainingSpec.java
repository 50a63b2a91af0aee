package io.mlwb.training.spec;

import io.mlwb.core.project.Device;
import io.mlwb.core.project.MetricMode;
import io.mlwb.core.project.SplitStrategy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A training spec ({@code training/*.yaml}) after loading and validation: every section filled, defaults applied
 * from mlwb.yaml's {@code training:} section or built in. Immutable. See {@code docs/training-spec.md}.
 *
 * @param file           the spec file as named to the loader
 * @param dataset        the dataset and optional version
 * @param target         the column predicted
 * @param task           classification or regression, as decided from the model and loss
 * @param taskReason     why that task was chosen, e.g. {@code "model logistic_regression"}
 * @param features       which columns are inputs
 * @param split          how rows are split into train, validation and test
 * @param preprocessing  preprocessing fitted on the training split
 * @param model          the model architecture
 * @param loss           the loss function
 * @param optimizer      the optimizer
 * @param schedule       the learning-rate schedule
 * @param batchSize      rows per batch, at least 1
 * @param epochs         the most epochs trained, at least 1
 * @param earlyStopping  early stopping
 * @param checkpoint     checkpointing
 * @param seed           seed for split, initialisation and data order
 * @param device         where training runs
 * @param mixedPrecision whether to train in mixed precision where the device supports it
 * @param threshold      the decision threshold for classification
 * @param costs          the cost matrix, or null when the spec has none
 * @param fairness       the sensitive column mitigation works on, and how (never null)
 */
public record TrainingSpec(String file, DatasetRef dataset, String target, Task task, String taskReason,
                           Features features, Split split, Preprocessing preprocessing, Model model, Loss loss,
                           Optimizer optimizer, Schedule schedule, int batchSize, int epochs,
                           EarlyStopping earlyStopping, Checkpoint checkpoint, long seed, DeviceChoice device,
                           boolean mixedPrecision, Threshold threshold, CostMatrix costs, Fairness fairness) {

    /** Checks the required parts are set. */
    public TrainingSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(threshold, "threshold");
        fairness = fairness == null ? Fairness.none() : fairness;
    }

    /** How fairness is handled in training. */
    public enum Mitigation {
        /** Measure only. */
        NONE,
        /** Kamiran and Calders: weight training rows by group and label so both become independent. */
        REWEIGHING,
        /** Per-group decision thresholds fitted on validation data. */
        GROUP_THRESHOLDS
    }

    /** What per-group thresholds equalise. */
    public enum Criterion {
        /** Equal selection rates. */
        DEMOGRAPHIC_PARITY,
        /** Equal true-positive rates. */
        EQUAL_OPPORTUNITY
    }

    /**
     * The {@code fairness:} section: the sensitive column mitigation works on, and how.
     *
     * @param attribute  a sensitive column (never a feature), or null when the section is absent
     * @param mitigation none, reweighing or group thresholds
     * @param criterion  for group thresholds: demographic parity or equal opportunity
     */
    public record Fairness(String attribute, Mitigation mitigation, Criterion criterion) {
        /** Checks the parts. */
        public Fairness {
            Objects.requireNonNull(mitigation, "mitigation");
            Objects.requireNonNull(criterion, "criterion");
        }

        /** @return no mitigation, no attribute */
        public static Fairness none() {
            return new Fairness(null, Mitigation.NONE, Criterion.DEMOGRAPHIC_PARITY);
        }
    }

    /** What the model predicts. */
    public enum Task {
        /** A class label (binary or multi-class). */
        CLASSIFICATION,
        /** A number. */
        REGRESSION
    }

    /**
     * The dataset trained on.
     *
     * @param name    a dataset name from mlwb.yaml
     * @param version a git revision or blob id pinning the data, or null for the working copy
     * @param path    a file relative to the project root when the spec names it itself (not declared in mlwb.yaml),
     *                else null
     */
    public record DatasetRef(String name, String version, String path) {
        /** Checks the name is set. */
        public DatasetRef {
            Objects.requireNonNull(name, "name");
        }

        /**
         * @param project the project's configuration
         * @return the declared dataset, or one made from {@code path} with default read options
         * @throws java.util.NoSuchElementException when neither exists (the loader has checked that)
         */
        public io.mlwb.core.project.DatasetConfig resolve(io.mlwb.core.project.ProjectConfig project) {
            return project.dataset(name).orElseGet(() -> io.mlwb.core.project.DatasetConfig.of(name,
                    java.util.Objects.requireNonNull(path, "dataset " + name + " is neither declared nor given a path")));
        }
    }

    /**
     * The input columns. Resolution against the dataset's columns happens when the data is read.
     *
     * @param include the columns used, or empty for the default: all but id, target, time and sensitive columns
     * @param exclude columns removed from that set
     */
    public record Features(List<String> include, List<String> exclude) {
        /** Copies the lists. */
        public Features {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }
    }

    /**
     * How rows are split, seeded by the spec's seed.
     *
     * @param strategy           random, time or group
     * @param stratified         whether a random split keeps the target's class shares in each part
     * @param validationFraction share of rows for validation, in (0, 1)
     * @param testFraction       share of rows for the final test, in (0, 1)
     * @param timeColumn         the column ordering rows for a time split, or null
     * @param groupColumn        the column grouping rows for a group split, or null
     */
    public record Split(SplitStrategy strategy, boolean stratified, double validationFraction, double testFraction,
                        String timeColumn, String groupColumn) {
        /** Checks the strategy is set. */
        public Split {
            Objects.requireNonNull(strategy, "strategy");
        }
    }

    /** How missing values are filled. */
    public enum ImputeStrategy {
        /** Mean of the training split (numeric columns; categorical columns use the most frequent value). */
        MEAN,
        /** Median of the training split (numeric columns; categorical columns use the most frequent value). */
        MEDIAN,
        /** Most frequent value of the training split. */
        MOST_FREQUENT,
        /** A fixed value. */
        CONSTANT
    }

    /**
     * Preprocessing, fitted on the training split only.
     *
     * @param standardize           whether numeric columns are scaled to mean 0 and standard deviation 1
     * @param oneHotMaxCategories   categories kept per categorical column; the rest and unseen ones go to "other"
     * @param impute                how missing values are filled
     * @param imputeValue           the fill value for {@link ImputeStrategy#CONSTANT}, else null
     * @param textLengthFeatures    whether text columns contribute their length as a feature
     */
    public record Preprocessing(boolean standardize, int oneHotMaxCategories, ImputeStrategy impute,
                                String imputeValue, boolean textLengthFeatures) {
        /** Checks the strategy is set. */
        public Preprocessing {
            Objects.requireNonNull(impute, "impute");
        }
    }

    /** The model family. */
    public enum ModelType {
        /** Logistic regression (classification). */
        LOGISTIC_REGRESSION,
        /** Linear regression (regression). */
        LINEAR_REGRESSION,
        /** A multi-layer perceptron (either task, decided by the loss). */
        MLP
    }

    /** Activation between MLP layers. */
    public enum Activation {
        /** Rectified linear unit. */
        RELU,
        /** Gaussian error linear unit. */
        GELU,
        /** Hyperbolic tangent. */
        TANH
    }

    /**
     * The model.
     *
     * @param type       the family
     * @param layers     hidden layer widths for an MLP, empty otherwise
     * @param activation activation between hidden layers
     * @param dropout    dropout probability after each hidden layer, in [0, 1)
     * @param batchNorm  whether batch normalisation follows each hidden layer
     */
    public record Model(ModelType type, List<Integer> layers, Activation activation, double dropout,
                        boolean batchNorm) {
        /** Copies the layers. */
        public Model {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(activation, "activation");
            layers = List.copyOf(layers);
        }
    }

    /** The loss function. */
    public enum LossType {
        /** Binary cross-entropy (classification). */
        BCE,
        /** Focal loss (classification, imbalanced classes). */
        FOCAL,
        /** Softmax cross-entropy (classification, several classes). */
        CROSS_ENTROPY,
        /** Mean squared error (regression). */
        MSE,
        /** Huber loss (regression, robust to outliers). */
        HUBER;

        /** @return the task this loss trains for */
        public Task task() {
            return this == MSE || this == HUBER ? Task.REGRESSION : Task.CLASSIFICATION;
        }
    }

    /** How classes are weighted in a classification loss. */
    public enum ClassWeighting {
        /** Weights inversely proportional to class frequency in the training split. */
        AUTO,
        /** Every class weighs 1. */
        NONE,
        /** Weights given per class in the spec. */
        EXPLICIT
    }

    /**
     * The loss.
     *
     * @param type         the loss function
     * @param classWeights how classes are weighted (classification losses)
     * @param weights      class label to weight, for {@link ClassWeighting#EXPLICIT}; empty otherwise
     * @param gamma        focusing parameter of the focal loss
     * @param delta        threshold of the Huber loss
     */
    public record Loss(LossType type, ClassWeighting classWeights, Map<String, Double> weights, double gamma,
                       double delta) {
        /** Copies the weights. */
        public Loss {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(classWeights, "classWeights");
            weights = Map.copyOf(weights);
        }
    }

    /** The optimizer. */
    public enum OptimizerType {
        /** Stochastic gradient descent, optionally with momentum. */
        SGD,
        /** Adam. */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW
    }

    /**
     * The optimizer.
     *
     * @param type         the algorithm
     * @param learningRate the (initial) step size, above 0
     * @param momentum     SGD momentum in [0, 1)
     * @param weightDecay  L2 / decoupled weight decay, at least 0
     */
    public record Optimizer(OptimizerType type, double learningRate, double momentum, double weightDecay) {
        /** Checks the type is set. */
        public Optimizer {
            Objects.requireNonNull(type, "type");
        }
    }

    /** The learning-rate schedule. */
    public enum ScheduleType {
        /** The same rate every step. */
        CONSTANT,
        /** Multiply by {@code gamma} every {@code step_size} epochs. */
        STEP,
        /** Cosine annealing to 0 over the epochs. */
        COSINE,
        /** One cycle up to {@code max_lr} and down again. */
        ONE_CYCLE,
        /** Multiply by {@code factor} when the early-stopping metric stalls for {@code patience} epochs. */
        REDUCE_ON_PLATEAU
    }

    /**
     * The learning-rate schedule; fields not used by the type keep their defaults.
     *
     * @param type     the schedule
     * @param stepSize epochs between steps (step)
     * @param gamma    factor per step (step), in (0, 1)
     * @param maxLr    peak rate (one_cycle), above 0
     * @param factor   factor on a plateau (reduce_on_plateau), in (0, 1)
     * @param patience epochs without improvement before reducing (reduce_on_plateau), at least 1
     */
    public record Schedule(ScheduleType type, int stepSize, double gamma, double maxLr, double factor, int patience) {
        /** Checks the type is set. */
        public Schedule {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Early stopping.
     *
     * @param enabled  whether training stops early
     * @param metric   the metric watched, e.g. {@code val_loss}
     * @param mode     whether smaller or larger is better
     * @param patience epochs without improvement before stopping, at least 1
     * @param minDelta the least change that counts as an improvement, at least 0
     */
    public record EarlyStopping(boolean enabled, String metric, MetricMode mode, int patience, double minDelta) {
        /** Checks metric and mode are set. */
        public EarlyStopping {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * Checkpointing.
     *
     * @param everyEpochs save a checkpoint every this many epochs, at least 1
     * @param keepBest    how many best checkpoints (by the early-stopping metric) are kept, at least 1
     */
    public record Checkpoint(int everyEpochs, int keepBest) {
    }

    /**
     * Where training runs.
     *
     * @param kind     auto, cpu or gpu
     * @param gpuIndex the GPU index for {@link Device#GPU}, else -1
     */
    public record DeviceChoice(Device kind, int gpuIndex) {
        /** Checks the kind is set. */
        public DeviceChoice {
            Objects.requireNonNull(kind, "kind");
        }

        /** @return the device as written in a spec: {@code auto}, {@code cpu} or {@code gpu:N} */
        public String yamlName() {
            return kind == Device.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The decision threshold of a classifier.
     *
     * @param value the probability at or above which the positive class is predicted, or NaN when {@code byCost}
     * @param byCost whether the threshold minimising expected cost under {@link #costs()} is chosen instead
     */
    public record Threshold(double value, boolean byCost) {
    }

    /**
     * What each kind of mistake costs the business, in the project's currency.
     *
     * @param falsePositiveCost cost of predicting positive for a negative row (e.g. a false decline)
     * @param falseNegativeCost cost of predicting negative for a positive row (e.g. a false approval)
     */
    public record CostMatrix(double falsePositiveCost, double falseNegativeCost) {
    }
}
