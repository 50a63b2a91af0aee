package io.mlwb.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ConfigError;
import io.mlwb.core.project.ConfigWarning;
import io.mlwb.core.project.MetricMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecLoaderTest {

    @TempDir
    Path project;
    private Path sweeps;
    private final SweepSpecLoader loader = new SweepSpecLoader();

    @BeforeEach
    void layOut() throws IOException {
        Files.createDirectories(project.resolve("training/sweeps"));
        Files.writeString(project.resolve("training/mlp.yaml"), "dataset: loans\n");
        sweeps = project.resolve("training/sweeps");
    }

    private LoadedSweep parse(String yaml) {
        return loader.parse(yaml, "training/sweeps/s.yaml", sweeps);
    }

    private ConfigError fails(String yaml) {
        return assertThrows(ConfigError.class, () -> parse(yaml));
    }

    @Test
    void readsTheFullShape() throws IOException {
        Path file = sweeps.resolve("mlp_sweep.yaml");
        Files.writeString(file, """
                spec: ../mlp.yaml            # base training spec, relative to this file
                metric: val_auc
                mode: max
                sampler: tpe
                seed: 7
                budget: { runs: 20, minutes: 30, cost_usd: 5.0 }
                halving: { min_epochs: 3, reduction_factor: 3 }
                parameters:
                  optimizer.learning_rate: { log_uniform: [0.0001, 0.01] }
                  model.layers: { choice: [[64, 32], [128, 64], [32]] }
                  model.dropout: { uniform: [0.0, 0.5] }
                  batch_size: { choice: [128, 256, 512] }
                  epochs: { int_uniform: [5, 30] }
                """);
        LoadedSweep loaded = loader.load(file);
        SweepSpec s = loaded.spec();
        assertEquals(List.of(), loaded.warnings());
        assertEquals(project.resolve("training/mlp.yaml").toAbsolutePath().normalize(), s.baseSpec());
        assertEquals("val_auc", s.metric());
        assertEquals(MetricMode.MAX, s.mode());
        assertEquals(SamplerKind.TPE, s.sampler());
        assertEquals(7, s.seed());
        assertEquals(new SweepSpec.Budget(20, Duration.ofMinutes(30), 5.0), s.budget());
        assertEquals(new SweepSpec.Halving(3, 3), s.halving());
        assertEquals(List.of("optimizer.learning_rate", "model.layers", "model.dropout", "batch_size", "epochs"),
                List.copyOf(s.parameters().keySet()));
        assertEquals(new Parameter.LogUniform(0.0001, 0.01), s.parameters().get("optimizer.learning_rate"));
        assertEquals(new Parameter.Choice(List.of(List.of(64L, 32L), List.of(128L, 64L), List.of(32L))),
                s.parameters().get("model.layers"));
        assertEquals(new Parameter.Uniform(0, 0.5), s.parameters().get("model.dropout"));
        assertEquals(new Parameter.Choice(List.of(128L, 256L, 512L)), s.parameters().get("batch_size"));
        assertEquals(new Parameter.IntUniform(5, 30), s.parameters().get("epochs"));
    }

    @Test
    void theSampleProjectsSweepLoads() {
        Path sample = Path.of("../../sample-projects/credit-risk/training/sweeps/mlp_sweep.yaml");
        LoadedSweep loaded = loader.load(sample);
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.spec().baseSpec().endsWith(Path.of("training", "mlp.yaml")));
        assertEquals(SamplerKind.TPE, loaded.spec().sampler());
    }

    @Test
    void defaultsAreTpeSeedZeroAndModeFromTheMetricName() {
        SweepSpec s = parse("""
                spec: ../mlp.yaml
                metric: val_loss
                budget: { runs: 5 }
                parameters:
                  model.dropout: { uniform: [0, 0.5] }
                """).spec();
        assertEquals(MetricMode.MIN, s.mode());
        assertEquals(SamplerKind.TPE, s.sampler());
        assertEquals(0, s.seed());
        assertNull(s.halving());
        assertEquals(new SweepSpec.Budget(5, null, null), s.budget());
    }

    @Test
    void gridOverAContinuousRangeNamesTheKey() {
        ConfigError e = fails("""
                spec: ../mlp.yaml
                metric: val_auc
                sampler: grid
                parameters:
                  batch_size: { grid: [128, 256] }
                  model.dropout: { uniform: [0.0, 0.5] }
                """);
        assertEquals("parameters.model.dropout", e.keyPath());
        assertEquals(6, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().startsWith("training/sweeps/s.yaml:6:3: parameters.model.dropout is a continuous"),
                e.getMessage());
        assertEquals(ExitCode.BAD_INPUT, e.exit());
    }

    @Test
    void gridNeedsNoBudgetAndEnumeratesIntRanges() {
        SweepSpec s = parse("""
                spec: ../mlp.yaml
                metric: val_auc
                sampler: grid
                parameters:
                  epochs: { int_uniform: [5, 7] }
                """).spec();
        assertTrue(s.budget().isUnlimited());
        assertEquals(List.of(5L, 6L, 7L), s.parameters().get("epochs").gridValues());
    }

    @Test
    void randomWithoutABudgetIsAnError() {
        ConfigError e = fails("""
                spec: ../mlp.yaml
                metric: val_auc
                sampler: random
                parameters:
                  model.dropout: { uniform: [0, 0.5] }
                """);
        assertEquals("budget", e.keyPath());
        assertTrue(e.getMessage().contains("a random sweep never runs out of points"), e.getMessage());
    }

    @Test
    void misspeltDistributionIsAnErrorWithAHint() {
        ConfigError e = fails("""
                spec: ../mlp.yaml
                metric: val_auc
                budget: { runs: 3 }
                parameters:
                  optimizer.learning_rate: { log_unifrom: [0.0001, 0.01] }
                """);
        assertEquals("parameters.optimizer.learning_rate.log_unifrom", e.keyPath());
        assertEquals(5, e.line());
        assertEquals(30, e.column());
        assertTrue(e.getMessage().contains("did you mean `log_uniform`"), e.getMessage());
    }

    @Test
    void unknownTopKeysAreWarningsWithSuggestions() {
        LoadedSweep loaded = parse("""
                spec: ../mlp.yaml
                metric: val_auc
                budget: { runs: 3 }
                halvng: { min_epochs: 2 }
                parameters:
                  model.dropout: { uniform: [0, 0.5] }
                """);
        ConfigWarning w = loaded.warnings().get(0);
        assertEquals("halvng", w.keyPath());
        assertEquals("halving", w.suggestion());
        assertEquals(4, w.line());
        assertNull(loaded.spec().halving());
    }

    @Test
    void missingBaseSpecPointsAtTheValue() {
        ConfigError e = fails("""
                metric: val_auc
                spec: ../nope.yaml
                """);
        assertEquals("spec", e.keyPath());
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badRangesAreErrors() {
        String head = "spec: ../mlp.yaml\nmetric: val_auc\nbudget: { runs: 3 }\nparameters:\n";
        assertTrue(fails(head + "  lr: { log_uniform: [0, 0.1] }\n").getMessage().contains("low bound above 0"));
        assertTrue(fails(head + "  d: { uniform: [0.5, 0.1] }\n").getMessage().contains("needs low < high"));
        assertTrue(fails(head + "  d: { uniform: [0.1] }\n").getMessage().contains("must be [low, high]"));
        assertTrue(fails(head + "  e: { int_uniform: [1.5, 3] }\n").getMessage().contains("two whole numbers"));
        assertTrue(fails(head + "  b: { choice: [] }\n").getMessage().contains("at least one value"));
        assertTrue(fails(head + "  b: { choice: [1], grid: [2] }\n").getMessage().contains("exactly one"));
        assertTrue(fails(head + "  b: 5\n").getMessage().contains("exactly one distribution"));
        assertTrue(fails(head + "  b..c: { choice: [1] }\n").getMessage().contains("dotted path"));
        assertTrue(fails(head + "  b: { choice: [1, ~] }\n").getMessage().contains("b.choice[1] is empty"));
        assertTrue(fails(head.replace("budget: { runs: 3 }", "budget: { runs: 0 }") + "  b: { choice: [1] }\n")
                .getMessage().contains("budget.runs must be an integer at least 1"));
        assertTrue(fails(head.replace("budget: { runs: 3 }", "budget: { minutes: -1 }") + "  b: { choice: [1] }\n")
                .getMessage().contains("budget.minutes must be a number above 0"));
        assertTrue(fails(head + "  b: { choice: [1] }\nhalving: { reduction_factor: 1 }\n").getMessage()
                .contains("halving.reduction_factor must be an integer at least 2"));
        assertTrue(fails(head.replace("metric: val_auc\n", "") + "  b: { choice: [1] }\n").getMessage()
                .contains("metric is required"));
        assertTrue(fails(head + "  b: { choice: [1] }\nsampler: bayes\n").getMessage()
                .contains("sampler must be one of grid, random, tpe"));
    }

    @Test
    void choiceValuesKeepTheirYamlTypes() {
        SweepSpec s = parse("""
                spec: ../mlp.yaml
                metric: val_auc
                sampler: grid
                parameters:
                  x: { choice: [1, 2.5, true, relu, "no", { type: focal, gamma: 2.0 }] }
                """).spec();
        List<Object> values = ((Parameter.Choice) s.parameters().get("x")).values();
        assertEquals(List.of(1L, 2.5, true, "relu", "no", java.util.Map.of("type", "focal", "gamma", 2.0)), values);
    }

    @Test
    void missingFileIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> loader.load(sweeps.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void emptyFileIsAnError() {
        assertEquals(1, fails("# nothing\n").line());
    }
}
