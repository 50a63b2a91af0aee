package io.mlwb.training.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.ConfigError;
import io.mlwb.core.project.ConfigWarning;
import io.mlwb.core.project.Device;
import io.mlwb.core.project.MetricMode;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.core.project.ProjectConfigLoader;
import io.mlwb.core.project.SplitStrategy;
import io.mlwb.training.spec.TrainingSpec.ClassWeighting;
import io.mlwb.training.spec.TrainingSpec.ImputeStrategy;
import io.mlwb.training.spec.TrainingSpec.LossType;
import io.mlwb.training.spec.TrainingSpec.ModelType;
import io.mlwb.training.spec.TrainingSpec.OptimizerType;
import io.mlwb.training.spec.TrainingSpec.ScheduleType;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingSpecLoaderTest {

    /** A project with a time-stamped dataset and no {@code training:} section. */
    private static final ProjectConfig PROJECT = new ProjectConfigLoader().parse("""
            name: p
            datasets:
              - name: loans
                path: data/loans.csv
                target: defaulted
                time_column: applied_at
                id_column: id
              - name: houses
                path: data/houses.csv
                target: price
            """, "mlwb.yaml").config();

    private final TrainingSpecLoader loader = new TrainingSpecLoader();

    private LoadedSpec parse(String yaml) {
        return loader.parse(yaml, "training/t.yaml", PROJECT);
    }

    private ConfigError fails(String yaml) {
        return assertThrows(ConfigError.class, () -> parse(yaml));
    }

    @Test
    void minimalSpecTakesBuiltInDefaults() {
        LoadedSpec loaded = parse("dataset: loans\n");
        TrainingSpec s = loaded.spec();
        assertEquals(List.of(), loaded.warnings());
        assertEquals("loans", s.dataset().name());
        assertNull(s.dataset().version());
        assertEquals("defaulted", s.target());
        assertEquals(Task.CLASSIFICATION, s.task());
        assertEquals("model logistic_regression", s.taskReason());
        assertEquals(List.of(), s.features().include());
        assertEquals(SplitStrategy.TIME, s.split().strategy(), "the dataset has a time column");
        assertEquals("applied_at", s.split().timeColumn());
        assertEquals(0.1, s.split().validationFraction());
        assertEquals(0.2, s.split().testFraction());
        assertEquals(ModelType.LOGISTIC_REGRESSION, s.model().type());
        assertEquals(LossType.BCE, s.loss().type());
        assertEquals(OptimizerType.ADAM, s.optimizer().type());
        assertEquals(0.001, s.optimizer().learningRate());
        assertEquals(ScheduleType.CONSTANT, s.schedule().type());
        assertEquals(32, s.batchSize());
        assertEquals(20, s.epochs());
        assertTrue(s.earlyStopping().enabled());
        assertEquals("val_loss", s.earlyStopping().metric());
        assertEquals(MetricMode.MIN, s.earlyStopping().mode());
        assertEquals(3, s.earlyStopping().patience());
        assertEquals(1, s.checkpoint().everyEpochs());
        assertEquals(1, s.checkpoint().keepBest());
        assertEquals(42, s.seed());
        assertEquals(Device.AUTO, s.device().kind());
        assertFalse(s.mixedPrecision());
        assertEquals(0.5, s.threshold().value());
        assertNull(s.costs());
    }

    @Test
    void datasetWithoutTimeColumnSplitsRandomlyAndLinearModelIsRegression() {
        TrainingSpec s = parse("dataset: houses\nmodel: linear_regression\n").spec();
        assertEquals(SplitStrategy.RANDOM, s.split().strategy());
        assertEquals(Task.REGRESSION, s.task());
        assertEquals(LossType.MSE, s.loss().type());
    }

    @Test
    void defaultsComeFromMlwbYamlTrainingSection() {
        ProjectConfig project = new ProjectConfigLoader().parse("""
                name: p
                datasets:
                  - name: houses
                    path: h.csv
                    target: price
                training:
                  seed: 7
                  device: cpu
                  max_epochs: 9
                  batch_size: 64
                  learning_rate: 0.05
                  split: {strategy: random, test_fraction: 0.3, validation_fraction: 0.15}
                  early_stopping: {metric: val_auc, patience: 6, mode: max}
                  checkpoint_every_epochs: 2
                """, "mlwb.yaml").config();
        TrainingSpec s = loader.parse("dataset: houses\n", "t.yaml", project).spec();
        assertEquals(7, s.seed());
        assertEquals(Device.CPU, s.device().kind());
        assertEquals(9, s.epochs());
        assertEquals(64, s.batchSize());
        assertEquals(0.05, s.optimizer().learningRate());
        assertEquals(0.3, s.split().testFraction());
        assertEquals(0.15, s.split().validationFraction());
        assertEquals("val_auc", s.earlyStopping().metric());
        assertEquals(6, s.earlyStopping().patience());
        assertEquals(MetricMode.MAX, s.earlyStopping().mode());
        assertEquals(2, s.checkpoint().everyEpochs());
    }

    @Test
    void everySectionIsRead() {
        LoadedSpec loaded = parse("""
                dataset: {name: loans, version: 3f2a9c1}
                target: defaulted
                features: {include: [age, income, notes], exclude: [income]}
                split: {strategy: random, stratified: true, validation_fraction: 0.15, test_fraction: 0.25}
                preprocessing:
                  standardize: false
                  one_hot: {max_categories: 5}
                  impute: {strategy: constant, value: "0"}
                  text_length: true
                model: {type: mlp, layers: [16, 8], activation: gelu, dropout: 0.2, batch_norm: true}
                loss: {type: bce, class_weights: {"0": 1, "1": 4}}
                optimizer: {type: sgd, learning_rate: 0.1, momentum: 0.9, weight_decay: 0.0001}
                lr_schedule: {type: step, step_size: 5, gamma: 0.5}
                batch_size: 128
                epochs: 12
                early_stopping: {metric: val_f1, patience: 4, min_delta: 0.001}
                checkpoint: {every_epochs: 2, keep_best: 3}
                seed: 9
                device: gpu:1
                mixed_precision: true
                costs: {false_positive_cost: 100, false_negative_cost: 900}
                threshold: cost
                """);
        assertEquals(List.of(), loaded.warnings());
        TrainingSpec s = loaded.spec();
        assertEquals("3f2a9c1", s.dataset().version());
        assertEquals(List.of("age", "income", "notes"), s.features().include());
        assertEquals(List.of("income"), s.features().exclude());
        assertEquals(SplitStrategy.RANDOM, s.split().strategy());
        assertTrue(s.split().stratified());
        assertEquals(0.25, s.split().testFraction());
        assertFalse(s.preprocessing().standardize());
        assertEquals(5, s.preprocessing().oneHotMaxCategories());
        assertEquals(ImputeStrategy.CONSTANT, s.preprocessing().impute());
        assertEquals("0", s.preprocessing().imputeValue());
        assertTrue(s.preprocessing().textLengthFeatures());
        assertEquals(List.of(16, 8), s.model().layers());
        assertEquals(TrainingSpec.Activation.GELU, s.model().activation());
        assertEquals(0.2, s.model().dropout());
        assertTrue(s.model().batchNorm());
        assertEquals(Task.CLASSIFICATION, s.task());
        assertEquals("loss bce", s.taskReason());
        assertEquals(ClassWeighting.EXPLICIT, s.loss().classWeights());
        assertEquals(Map.of("0", 1.0, "1", 4.0), s.loss().weights());
        assertEquals(0.9, s.optimizer().momentum());
        assertEquals(0.0001, s.optimizer().weightDecay());
        assertEquals(ScheduleType.STEP, s.schedule().type());
        assertEquals(5, s.schedule().stepSize());
        assertEquals(0.5, s.schedule().gamma());
        assertEquals(128, s.batchSize());
        assertEquals(12, s.epochs());
        assertEquals("val_f1", s.earlyStopping().metric());
        assertEquals(MetricMode.MAX, s.earlyStopping().mode(), "f1: larger is better");
        assertEquals(0.001, s.earlyStopping().minDelta());
        assertEquals(3, s.checkpoint().keepBest());
        assertEquals(9, s.seed());
        assertEquals("gpu:1", s.device().yamlName());
        assertTrue(s.mixedPrecision());
        assertTrue(s.threshold().byCost());
        assertEquals(900, s.costs().falseNegativeCost());
    }

    @Test
    void otherLossesSchedulesAndShortForms() {
        TrainingSpec s = parse("""
                dataset: houses
                model: {type: mlp, layers: [4]}
                loss: {type: huber, delta: 2}
                optimizer: adamw
                lr_schedule: {type: one_cycle, max_lr: 0.01}
                early_stopping: false
                """).spec();
        assertEquals(Task.REGRESSION, s.task());
        assertEquals("loss huber", s.taskReason());
        assertEquals(2.0, s.loss().delta());
        assertEquals(OptimizerType.ADAMW, s.optimizer().type());
        assertEquals(ScheduleType.ONE_CYCLE, s.schedule().type());
        assertEquals(0.01, s.schedule().maxLr());
        assertFalse(s.earlyStopping().enabled());
        TrainingSpec p = parse("dataset: loans\nloss: {type: focal, gamma: 3}\n"
                + "lr_schedule: {type: reduce_on_plateau, factor: 0.5, patience: 4}\n").spec();
        assertEquals(LossType.FOCAL, p.loss().type());
        assertEquals(3.0, p.loss().gamma());
        assertEquals(4, p.schedule().patience());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown dataset|dataset: nope|training/t.yaml:1:10: dataset names dataset \"nope\", which mlwb.yaml "
            + "does not declare (it declares `loans`, `houses`)|dataset",
        "layer not positive|dataset: loans\\nmodel:\\n  type: mlp\\n  layers: [8, 0]|training/t.yaml:4:15: "
            + "model.layers[1] must be a positive whole number of units, found 0|model.layers[1]",
        "mlp without layers|dataset: loans\\nmodel: mlp|training/t.yaml:2:8: model.layers is required for an mlp "
            + "and must list at least one hidden layer|model.layers",
        "fraction out of range|dataset: loans\\nsplit:\\n  test_fraction: 1.5|training/t.yaml:3:18: "
            + "split.test_fraction must be above 0 and below 1, found 1.5|split.test_fraction",
        "fractions too large|dataset: loans\\nsplit:\\n  validation_fraction: 0.5\\n  test_fraction: 0.5|"
            + "training/t.yaml:4:18: split.validation_fraction + split.test_fraction must be below 1 to leave "
            + "training rows, found 0.5 + 0.5|split",
        "loss against model|dataset: loans\\nmodel: logistic_regression\\nloss: mse|training/t.yaml:3:7: "
            + "loss.type must be bce, focal or cross_entropy (classification) for model logistic_regression, "
            + "found mse|loss.type",
        "bad device|dataset: loans\\ndevice: gpu-1|training/t.yaml:2:9: device must be auto, cpu or gpu:N (N the "
            + "GPU index, e.g. gpu:0), found \"gpu-1\"|device",
        "keep_best zero|dataset: loans\\ncheckpoint:\\n  keep_best: 0|training/t.yaml:3:14: checkpoint.keep_best "
            + "must be an integer at least 1, found 0|checkpoint.keep_best",
        "wrong enum|dataset: loans\\noptimizer:\\n  type: rmsprop|training/t.yaml:3:9: optimizer.type must be one "
            + "of sgd, adam, adamw, found \"rmsprop\"|optimizer.type",
        "wrong type|dataset: loans\\nbatch_size: big|training/t.yaml:2:13: batch_size must be an integer, found "
            + "\"big\"|batch_size",
        "cost threshold without costs|dataset: loans\\nthreshold: cost|training/t.yaml:2:12: threshold: cost "
            + "needs a cost matrix, but the spec has no `costs:` section|threshold",
        "stratified regression|dataset: houses\\nmodel: linear_regression\\nsplit:\\n  stratified: true|"
            + "training/t.yaml:4:15: split.stratified needs a classification task, but this spec is regression "
            + "(model linear_regression)|split.stratified",
        "target as feature|dataset: loans\\nfeatures:\\n  include: [age, defaulted]|training/t.yaml:3:18: "
            + "features.include[1] is the target \"defaulted\"; a model cannot take its target as input"
            + "|features.include[1]",
        "syntax error|dataset: [loans|training/t.yaml:1:16: YAML syntax error|",
    })
    void errorsNameFileLineColumnAndKeyPath(String name, String yaml, String message, String keyPath) {
        ConfigError e = fails(yaml.replace("\\n", "\n") + "\n");
        assertTrue(e.getMessage().startsWith(message), () -> name + ": " + e.getMessage());
        assertEquals(keyPath == null ? "" : keyPath, e.keyPath(), name);
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        assertFalse(e.whatToDo().isEmpty(), name);
    }

    @Test
    void unknownKeysWarnWithSuggestion() {
        LoadedSpec loaded = parse("dataset: loans\nepoch: 3\nmodel:\n  type: mlp\n  layers: [4]\n  dropuot: 0.1\n");
        List<ConfigWarning> w = loaded.warnings();
        assertEquals(2, w.size(), w::toString);
        assertEquals("training/t.yaml:2:1: unknown key `epoch` is ignored (did you mean `epochs`?)",
                w.get(0).describe());
        assertEquals("model.dropuot", w.get(1).keyPath());
        assertEquals("dropout", w.get(1).suggestion());
        assertEquals(20, loaded.spec().epochs(), "the misspelt key is ignored");
    }

    @Test
    void settingsWithoutEffectWarn() {
        LoadedSpec loaded = parse("dataset: loans\noptimizer: {type: adam, momentum: 0.9}\n");
        assertEquals("optimizer.momentum", loaded.warnings().get(0).keyPath());
    }

    @Test
    void missingFileIsAUserError() {
        var e = assertThrows(io.mlwb.core.error.UserError.class,
                () -> loader.load(Path.of("no-such-dir/none.yaml"), PROJECT));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void sampleSpecsLoadWithoutWarnings() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sample-projects"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no sample-projects folder above the working directory");
        Path sample = dir.resolve("sample-projects/credit-risk");
        Project project = Project.load(sample);

        LoadedSpec baseline = loader.load(sample.resolve("training/logistic_baseline.yaml"), project.config());
        assertEquals(List.of(), baseline.warnings());
        assertEquals("applications_2023", baseline.spec().dataset().name());
        assertEquals("defaulted", baseline.spec().target());
        assertEquals(ModelType.LOGISTIC_REGRESSION, baseline.spec().model().type());
        assertTrue(baseline.spec().threshold().byCost());

        LoadedSpec mlp = loader.load(sample.resolve("training/mlp.yaml"), project.config());
        assertEquals(List.of(), mlp.warnings());
        assertEquals(ModelType.MLP, mlp.spec().model().type());
        assertEquals(List.of(64, 32), mlp.spec().model().layers());
        assertEquals(Task.CLASSIFICATION, mlp.spec().task());
    }
}
