package io.mlwb.training.spec;

import com.fasterxml.jackson.core.JsonToken;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ConfigError;
import io.mlwb.core.project.ConfigWarning;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Device;
import io.mlwb.core.project.EarlyStoppingConfig;
import io.mlwb.core.project.MetricMode;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.core.project.SplitConfig;
import io.mlwb.core.project.SplitStrategy;
import io.mlwb.core.project.TrainingDefaults;
import io.mlwb.core.project.YamlSection;
import io.mlwb.core.project.YamlTree;
import io.mlwb.core.project.YamlTree.Entry;
import io.mlwb.core.project.YamlTree.ListNode;
import io.mlwb.core.project.YamlTree.MapNode;
import io.mlwb.core.project.YamlTree.Mark;
import io.mlwb.core.project.YamlTree.Node;
import io.mlwb.core.project.YamlTree.ScalarNode;
import io.mlwb.training.spec.TrainingSpec.Activation;
import io.mlwb.training.spec.TrainingSpec.Checkpoint;
import io.mlwb.training.spec.TrainingSpec.ClassWeighting;
import io.mlwb.training.spec.TrainingSpec.CostMatrix;
import io.mlwb.training.spec.TrainingSpec.Criterion;
import io.mlwb.training.spec.TrainingSpec.Fairness;
import io.mlwb.training.spec.TrainingSpec.Mitigation;
import io.mlwb.training.spec.TrainingSpec.DatasetRef;
import io.mlwb.training.spec.TrainingSpec.DeviceChoice;
import io.mlwb.training.spec.TrainingSpec.EarlyStopping;
import io.mlwb.training.spec.TrainingSpec.Features;
import io.mlwb.training.spec.TrainingSpec.ImputeStrategy;
import io.mlwb.training.spec.TrainingSpec.Loss;
import io.mlwb.training.spec.TrainingSpec.LossType;
import io.mlwb.training.spec.TrainingSpec.Model;
import io.mlwb.training.spec.TrainingSpec.ModelType;
import io.mlwb.training.spec.TrainingSpec.Optimizer;
import io.mlwb.training.spec.TrainingSpec.OptimizerType;
import io.mlwb.training.spec.TrainingSpec.Preprocessing;
import io.mlwb.training.spec.TrainingSpec.Schedule;
import io.mlwb.training.spec.TrainingSpec.ScheduleType;
import io.mlwb.training.spec.TrainingSpec.Split;
import io.mlwb.training.spec.TrainingSpec.Task;
import io.mlwb.training.spec.TrainingSpec.Threshold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a training spec ({@code training/*.yaml}) and validates it against the project's mlwb.yaml. Every error is
 * a {@link ConfigError} (a {@link UserError}, exit 2) whose message starts with {@code file:line:col:} and names
 * the key path, what was expected and what was found; unknown keys become warnings with a "did you mean".
 * Stateless and thread-safe.
 */
public final class TrainingSpecLoader {

    static final List<String> TOP_KEYS = List.of("dataset", "target", "features", "split", "preprocessing", "model",
            "loss", "optimizer", "lr_schedule", "batch_size", "epochs", "early_stopping", "checkpoint", "seed",
            "device", "mixed_precision", "threshold", "costs", "fairness");
    static final List<String> FAIRNESS_KEYS = List.of("attribute", "mitigation", "criterion");
    static final List<String> DATASET_KEYS = List.of("name", "version", "path");
    static final List<String> FEATURE_KEYS = List.of("include", "exclude");
    static final List<String> SPLIT_KEYS = List.of("strategy", "stratified", "validation_fraction", "test_fraction",
            "time_column", "group_column");
    static final List<String> PREPROCESSING_KEYS = List.of("standardize", "one_hot", "impute", "text_length");
    static final List<String> ONE_HOT_KEYS = List.of("max_categories");
    static final List<String> IMPUTE_KEYS = List.of("strategy", "value");
    static final List<String> MODEL_KEYS = List.of("type", "layers", "activation", "dropout", "batch_norm");
    static final List<String> LOSS_KEYS = List.of("type", "class_weights", "gamma", "delta");
    static final List<String> OPTIMIZER_KEYS = List.of("type", "learning_rate", "momentum", "weight_decay");
    static final List<String> SCHEDULE_KEYS = List.of("type", "step_size", "gamma", "max_lr", "factor", "patience");
    static final List<String> EARLY_STOPPING_KEYS = List.of("enabled", "metric", "mode", "patience", "min_delta");
    static final List<String> CHECKPOINT_KEYS = List.of("every_epochs", "keep_best");
    static final List<String> COST_KEYS = List.of("false_positive_cost", "false_negative_cost");

    /** Built-in early-stopping patience when mlwb.yaml has no {@code training.early_stopping}. */
    public static final int DEFAULT_PATIENCE = 3;
    /** Built-in number of best checkpoints kept. */
    public static final int DEFAULT_KEEP_BEST = 1;
    /** Built-in one-hot category limit per column. */
    public static final int DEFAULT_MAX_CATEGORIES = 20;
    /** Built-in decision threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,3}))?");

    /** Creates a loader. */
    public TrainingSpecLoader() {
    }

    /**
     * Reads and validates a spec file.
     *
     * @param file    the spec file; errors name it as given
     * @param project the project's configuration (datasets and {@code training:} defaults)
     * @return the spec and its warnings
     * @throws UserError when the file cannot be read or the spec is invalid
     */
    public LoadedSpec load(Path file, ProjectConfig project) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("training spec " + file + " does not exist",
                    "Check the path; specs live in the project's training/ folder.");
        } catch (IOException e) {
            throw new UserError("cannot read training spec " + file + ": " + e.getMessage(),
                    "Check the file exists and is readable.", io.mlwb.core.error.ExitCode.BAD_INPUT, e);
        }
        return parse(text, file.toString(), project);
    }

    /**
     * Validates a spec given as text.
     *
     * @param yaml              the spec text
     * @param fileNameForErrors the name errors and warnings use
     * @param project           the project's configuration
     * @return the spec and its warnings
     * @throws ConfigError when the spec is invalid
     */
    public LoadedSpec parse(String yaml, String fileNameForErrors, ProjectConfig project) {
        return new Binder(fileNameForErrors, project).bind(YamlTree.parse(yaml, fileNameForErrors));
    }

    /** Reads one file. */
    private static final class Binder {
        private final String file;
        private final ProjectConfig project;
        private final TrainingDefaults defaults;
        private final List<ConfigWarning> warnings = new ArrayList<>();

        Binder(String file, ProjectConfig project) {
            this.file = file;
            this.project = project;
            this.defaults = project.training() == null ? TrainingDefaults.defaults() : project.training();
        }

        LoadedSpec bind(Node root) {
            if (root == null) {
                throw error(new Mark(1, 1), "", "the training spec is empty",
                        "Write at least `dataset: <name from mlwb.yaml>`; see docs/training-spec.md.");
            }
            if (!(root instanceof MapNode map)) {
                throw error(root.mark(), "", "the top level must be a mapping of keys such as `dataset:` and "
                        + "`model:`, found " + found(root), "Write `key: value` lines starting in column 1.");
            }
            Section top = new Section(map, "", TOP_KEYS);
            DatasetRef datasetRef = dataset(top);
            DatasetConfig dataset = datasetRef.resolve(project);
            String target = target(top, dataset);
            Features features = features(top.section("features", FEATURE_KEYS), target);
            Split split = split(top.section("split", SPLIT_KEYS), dataset);
            Preprocessing preprocessing = preprocessing(top.section("preprocessing", PREPROCESSING_KEYS));
            Model model = model(top.typedSection("model", MODEL_KEYS));
            Section lossSection = top.typedSection("loss", LOSS_KEYS);
            Loss loss = loss(lossSection, model);
            Task task = loss.type().task();
            String taskReason = model.type() == ModelType.MLP
                    ? "loss " + lower(loss.type()) : "model " + lower(model.type());
            if (split.stratified() && task == Task.REGRESSION) {
                throw error(splitMark(top), "split.stratified",
                        "split.stratified needs a classification task, but this spec is regression (" + taskReason
                                + ")", "Remove `stratified: true`, or use a classification loss.");
            }
            Optimizer optimizer = optimizer(top.typedSection("optimizer", OPTIMIZER_KEYS));
            Schedule schedule = schedule(top.typedSection("lr_schedule", SCHEDULE_KEYS), optimizer);
            int batchSize = (int) top.integer("batch_size", defaults.batchSize(), 1, Integer.MAX_VALUE);
            int epochs = (int) top.integer("epochs", defaults.maxEpochs(), 1, Integer.MAX_VALUE);
            EarlyStopping earlyStopping = earlyStopping(top);
            Checkpoint checkpoint = checkpoint(top.section("checkpoint", CHECKPOINT_KEYS));
            long seed = top.integer("seed", defaults.seed(), 0, Long.MAX_VALUE);
            DeviceChoice device = device(top);
            boolean mixedPrecision = top.bool("mixed_precision", false);
            if (mixedPrecision && device.kind() == Device.CPU) {
                warn(top.valueMark("mixed_precision"), "mixed_precision",
                        "mixed_precision has no effect on device cpu; training runs in full precision", null);
            }
            CostMatrix costs = costs(top.section("costs", COST_KEYS));
            Fairness fairness = fairness(top.section("fairness", FAIRNESS_KEYS), dataset, task);
            Threshold threshold = threshold(top, task, costs);
            top.finish();
            warnings.sort(Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
            TrainingSpec spec = new TrainingSpec(file, datasetRef, target, task, taskReason, features, split,
                    preprocessing, model, loss, optimizer, schedule, batchSize, epochs, earlyStopping, checkpoint,
                    seed, device, mixedPrecision, threshold, costs, fairness);
            return new LoadedSpec(spec, warnings);
        }

        private Mark splitMark(Section top) {
            Node split = top.value("split");
            if (split instanceof MapNode m && m.entries().containsKey("stratified")) {
                return m.entries().get("stratified").value().mark();
            }
            return top.valueMark("split");
        }

        // ---- sections --------------------------------------------------------------------------------------

        private DatasetRef dataset(Section top) {
            String names = project.datasets().stream().map(d -> "`" + d.name() + "`")
                    .collect(Collectors.joining(", "));
            String fix = project.datasets().isEmpty()
                    ? "Declare the dataset under `datasets:` in mlwb.yaml first."
                    : "Use one of the datasets declared in mlwb.yaml: " + names + ".";
            Node n = top.value("dataset");
            String name;
            String version = null;
            String path = null;
            Mark pathMark = null;
            String namePath;
            Mark nameMark;
            if (n instanceof MapNode) {
                Section d = top.section("dataset", DATASET_KEYS);
                name = d.requiredText("name", fix);
                namePath = "dataset.name";
                nameMark = d.valueMark("name");
                version = d.text("version");
                path = d.text("path");
                pathMark = path == null ? null : d.valueMark("path");
                d.finish();
            } else {
                name = top.requiredText("dataset", fix);
                namePath = "dataset";
                nameMark = top.valueMark("dataset");
            }
            if (path != null) {
                // a file named by the spec itself (what `mlwb train --data FILE` writes): read with default options
                if (project.dataset(name).isPresent() && !project.dataset(name).get().path().equals(path)) {
                    throw error(pathMark, "dataset.path", "dataset.path %s differs from the path mlwb.yaml gives dataset %s (%s)"
                            .formatted(quote(path), quote(name), project.dataset(name).get().path()),
                            "Remove dataset.path to use the declared dataset, or rename the dataset.");
                }
                return new DatasetRef(name, version, path);
            }
            if (project.dataset(name).isEmpty()) {
                throw error(nameMark, namePath, "%s names dataset %s, which mlwb.yaml does not declare (it declares %s)"
                        .formatted(namePath, quote(name), names.isEmpty() ? "none" : names), fix);
            }
            return new DatasetRef(name, version, null);
        }

        private String target(Section top, DatasetConfig dataset) {
            String target = top.text("target");
            if (target == null) {
                target = dataset.target();
            }
            if (target == null || target.isBlank()) {
                throw error(top.map.mark(), "target", "target is required: dataset `%s` has no `target:` in mlwb.yaml"
                        .formatted(dataset.name()), "Add `target: <column to predict>` to the spec.");
            }
            return target;
        }

        private Features features(Section f, String target) {
            if (f == null) {
                return new Features(List.of(), List.of());
            }
            List<String> include = f.texts("include");
            List<String> exclude = f.texts("exclude");
            int at = include.indexOf(target);
            if (at >= 0) {
                throw error(f.itemMark("include", at), "features.include[" + at + "]",
                        "features.include[%d] is the target %s; a model cannot take its target as input"
                                .formatted(at, quote(target)), "Remove the target from `features.include`.");
            }
            f.finish();
            return new Features(include, exclude);
        }

        private Split split(Section s, DatasetConfig dataset) {
            SplitConfig base = defaults.split();
            String datasetTime = base.timeColumn() != null ? base.timeColumn() : dataset.timeColumn();
            SplitStrategy dflt = base.strategy() != SplitStrategy.RANDOM ? base.strategy()
                    : datasetTime != null ? SplitStrategy.TIME : SplitStrategy.RANDOM;
            if (s == null) {
                return checkSplit(null, new Split(dflt, false, base.validationFraction(), base.testFraction(),
                        datasetTime, base.groupColumn() != null ? base.groupColumn() : dataset.idColumn()));
            }
            SplitStrategy strategy = s.choice("strategy", SplitStrategy.class, dflt);
            boolean stratified = s.bool("stratified", false);
            if (stratified && strategy != SplitStrategy.RANDOM) {
                throw error(s.valueMark("stratified"), "split.stratified",
                        "split.stratified applies to a random split, but split.strategy is " + lower(strategy),
                        "Set `strategy: random` to stratify, or remove `stratified: true`.");
            }
            double validation = s.fraction("validation_fraction", base.validationFraction());
            double test = s.fraction("test_fraction", base.testFraction());
            String time = s.text("time_column");
            String group = s.text("group_column");
            Split split = new Split(strategy, stratified, validation, test, time != null ? time : datasetTime,
                    group != null ? group : base.groupColumn() != null ? base.groupColumn() : dataset.idColumn());
            checkSplit(s, split);
            s.finish();
            return split;
        }

        private Split checkSplit(Section s, Split split) {
            Mark at = s == null ? new Mark(1, 1) : s.valueMark("test_fraction");
            if (split.validationFraction() + split.testFraction() >= 1) {
                throw error(at, "split", "split.validation_fraction + split.test_fraction must be below 1 to leave "
                        + "training rows, found %s + %s".formatted(plain(split.validationFraction()),
                        plain(split.testFraction())), "Lower the fractions, e.g. validation 0.1 and test 0.2.");
            }
            if (split.strategy() == SplitStrategy.TIME && split.timeColumn() == null) {
                throw error(s == null ? at : s.valueMark("strategy"), "split.strategy",
                        "split.strategy is time, but the dataset has no time_column and the spec names none",
                        "Add `time_column: <column>` under `split:`, or use `strategy: random`.");
            }
            if (split.strategy() == SplitStrategy.GROUP && split.groupColumn() == null) {
                throw error(s == null ? at : s.valueMark("strategy"), "split.strategy",
                        "split.strategy is group, but no group_column is named and the dataset has no id_column",
                        "Add `group_column: <column>` under `split:`.");
            }
            return split;
        }

        private Preprocessing preprocessing(Section p) {
            if (p == null) {
                return new Preprocessing(true, DEFAULT_MAX_CATEGORIES, ImputeStrategy.MEDIAN, null, false);
            }
            boolean standardize = p.bool("standardize", true);
            int maxCategories = DEFAULT_MAX_CATEGORIES;
            Section oneHot = p.section("one_hot", ONE_HOT_KEYS);
            if (oneHot != null) {
                maxCategories = (int) oneHot.integer("max_categories", DEFAULT_MAX_CATEGORIES, 1, 100_000);
                oneHot.finish();
            }
            ImputeStrategy impute = ImputeStrategy.MEDIAN;
            String value = null;
            Section imp = p.typedSection("impute", IMPUTE_KEYS);
            if (imp != null) {
                impute = imp.choice("strategy", ImputeStrategy.class, ImputeStrategy.MEDIAN);
                value = imp.text("value");
                if (impute == ImputeStrategy.CONSTANT && value == null) {
                    throw error(imp.map.mark(), "preprocessing.impute.value",
                            "preprocessing.impute.value is required when the strategy is constant",
                            "Add `value: <fill value>` under `impute:`, e.g. `value: 0`.");
                }
                if (impute != ImputeStrategy.CONSTANT && value != null) {
                    warn(imp.valueMark("value"), "preprocessing.impute.value",
                            "preprocessing.impute.value is only used by strategy constant; ignored", null);
                    value = null;
                }
                imp.finish();
            }
            boolean textLength = p.bool("text_length", false);
            p.finish();
            return new Preprocessing(standardize, maxCategories, impute, value, textLength);
        }

        private Model model(Section m) {
            if (m == null) {
                return new Model(ModelType.LOGISTIC_REGRESSION, List.of(), Activation.RELU, 0, false);
            }
            ModelType type = m.choice("type", ModelType.class, ModelType.LOGISTIC_REGRESSION);
            List<Integer> layers = new ArrayList<>();
            List<Node> items = m.list("layers");
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String path = "model.layers[" + i + "]";
                Long width = item instanceof ScalarNode s && s.token() == JsonToken.VALUE_NUMBER_INT
                        ? parseLong(s.text()) : null;
                if (width == null || width < 1 || width > 1_000_000) {
                    throw error(item.mark(), path, "%s must be a positive whole number of units, found %s"
                            .formatted(path, found(item)), "Write layer widths such as `layers: [64, 32]`.");
                }
                layers.add(width.intValue());
            }
            if (type == ModelType.MLP && layers.isEmpty()) {
                throw error(m.valueMark("layers"), "model.layers", "model.layers is required for an mlp and must "
                        + "list at least one hidden layer", "Add e.g. `layers: [64, 32]` under `model:`.");
            }
            if (type != ModelType.MLP) {
                for (String key : List.of("layers", "activation", "dropout", "batch_norm")) {
                    if (m.map.entries().containsKey(key)) {
                        warn(m.map.entries().get(key).keyMark(), "model." + key,
                                "model.%s is only used by an mlp; ignored for %s".formatted(key, lower(type)), null);
                    }
                }
                layers.clear();
            }
            Activation activation = m.choice("activation", Activation.class, Activation.RELU);
            double dropout = m.range("dropout", 0, 0, true, 1, false);
            boolean batchNorm = m.bool("batch_norm", false);
            m.finish();
            return new Model(type, layers, activation, dropout, batchNorm);
        }

        private Loss loss(Section l, Model model) {
            LossType dflt = model.type() == ModelType.LINEAR_REGRESSION ? LossType.MSE : LossType.BCE;
            if (l == null) {
                return new Loss(dflt, ClassWeighting.NONE, Map.of(), 2.0, 1.0);
            }
            LossType type = l.choice("type", LossType.class, dflt);
            if (model.type() == ModelType.LOGISTIC_REGRESSION && type.task() == Task.REGRESSION
                    || model.type() == ModelType.LINEAR_REGRESSION && type.task() == Task.CLASSIFICATION) {
                String expected = model.type() == ModelType.LOGISTIC_REGRESSION
                        ? "bce, focal or cross_entropy (classification)" : "mse or huber (regression)";
                throw error(l.valueMark("type"), "loss.type", "loss.type must be %s for model %s, found %s"
                        .formatted(expected, lower(model.type()), lower(type)),
                        "Pick a loss for the model's task, or change `model.type` (an mlp takes either).");
            }
            ClassWeighting weighting = ClassWeighting.NONE;
            Map<String, Double> weights = new LinkedHashMap<>();
            Node cw = l.value("class_weights");
            if (cw != null) {
                if (type.task() == Task.REGRESSION) {
                    warn(l.keyMark("class_weights"), "loss.class_weights",
                            "loss.class_weights is only used by classification losses; ignored for " + lower(type),
                            null);
                } else if (cw instanceof MapNode wm) {
                    weighting = ClassWeighting.EXPLICIT;
                    for (Entry e : wm.entries().values()) {
                        String path = "loss.class_weights." + e.key();
                        Double w = e.value() instanceof ScalarNode s ? number(s) : null;
                        if (w == null || w <= 0) {
                            throw error(e.value().mark(), path, "%s must be a number above 0, found %s"
                                    .formatted(path, found(e.value())), "Write e.g. `class_weights: {\"0\": 1, "
                                    + "\"1\": 5}`.");
                        }
                        weights.put(e.key(), w);
                    }
                } else {
                    String text = cw instanceof ScalarNode s ? s.text().toLowerCase(Locale.ROOT) : null;
                    if ("auto".equals(text)) {
                        weighting = ClassWeighting.AUTO;
                    } else if ("none".equals(text)) {
                        weighting = ClassWeighting.NONE;
                    } else {
                        throw error(cw.mark(), "loss.class_weights", ("loss.class_weights must be auto, none or a "
                                + "mapping of class to weight, found %s").formatted(found(cw)),
                                "Write `class_weights: auto`, or e.g. `class_weights: {\"0\": 1, \"1\": 5}`.");
                    }
                }
            }
            double gamma = l.range("gamma", 2.0, 0, true, Double.MAX_VALUE, true);
            double delta = l.range("delta", 1.0, 0, false, Double.MAX_VALUE, true);
            if (type != LossType.FOCAL && l.map.entries().containsKey("gamma")) {
                warn(l.keyMark("gamma"), "loss.gamma", "loss.gamma is only used by the focal loss; ignored", null);
            }
            if (type != LossType.HUBER && l.map.entries().containsKey("delta")) {
                warn(l.keyMark("delta"), "loss.delta", "loss.delta is only used by the huber loss; ignored", null);
            }
            l.finish();
            return new Loss(type, weighting, weights, gamma, delta);
        }

        private Optimizer optimizer(Section o) {
            if (o == null) {
                return new Optimizer(OptimizerType.ADAM, defaults.learningRate(), 0, 0);
            }
            OptimizerType type = o.choice("type", OptimizerType.class, OptimizerType.ADAM);
            double lr = o.range("learning_rate", defaults.learningRate(), 0, false, 10, true);
            double momentum = o.range("momentum", 0, 0, true, 1, false);
            if (type != OptimizerType.SGD && o.map.entries().containsKey("momentum")) {
                warn(o.keyMark("momentum"), "optimizer.momentum",
                        "optimizer.momentum is only used by sgd; ignored for " + lower(type), null);
            }
            double weightDecay = o.range("weight_decay", type == OptimizerType.ADAMW ? 0.01 : 0, 0, true, 1, true);
            o.finish();
            return new Optimizer(type, lr, momentum, weightDecay);
        }

        private Schedule schedule(Section s, Optimizer optimizer) {
            double maxLrDefault = optimizer.learningRate() * 10;
            if (s == null) {
                return new Schedule(ScheduleType.CONSTANT, 10, 0.1, maxLrDefault, 0.1, 2);
            }
            ScheduleType type = s.choice("type", ScheduleType.class, ScheduleType.CONSTANT);
            int stepSize = (int) s.integer("step_size", 10, 1, Integer.MAX_VALUE);
            double gamma = s.range("gamma", 0.1, 0, false, 1, false);
            double maxLr = s.range("max_lr", maxLrDefault, 0, false, 10, true);
            if (type == ScheduleType.ONE_CYCLE && maxLr < optimizer.learningRate()) {
                throw error(s.valueMark("max_lr"), "lr_schedule.max_lr", ("lr_schedule.max_lr must be at least "
                        + "optimizer.learning_rate (%s), found %s").formatted(plain(optimizer.learningRate()),
                        plain(maxLr)), "Raise `max_lr`; one-cycle warms up from the learning rate to max_lr.");
            }
            double factor = s.range("factor", 0.1, 0, false, 1, false);
            int patience = (int) s.integer("patience", 2, 1, Integer.MAX_VALUE);
            Map<ScheduleType, List<String>> uses = Map.of(ScheduleType.CONSTANT, List.of(),
                    ScheduleType.STEP, List.of("step_size", "gamma"), ScheduleType.COSINE, List.of(),
                    ScheduleType.ONE_CYCLE, List.of("max_lr"),
                    ScheduleType.REDUCE_ON_PLATEAU, List.of("factor", "patience"));
            for (String key : List.of("step_size", "gamma", "max_lr", "factor", "patience")) {
                if (s.map.entries().containsKey(key) && !uses.get(type).contains(key)) {
                    warn(s.keyMark(key), "lr_schedule." + key, "lr_schedule.%s is not used by schedule %s; ignored"
                            .formatted(key, lower(type)), null);
                }
            }
            s.finish();
            return new Schedule(type, stepSize, gamma, maxLr, factor, patience);
        }

        private EarlyStopping earlyStopping(Section top) {
            EarlyStoppingConfig base = defaults.earlyStopping();
            String metric = base == null ? EarlyStoppingConfig.DEFAULT_METRIC : base.metric();
            MetricMode mode = base == null ? MetricMode.MIN : base.mode();
            int patience = base == null ? DEFAULT_PATIENCE : base.patience();
            Node n = top.value("early_stopping");
            if (n instanceof ScalarNode s && s.token() == JsonToken.VALUE_FALSE) {
                return new EarlyStopping(false, metric, mode, patience, 0);
            }
            Section e = top.section("early_stopping", EARLY_STOPPING_KEYS);
            if (e == null) {
                return new EarlyStopping(true, metric, mode, patience, 0);
            }
            boolean enabled = e.bool("enabled", true);
            String named = e.text("metric");
            if (named != null) {
                if (named.isBlank()) {
                    throw error(e.valueMark("metric"), "early_stopping.metric",
                            "early_stopping.metric must not be empty", "Write e.g. `metric: val_loss`.");
                }
                metric = named;
                mode = guessMode(named);
            }
            mode = e.choice("mode", MetricMode.class, mode);
            patience = (int) e.integer("patience", patience, 1, Integer.MAX_VALUE);
            double minDelta = e.range("min_delta", 0, 0, true, Double.MAX_VALUE, true);
            e.finish();
            return new EarlyStopping(enabled, metric, mode, patience, minDelta);
        }

        private Checkpoint checkpoint(Section c) {
            int every = Math.max(1, defaults.checkpointEveryEpochs());
            if (c == null) {
                return new Checkpoint(every, DEFAULT_KEEP_BEST);
            }
            every = (int) c.integer("every_epochs", every, 1, Integer.MAX_VALUE);
            int keepBest = (int) c.integer("keep_best", DEFAULT_KEEP_BEST, 1, Integer.MAX_VALUE);
            c.finish();
            return new Checkpoint(every, keepBest);
        }

        private DeviceChoice device(Section top) {
            String text = top.text("device");
            if (text == null) {
                return new DeviceChoice(defaults.device(), defaults.device() == Device.GPU ? 0 : -1);
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("auto")) {
                return new DeviceChoice(Device.AUTO, -1);
            }
            if (t.equals("cpu")) {
                return new DeviceChoice(Device.CPU, -1);
            }
            Matcher m = GPU.matcher(t);
            if (m.matches()) {
                return new DeviceChoice(Device.GPU, m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
            }
            throw error(top.valueMark("device"), "device", "device must be auto, cpu or gpu:N (N the GPU index, "
                    + "e.g. gpu:0), found " + found(top.value("device")), "Write e.g. `device: gpu:0` or `device: cpu`.");
        }

        private Fairness fairness(Section f, DatasetConfig dataset, Task task) {
            if (f == null) {
                return Fairness.none();
            }
            String attribute = f.text("attribute");
            Mitigation mitigation = f.choice("mitigation", Mitigation.class, Mitigation.NONE);
            Criterion criterion = f.choice("criterion", Criterion.class, Criterion.DEMOGRAPHIC_PARITY);
            if (attribute == null) {
                if (dataset.sensitiveAttributes().isEmpty()) {
                    throw error(f.map.mark(), "fairness.attribute", "fairness.attribute is required: dataset `%s` "
                            .formatted(dataset.name()) + "declares no sensitive_attributes in mlwb.yaml",
                            "Add `attribute: <sensitive column>` under `fairness:`.");
                }
                attribute = dataset.sensitiveAttributes().get(0);
            }
            if (mitigation != Mitigation.NONE && task != Task.CLASSIFICATION) {
                throw error(f.valueMark("mitigation"), "fairness.mitigation", "fairness.mitigation needs a "
                        + "classification task", "Remove the mitigation, or train a classifier.");
            }
            f.finish();
            return new Fairness(attribute, mitigation, criterion);
        }

        private CostMatrix costs(Section c) {
            if (c == null) {
                return null;
            }
            double fp = c.requiredNonNegative("false_positive_cost");
            double fn = c.requiredNonNegative("false_negative_cost");
            c.finish();
            return new CostMatrix(fp, fn);
        }

        private Threshold threshold(Section top, Task task, CostMatrix costs) {
            Node n = top.value("threshold");
            if (n == null) {
                return new Threshold(DEFAULT_THRESHOLD, false);
            }
            if (task == Task.REGRESSION) {
                warn(top.keyMark("threshold"), "threshold",
                        "threshold is only used by classification; this spec is regression", null);
            }
            if (n instanceof ScalarNode s && s.token() == JsonToken.VALUE_STRING
                    && s.text().trim().equalsIgnoreCase("cost")) {
                if (costs == null) {
                    throw error(n.mark(), "threshold", "threshold: cost needs a cost matrix, but the spec has no "
                            + "`costs:` section", "Add `costs:` with `false_positive_cost` and `false_negative_cost`.");
                }
                return new Threshold(Double.NaN, true);
            }
            Double v = n instanceof ScalarNode s ? number(s) : null;
            if (v == null || v <= 0 || v >= 1) {
                throw error(n.mark(), "threshold", "threshold must be a probability above 0 and below 1, or `cost`, "
                        + "found " + found(n), "Write e.g. `threshold: 0.5`, or `threshold: cost` with `costs:`.");
            }
            return new Threshold(v, false);
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        private static MetricMode guessMode(String metric) {
            String m = metric.toLowerCase(Locale.ROOT);
            return m.endsWith("loss") || m.endsWith("mse") || m.endsWith("rmse") || m.endsWith("mae")
                    || m.endsWith("brier") ? MetricMode.MIN : MetricMode.MAX;
        }

        private YamlSection.Sink sink() {
            return new YamlSection.Sink() {
                @Override
                public ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
                    return Binder.this.error(at, keyPath, what, whatToDo);
                }

                @Override
                public void warn(Mark at, String keyPath, String message, String suggestion) {
                    Binder.this.warn(at, keyPath, message, suggestion);
                }
            };
        }

        private ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
            return new ConfigError(file, at.line(), at.column(), keyPath, what, whatToDo, null);
        }

        private void warn(Mark at, String keyPath, String message, String suggestion) {
            warnings.add(new ConfigWarning(file, at.line(), at.column(), keyPath, message, suggestion));
        }

        /** One mapping under a key path. */
        private final class Section extends YamlSection {
            Section(MapNode map, String path, List<String> known) {
                super(sink(), map, path, known);
            }

            Mark keyMark(String key) {
                Entry e = map.entries().get(key);
                return e == null ? map.mark() : e.keyMark();
            }

            Mark itemMark(String key, int index) {
                return value(key) instanceof ListNode l ? l.items().get(index).mark() : valueMark(key);
            }

            boolean bool(String key, boolean dflt) {
                Node n = value(key);
                if (n == null) {
                    return dflt;
                }
                if (n instanceof ScalarNode s && (s.token() == JsonToken.VALUE_TRUE
                        || s.token() == JsonToken.VALUE_FALSE)) {
                    return s.token() == JsonToken.VALUE_TRUE;
                }
                throw wrongType(key, n, "true or false", "Write `%s: true` or `%s: false`.".formatted(key, key));
            }

            /** A number in a range, each end open or closed. */
            double range(String key, double dflt, double min, boolean minIncluded, double max, boolean maxIncluded) {
                Node n = value(key);
                if (n == null) {
                    return dflt;
                }
                Double v = n instanceof ScalarNode s ? number(s) : null;
                if (v == null) {
                    throw wrongType(key, n, "a number", "Write a number without quotes, e.g. `%s: %s`."
                            .formatted(key, plain(dflt)));
                }
                boolean low = minIncluded ? v >= min : v > min;
                boolean high = maxIncluded ? v <= max : v < max;
                if (!low || !high) {
                    String lowText = (minIncluded ? "at least " : "above ") + plain(min);
                    String range = max == Double.MAX_VALUE ? lowText
                            : lowText + " and " + (maxIncluded ? "at most " : "below ") + plain(max);
                    throw error(n.mark(), child(key), "%s must be %s, found %s".formatted(child(key), range,
                            plain(v)), "Write e.g. `%s: %s`.".formatted(key, plain(dflt)));
                }
                return v;
            }

            double fraction(String key, double dflt) {
                return range(key, dflt, 0, false, 1, false);
            }

            double requiredNonNegative(String key) {
                if (value(key) == null) {
                    throw error(map.mark(), child(key), child(key) + " is required but missing",
                            "Add `%s: <cost>` under `costs:`.".formatted(key));
                }
                return range(key, 0, 0, true, Double.MAX_VALUE, true);
            }

            List<String> texts(String key) {
                List<String> result = new ArrayList<>();
                List<Node> items;
                Node n = value(key);
                if (n != null && !(n instanceof ListNode)) {
                    throw wrongType(key, n, "a list of column names", "Write e.g. `%s: [age, income]`."
                            .formatted(key));
                }
                items = list(key);
                for (int i = 0; i < items.size(); i++) {
                    Node item = items.get(i);
                    if (!(item instanceof ScalarNode s) || s.isNull()) {
                        throw error(item.mark(), child(key) + "[" + i + "]", "%s[%d] must be a column name, found %s"
                                .formatted(child(key), i, found(item)), "Write one column name per item.");
                    }
                    result.add(s.text());
                }
                return result;
            }

            Section section(String key, List<String> keys) {
                Node n = value(key);
                if (n == null) {
                    return null;
                }
                if (!(n instanceof MapNode m)) {
                    throw wrongType(key, n, "a mapping", "Write the keys of `%s` on the following lines, indented."
                            .formatted(key));
                }
                return new Section(m, child(key), keys);
            }

            /** A mapping with a {@code type} key, or a single value that is the type ({@code loss: bce}). */
            Section typedSection(String key, List<String> keys) {
                Node n = value(key);
                if (n instanceof ScalarNode s) {
                    Map<String, Entry> one = Map.of(keys.get(0), new Entry(keys.get(0), s.mark(), s));
                    return new Section(new MapNode(one, s.mark()), child(key), keys);
                }
                return section(key, keys);
            }

        }
    }

    // ---- value helpers -------------------------------------------------------------------------------------

    static String found(Node node) {
        return YamlSection.found(node);
    }

    static String quote(String text) {
        return YamlSection.quote(text);
    }

    static String plain(double d) {
        return YamlSection.plain(d);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return YamlSection.allowed(type);
    }

    static Double number(ScalarNode s) {
        if (s.token() == JsonToken.VALUE_NUMBER_INT) {
            Long l = parseLong(s.text());
            return l == null ? null : l.doubleValue();
        }
        if (s.token() == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                double d = Double.parseDouble(s.text().replace("_", ""));
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long parseLong(String text) {
        String t = text.replace("_", "");
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
